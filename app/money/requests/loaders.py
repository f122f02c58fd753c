"""Loading a request for a person and an action, and reading its history."""

import sqlalchemy as sa
from flask import abort
from sqlalchemy.orm import selectinload

from app.accounts.models import User
from app.core.audit import AuditEntry
from app.core.policy import authorize, can
from app.extensions import db
from app.money.requests.models import Decision, VoucherRequest
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
