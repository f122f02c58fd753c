"""Loading a request for a person and an action, and every read of the request pages: the
team's requests, the funds and activities it can ask money for, the decisions, the
history, the accountability and its receipts. Reading only; the changes are in services."""

import sqlalchemy as sa
from flask import abort
from sqlalchemy.orm import joinedload, selectinload

from app.accounts.models import User
from app.activities import services as activities
from app.activities.models import Activity
from app.core.audit import AuditEntry
from app.core.policy import authorize, can
from app.core.timezone import local_today
from app.extensions import db
from app.money.models import Fund
from app.money.requests.models import Accountability, Decision, Receipt, VoucherRequest
from app.money.requests.services import PLANNABLE
from app.teams import services as teams
from app.teams.models import Team


def load_request(user, action: str, request_id: int, team_id: int | None = None) -> tuple[Team, VoucherRequest]:
    """The request (404 when it does not exist or is not of the team in the URL, or lies
    outside a coordinator's scope), its team, and the right to do `action` on it (403).
    Changing an id never opens another team's."""
    request = db.session.get(VoucherRequest, request_id, options=[selectinload(VoucherRequest.lines)])
    if request is None or (team_id is not None and request.team_id != team_id):
        abort(404)
    team = db.session.get(Team, request.team_id)
    authorize(user, action, request, place=team)
    return team, request


def load_for_team(user, team_id: int, request_id: int) -> tuple[Team, VoucherRequest]:
    """For the trekkers' actions: the team (404), the right to act for it (403), then the
    team's own request (404: another team's request does not exist here)."""
    team = teams.load_team_or_404(team_id)
    authorize(user, "voucher.apply", team)
    return load_request(user, "voucher.view", request_id, team.id)


def team_requests(team: Team) -> list[VoucherRequest]:
    """The team's requests, newest first, with their fund and activity (one statement)."""
    return list(
        db.session.scalars(
            sa.select(VoucherRequest)
            .where(VoucherRequest.team_id == team.id)
            .options(joinedload(VoucherRequest.fund), joinedload(VoucherRequest.activity))
            .order_by(VoucherRequest.created_at.desc(), VoucherRequest.id.desc())
        )
    )


def funds_for(team: Team, keep_id: int | None = None) -> list[Fund]:
    """The funds of the team's neighbourhood whose period has not ended (and the draft's own)."""
    return list(
        db.session.scalars(
            sa.select(Fund)
            .where(
                Fund.neighbourhood_id == team.neighbourhood_id,
                sa.or_(Fund.period_end >= local_today(), Fund.id == keep_id),
            )
            .order_by(Fund.opens_on, Fund.id)
        )
    )


def is_open(fund: Fund) -> bool:
    return fund.opens_on <= local_today() <= fund.closes_on


def plannable(team: Team, keep_id: int | None = None) -> list[Activity]:
    """The team's activities money can be asked for: ideas and planned ones (and the draft's own)."""
    return [a for a in activities.team_activities(team) if a.status in PLANNABLE or a.id == keep_id]


def fund_and_activity(request: VoucherRequest) -> tuple[Fund, Activity]:
    return db.session.get(Fund, request.fund_id), db.session.get(Activity, request.activity_id)


def summary(team: Team, request: VoucherRequest) -> dict:
    """What the summary at the top of the regie-group's and coordinators' pages shows."""
    fund, activity = fund_and_activity(request)
    return {"team": team, "request": request, "activity": activity, "fund": fund}


def history(request: VoucherRequest, user) -> list[tuple[AuditEntry, str | None]]:
    """What happened to the request, oldest first, with who did it. Who advised what is left
    out for those who may not see the advices (the team, recused regie members)."""
    hidden = () if can(user, "voucher.see_advice", request) else ("voucher.assessed",)
    rows = db.session.execute(
        sa.select(AuditEntry, User.name)
        .outerjoin(User, User.id == AuditEntry.actor_id)
        .where(
            AuditEntry.object_type == "voucherrequest",
            AuditEntry.object_id == request.id,
            AuditEntry.action.not_in(hidden),
        )
        .order_by(AuditEntry.at, AuditEntry.id)
    )
    return [(entry, name) for entry, name in rows]


def decisions(request: VoucherRequest) -> list[Decision]:
    """Every decision with its motivation: the first, and the final one after an objection."""
    return list(
        db.session.scalars(sa.select(Decision).where(Decision.request_id == request.id).order_by(Decision.round))
    )


def accountability_of(request: VoucherRequest) -> Accountability | None:
    return db.session.scalar(sa.select(Accountability).where(Accountability.request_id == request.id))


def receipts_of(request: VoucherRequest) -> list[Receipt]:
    return list(db.session.scalars(sa.select(Receipt).where(Receipt.request_id == request.id).order_by(Receipt.id)))


def receipt_of(request: VoucherRequest, receipt_id: int) -> Receipt | None:
    """The request's receipt; another request's receipt does not exist here."""
    return db.session.scalar(sa.select(Receipt).where(Receipt.id == receipt_id, Receipt.request_id == request.id))


def receipt_for(user, team_id: int, request_id: int, receipt_id: int) -> Receipt | None:
    """The receipt for whoever may see the request's receipts. To anyone else it does not
    exist (None, as for a wrong id): a receipt can show names, addresses and bank details,
    and its mere existence is none of their business."""
    request = db.session.get(VoucherRequest, request_id)
    if request is None or request.team_id != team_id or not can(user, "voucher.receipts", request):
        return None
    return receipt_of(request, receipt_id)
