"""The accountability under races (issue 22, the races SQLite hid): real parallel requests
against the served app on PostgreSQL. Every write of the accountability (a receipt added or
removed, the accountability itself) takes the request's row lock and reads it again, so
money spent is never accounted for without a receipt, and a request never has more
receipts than the limit."""

import secrets
from types import SimpleNamespace

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.money.requests.models import Advice, Outcome, Receipt, RequestStatus, VoucherLine, VoucherRequest
from app.money.review import services as review
from app.money.settlement import services as settlement
from tests.factories import make_request
from tests.live import all_at_once, arrange, count_rows, csrf_of, logged_in
from tests.vouchers.helpers import PDF, money_world, took_place

pytestmark = [pytest.mark.no_db_transaction, pytest.mark.many_connections]


def _paid(app, receipts: int) -> SimpleNamespace:
    """A request awarded €100 and paid out, its activity over, with `receipts` receipts."""

    def build():
        world = money_world()
        world.trekker.email = f"tess-{secrets.token_hex(4)}@example.org"
        request = make_request(world.team, world.trekker, world.fund, world.activity)
        review.assess(world.chair, request, Advice.AWARD, None, "")
        review.assess(world.regie, request, Advice.AWARD, None, "")
        review.decide(world.chair, request, Outcome.AWARDED, 100_00, "")
        settlement.pay_out(world.coordinator, request)
        took_place(world.activity)
        kept = [
            Receipt(request_id=request.id, file_name=f"{secrets.token_hex(16)}.pdf", title="Bon", size=1)
            for _ in range(receipts)
        ]
        db.session.add_all(kept)
        db.session.flush()
        lines = db.session.scalars(sa.select(VoucherLine.id).where(VoucherLine.request_id == request.id))
        form = {f"line_{line}": "80" for line in lines} | {"participants": "14", "report": "Gezellig!"}
        url = f"/teams/{world.team.id}/vouchers/{request.id}"
        return SimpleNamespace(id=request.id, email=world.trekker.email, url=url, form=form, receipts=kept[0].id)

    with app.test_request_context():
        return arrange(app, build)


def _status(app, request_id: int) -> RequestStatus:
    return count_rows(app, sa.select(VoucherRequest.status).where(VoucherRequest.id == request_id))


def _receipts(app, request_id: int) -> int:
    return count_rows(app, sa.select(sa.func.count()).where(Receipt.request_id == request_id))


@pytest.mark.parametrize("attempt", range(20))
def test_the_only_receipt_removed_while_the_money_is_accounted_for_never_leaves_spending_without_receipt(
    served, attempt
):
    app, base = served
    paid = _paid(app, receipts=1)
    tess = logged_in(base, paid.email)
    answers = all_at_once(
        [
            lambda: tess.post(f"{base}{paid.url}/verantwoording", data=paid.form),
            lambda: tess.post(f"{base}{paid.url}/bonnen/{paid.receipts}/verwijderen"),
        ]
    )
    assert all(answer < 500 for answer in answers), answers
    # Accounted with its receipt (which then stays), or the receipt gone and not accounted.
    assert (_status(app, paid.id), _receipts(app, paid.id)) in (
        (RequestStatus.ACCOUNTED, 1),
        (RequestStatus.PAID_OUT, 0),
    )


@pytest.mark.parametrize("attempt", range(5))
def test_receipts_uploaded_at_once_stay_within_the_limit(served, attempt):
    app, base = served
    paid = _paid(app, receipts=settlement.MAX_RECEIPTS - 2)
    tess = logged_in(base, paid.email)
    # The upload checks its CSRF token itself, whatever the app's setting.
    token = csrf_of(tess.get(f"{base}{paid.url}/verantwoording").text)
    form = {"title": "Bouwmarkt", "csrf_token": token}
    # Five different receipts (the same file twice is refused as already added).
    bons = [PDF.replace(b"%%EOF", f"% bon {n}\n%%EOF".encode()) for n in range(5)]
    answers = all_at_once(
        [
            lambda bon=bon: tess.post(f"{base}{paid.url}/bonnen", data=form, files={"file": ("bon.pdf", bon)})
            for bon in bons
        ]
    )
    assert all(answer < 500 for answer in answers), answers
    assert _receipts(app, paid.id) == settlement.MAX_RECEIPTS
