"""What the team's voucher pages read: the team's requests, the funds and activities it can
ask money for, a receipt. Reading only; the changes are in requests and settlement. (The
accountability and the list of receipts are read through review_queries, as the
coordinators' check does.)"""

import sqlalchemy as sa
from sqlalchemy.orm import joinedload

from app.activities import services as activities
from app.activities.models import Activity
from app.core.policy import can
from app.core.timezone import local_today
from app.extensions import db
from app.money.models import Fund
from app.money.requests.models import Receipt, VoucherRequest
from app.money.requests.services import PLANNABLE
from app.teams.models import Team


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
