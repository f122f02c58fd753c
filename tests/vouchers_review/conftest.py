"""The regie-group's world: a fund of €1.000 with a chair, a deputy and two members (Mo is
also in the requesting team, so recused), and one submitted request of €200 from the team."""

import html
from datetime import timedelta
from types import SimpleNamespace

import pytest
import sqlalchemy as sa

from app.activities.models import Activity, ActivityStatus
from app.core.audit import AuditEntry
from app.core.models import utcnow
from app.core.notifications import Notification
from app.extensions import db
from app.money.models import LedgerEntry
from app.money.requests import services as requests
from app.money.requests.models import Advice, Assessment, Decision, Outcome, RequestStatus, VoucherLine, VoucherRequest
from app.money.review import services as review
from app.money.settlement import services as settlement
from tests.factories import add_member, make_fund, make_neighbourhood, make_request, make_team, make_user, seat

PDF = b"%PDF-1.4 een bon %%EOF"


@pytest.fixture
def w():
    hood = make_neighbourhood("Kruiskamp")
    coordinator = make_user("Cor Coördinator", hood, is_coordinator=True)
    trekker = make_user("Tess Trekker", hood)
    team = make_team(hood, trekker, name="Pruimengaarde Samen")
    fund = make_fund(hood, coordinator, total_cents=1_000_00)
    chair, deputy, rik, mo = (
        make_user(name, hood) for name in ("Carla Voorzitter", "Dirk Plaatsvervanger", "Rik Regie", "Mo Member")
    )
    seat(fund, coordinator, chair, "chair")
    seat(fund, coordinator, deputy, "deputy")
    seat(fund, coordinator, rik)
    seat(fund, coordinator, mo)
    add_member(team, mo)
    request = make_request(team, trekker, fund, amount_cents=200_00)
    return SimpleNamespace(
        hood=hood,
        coordinator=coordinator,
        trekker=trekker,
        team=team,
        fund=fund,
        chair=chair,
        deputy=deputy,
        rik=rik,
        mo=mo,
        request=request,
    )


def page(response) -> str:
    """The page's text with HTML entities read back (euro&#39;s -> euro's)."""
    return html.unescape(response.get_data(as_text=True))


def count(model, *where) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model).where(*where))


def snapshot(request: VoucherRequest) -> tuple:
    """Everything a refused action must leave as it was."""
    row = db.session.execute(
        sa.select(
            VoucherRequest.status,
            VoucherRequest.round,
            VoucherRequest.awarded_cents,
            VoucherRequest.paid_at,
            VoucherRequest.updated_at,
        ).where(VoucherRequest.id == request.id)
    ).one()
    return (
        tuple(row),
        count(Assessment, Assessment.request_id == request.id),
        count(Decision, Decision.request_id == request.id),
        count(LedgerEntry, LedgerEntry.fund_id == request.fund_id),
        count(Notification),
        count(AuditEntry),
    )


def advise_twice(w, advice=Advice.AWARD, amount=None, comment="Goed plan"):
    """The chair and Rik advise alike: the quorum of two is reached."""
    for user in (w.chair, w.rik):
        review.assess(user, w.request, advice, amount, comment)


def awarded(w) -> VoucherRequest:
    advise_twice(w)
    review.decide(w.chair, w.request, Outcome.AWARDED, 0, "")
    return w.request


def accounted(w, spent_cents: int = 150_00) -> VoucherRequest:
    """Awarded, paid out, the activity held, and the team accounted with a receipt."""
    settlement.pay_out(w.coordinator, awarded(w))
    activity = db.session.get(Activity, w.request.activity_id)
    activity.status, activity.starts_at = ActivityStatus.DONE, utcnow() - timedelta(days=1)
    line = db.session.scalar(sa.select(VoucherLine).where(VoucherLine.request_id == w.request.id))
    settlement.add_receipt(w.trekker, w.team, w.request, PDF, "Bon van de bouwmarkt")
    settlement.account(w.trekker, w.team, w.request, {line.id: spent_cents}, "Gezellig en druk", 24)
    return w.request


def bring_to(w, status: RequestStatus) -> VoucherRequest:
    """A request of the world's team in `status`, the way the services get it there."""
    if status == RequestStatus.DRAFT:
        return make_request(w.team, w.trekker, w.fund, submit=False)
    lower = w.request.requested_cents * 3 // 4
    steps = {
        RequestStatus.SUBMITTED: lambda: None,
        RequestStatus.IN_REVIEW: lambda: advise_twice(w),
        RequestStatus.AWARDED: lambda: awarded(w),
        RequestStatus.PARTLY_AWARDED: lambda: (
            advise_twice(w, Advice.LOWER, lower, "Verf is goedkoper"),
            review.decide(w.chair, w.request, Outcome.PARTLY_AWARDED, lower, "Verf kost minder."),
        ),
        RequestStatus.REJECTED: lambda: (
            advise_twice(w, Advice.REJECT, None, "Past niet"),
            review.decide(w.chair, w.request, Outcome.REJECTED, 0, "Past niet bij het buurtbudget."),
        ),
        RequestStatus.WITHDRAWN: lambda: requests.withdraw(w.trekker, w.team, w.request),
        RequestStatus.PAID_OUT: lambda: settlement.pay_out(w.coordinator, awarded(w)),
        RequestStatus.ACCOUNTED: lambda: accounted(w),
        RequestStatus.SETTLED: lambda: settlement.review(w.coordinator, accounted(w), True, ""),
    }
    steps[status]()
    assert w.request.status == status
    return w.request
