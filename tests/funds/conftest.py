"""A fund's world: Kruiskamp's fund of €1.000 (10% for support) with a chair and a member in
its regie-group, a team with a submitted request of €200, and people outside it all."""

import html
from types import SimpleNamespace

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.money.models import LedgerEntry
from app.money.requests.models import Advice, Outcome
from app.money.review import services as review
from tests.factories import make_fund, make_neighbourhood, make_request, make_team, make_user, seat


@pytest.fixture
def w():
    hood = make_neighbourhood("Kruiskamp")
    coordinator = make_user("Cor Coördinator", hood, is_coordinator=True)
    trekker = make_user("Tess Trekker", hood)
    team = make_team(hood, trekker, name="Pruimengaarde Samen")
    fund = make_fund(hood, coordinator, total_cents=1_000_00, support_percent=10, name="Buurtbudget Kruiskamp")
    chair, rik, rosa = (make_user(name, hood) for name in ("Carla Voorzitter", "Rik Regie", "Rosa Resident"))
    seat(fund, coordinator, chair, "chair")
    member_seat = seat(fund, coordinator, rik)
    request = make_request(team, trekker, fund, amount_cents=200_00)
    return SimpleNamespace(
        hood=hood,
        coordinator=coordinator,
        trekker=trekker,
        team=team,
        fund=fund,
        chair=chair,
        rik=rik,
        rosa=rosa,
        member_seat=member_seat,
        request=request,
    )


def page(response) -> str:
    """The page's text with HTML entities read back (euro&#39;s -> euro's)."""
    return html.unescape(response.get_data(as_text=True))


def entries(fund) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(LedgerEntry).where(LedgerEntry.fund_id == fund.id))


def award(w, request, outcome=Outcome.AWARDED, amount_cents=0, motivation=""):
    """The chair and Rik advise to award (the quorum of two); the chair decides."""
    for user in (w.chair, w.rik):
        review.assess(user, request, Advice.AWARD, None, "Goed plan")
    return review.decide(w.chair, request, outcome, amount_cents, motivation)
