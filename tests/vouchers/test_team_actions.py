"""The request's state machine, for the team's actions through their routes: in every
status each action is allowed (and moves the request as it should) or refused with a
message, and then nothing changed: not the request, its lines, its accountability, its
receipts, nor the fund's ledger."""

import pytest
import sqlalchemy as sa

from app.core import uploads
from app.core.models import utcnow
from app.extensions import db
from app.money.requests.models import Receipt, RequestStatus, VoucherRequest
from app.money.settlement.services import RECEIPTS
from tests.factories import make_request
from tests.vouchers.helpers import PDF, account_form, money_world, request_form, snapshot, took_place

S = RequestStatus
DECIDED_OR_LATER = (S.AWARDED, S.PARTLY_AWARDED, S.REJECTED, S.PAID_OUT, S.ACCOUNTED, S.SETTLED)

# action -> (path, form, the statuses where it is allowed, the status it leads to; None: gone)
ACTIONS = {
    "edit": ("/bewerken", lambda world, request: request_form(world, ("food", "Koek", "30")), (S.DRAFT,), S.DRAFT),
    "submit": ("/indienen", lambda world, request: {}, (S.DRAFT,), S.SUBMITTED),
    "withdraw": ("/intrekken", lambda world, request: {"sure": "y"}, (S.DRAFT, S.SUBMITTED, S.IN_REVIEW), S.WITHDRAWN),
    "delete": ("/verwijderen", lambda world, request: {"sure": "y"}, (S.DRAFT,), None),
    "object": (
        "/bezwaar",
        lambda world, request: {"reason": "Te weinig."},
        (S.AWARDED, S.PARTLY_AWARDED, S.REJECTED),
        S.IN_REVIEW,
    ),
    "account": ("/verantwoording", lambda world, request: account_form(request), (S.PAID_OUT,), S.ACCOUNTED),
}


def _request_in(world, status: RequestStatus) -> VoucherRequest:
    """A request put straight into `status`, as far as the team's actions look: decided
    ones have a decision date, paid ones a deadline, and the activity took place after
    the payout. Each has a receipt, so that only the status can stand in the way."""
    request = make_request(world.team, world.trekker, world.fund, world.activity, submit=False)
    decided = status in DECIDED_OR_LATER
    db.session.execute(
        sa.update(VoucherRequest)
        .where(VoucherRequest.id == request.id)
        .values(
            status=status,
            submitted_at=utcnow() if status != S.DRAFT else None,
            decided_at=utcnow() if decided else None,
            awarded_cents=100_00 if decided and status != S.REJECTED else None,
            accountability_due_on=world.fund.closes_on if status in (S.PAID_OUT, S.ACCOUNTED, S.SETTLED) else None,
        )
    )
    if status in (S.PAID_OUT, S.ACCOUNTED, S.SETTLED):
        took_place(world.activity)
    db.session.add(
        Receipt(request_id=request.id, title="Bon", size=len(PDF), file_name=uploads.store(RECEIPTS, PDF, ".pdf"))
    )
    db.session.flush()
    db.session.expire_all()
    return request


@pytest.mark.usefixtures("ctx")
@pytest.mark.parametrize("status", list(RequestStatus))
@pytest.mark.parametrize("action", list(ACTIONS))
def test_a_team_action_is_allowed_or_refused_with_nothing_changed(client, status, action):
    world = money_world()
    request = _request_in(world, status)
    path, form, allowed, leads_to = ACTIONS[action]
    data, request_id, before = form(world, request), request.id, snapshot(request)
    response = client.login(world.trekker).post(f"/teams/{world.team.id}/vouchers/{request.id}{path}", data)
    assert response.status_code == 302
    after = db.session.get(VoucherRequest, request_id)
    if status not in allowed:
        assert snapshot(request) == before
        with client.http.session_transaction() as session:
            assert [kind for kind, _text in session["_flashes"]] == ["error"]  # a message says why
    elif leads_to is None:
        assert after is None
    else:
        assert after.status == leads_to and snapshot(request) != before
