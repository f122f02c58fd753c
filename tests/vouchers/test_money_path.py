"""The whole way of one request through the services, with the ledger checked at each step."""

import io
from datetime import timedelta

import pytest
import sqlalchemy as sa
from PIL import Image

from app.activities.models import Activity, ActivityStatus
from app.core.errors import NotAllowed, RuleViolated
from app.core.models import utcnow
from app.extensions import db
from app.money import ledger
from app.money.requests.models import Advice, Outcome, RequestStatus, VoucherLine
from app.money.review import services as review
from app.money.settlement import services as settlement
from tests.factories import add_member, make_fund, make_neighbourhood, make_request, make_team, make_user, seat


@pytest.fixture
def world(ctx):
    hood = make_neighbourhood("Kruiskamp")
    coordinator = make_user("Cor Coördinator", hood, is_coordinator=True)
    trekker = make_user("Tess Trekker", hood)
    team = make_team(hood, trekker, name="Pruimengaarde Samen")
    fund = make_fund(hood, coordinator, total_cents=1_000_00, support_percent=10)
    chair, member, recused = (make_user(name, hood) for name in ("Carla Voorzitter", "Rik Regie", "Mo Member"))
    seat(fund, coordinator, chair, "chair")
    seat(fund, coordinator, member)
    seat(fund, coordinator, recused)
    add_member(team, recused)
    return fund, team, trekker, coordinator, chair, member, recused


def test_request_award_payout_account_settle(world):
    fund, team, trekker, coordinator, chair, member, recused = world
    assert ledger.balances(fund).available == 900_00
    request = make_request(team, trekker, fund, amount_cents=200_00)
    assert request.status == RequestStatus.SUBMITTED
    with pytest.raises(NotAllowed):
        review.assess(recused, request, Advice.AWARD, None, "")
    with pytest.raises(NotAllowed):
        review.assess(coordinator, request, Advice.AWARD, None, "")
    review.assess(chair, request, Advice.AWARD, None, "")
    assert request.status == RequestStatus.IN_REVIEW
    review.assess(member, request, Advice.LOWER, 150_00, "Verf is goedkoper")
    review.decide(chair, request, Outcome.PARTLY_AWARDED, 150_00, "Verf kost minder.")
    assert request.status == RequestStatus.PARTLY_AWARDED
    assert ledger.balances(fund).reserved == 150_00 and ledger.balances(fund).available == 750_00
    settlement.pay_out(coordinator, request)
    balances = ledger.balances(fund)
    assert (balances.reserved, balances.paid_out, balances.available) == (0, 150_00, 750_00)
    activity = db.session.get(Activity, request.activity_id)
    activity.status, activity.starts_at = ActivityStatus.DONE, utcnow() - timedelta(days=1)
    line = db.session.scalar(sa.select(VoucherLine).where(VoucherLine.request_id == request.id))
    with pytest.raises(RuleViolated):
        settlement.account(trekker, team, request, {line.id: 120_00}, "Gezellig", 12)  # no receipt
    png = _png()
    settlement.add_receipt(trekker, team, request, png, "Bon van de bouwmarkt")
    settlement.account(trekker, team, request, {line.id: 120_00}, "Gezellig", 12)
    settlement.review(coordinator, request, True, "")
    balances = ledger.balances(fund)
    assert request.status == RequestStatus.SETTLED
    assert (balances.paid_out, balances.returned, balances.available) == (150_00, 30_00, 780_00)
    assert balances.is_sound()


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (20, 20), "white").save(out, "PNG")
    return out.getvalue()
