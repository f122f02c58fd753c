"""Issue 14's acceptance: 50 parallel awards of €100 on a fund with €1.000 available: exactly
10 succeed, available never goes below zero, and the ledger and balances agree; 20 rounds on
PostgreSQL. Real parallel transactions: threads, each with its own connection and session,
on a committed database, each deciding the way the decision page does (`perform` commits)."""

from collections import Counter
from types import SimpleNamespace

import pytest
import sqlalchemy as sa
from flask import get_flashed_messages

from app.accounts.models import User
from app.activities.models import Activity, ActivityStatus
from app.core.models import utcnow
from app.core.money import euros
from app.core.views import perform
from app.extensions import db
from app.money import ledger
from app.money.models import EntryKind, Fund
from app.money.requests.models import (
    Advice,
    Assessment,
    Decision,
    Outcome,
    RequestStatus,
    VoucherLine,
    VoucherRequest,
)
from app.money.review import services as review
from app.places.models import Neighbourhood
from app.teams.models import Team
from tests.factories import make_activity, make_fund, make_neighbourhood, make_request, make_team, make_user, seat
from tests.ledger.helpers import as_dict, entries, never_below_zero, recompute
from tests.live import migrated_app, together

pytestmark = [pytest.mark.no_db_transaction, pytest.mark.many_connections]
TEAMS, ROUNDS, POT, VOUCHER = 50, 20, 1_000_00, 100_00


@pytest.fixture(scope="module")
def committed():
    """Its own app on a committed database, with a connection for every thread at once, and
    50 teams with their trekkers and a chair in none of them."""
    engine = {"pool_pre_ping": True, "pool_size": TEAMS, "max_overflow": 5}
    with migrated_app("ledger", SQLALCHEMY_ENGINE_OPTIONS=engine) as (app, _url):
        with app.test_request_context():
            hood = make_neighbourhood()
            teams = []
            for n in range(TEAMS):
                trekker = make_user(f"Trekker {n}", hood)
                team = make_team(hood, trekker)
                teams.append((team.id, trekker.id, make_activity(team, trekker, status=ActivityStatus.PLANNED).id))
            people = SimpleNamespace(
                hood_id=hood.id,
                coordinator_id=make_user("Cor Coördinator", hood, is_coordinator=True).id,
                chair_id=make_user("Carla Voorzitter", hood).id,
                teams=teams,
            )
            db.session.commit()
        yield app, people


def open_requests(app, people, count: int) -> tuple[int, list[int]]:
    """A new fund of €1.000 (no support share, quorum 1) with `count` requests of €100 in
    review, each with the chair's advice to award; committed. The fund and the seat come
    from the services; the requests are written in bulk as save_draft, submit and assess
    leave them (tests/vouchers and tests/vouchers_review test those steps): making 50 of them
    through the services, 20 times over, took two thirds of this module's time."""
    with app.test_request_context():
        coordinator, chair = db.session.get(User, people.coordinator_id), db.session.get(User, people.chair_id)
        hood = db.session.get(Neighbourhood, people.hood_id)
        fund = make_fund(hood, coordinator, total_cents=POT, support_percent=0, max_per_team_cents=POT, quorum=1)
        seat(fund, coordinator, chair, "chair")
        teams = people.teams[:count]
        ids = db.session.scalars(
            sa.insert(VoucherRequest).returning(VoucherRequest.id, sort_by_parameter_order=True),
            [
                dict(
                    fund_id=fund.id,
                    team_id=team_id,
                    activity_id=activity_id,
                    created_by_id=trekker_id,
                    motivation="Voor de buurt.",
                    status=RequestStatus.IN_REVIEW,
                    requested_cents=VOUCHER,
                    submitted_at=utcnow(),
                )
                for team_id, trekker_id, activity_id in teams
            ],
        ).all()
        line = dict(position=1, category="materials", description="Verf en kwasten", amount_cents=VOUCHER)
        db.session.execute(sa.insert(VoucherLine), [dict(line, request_id=request_id) for request_id in ids])
        advice = dict(user_id=chair.id, round=1, advice=Advice.AWARD)
        db.session.execute(sa.insert(Assessment), [dict(advice, request_id=request_id) for request_id in ids])
        db.session.commit()
        return fund.id, ids


def decide_all_at_once(app, chair_id: int, request_ids: list[int]) -> list:
    """The chair awards every request at the same moment, one thread and transaction each.
    Per request: (decided?, the messages shown), or the exception that escaped."""

    def award(request_id: int):
        def call():
            chair = db.session.get(User, chair_id)
            request = db.session.get(VoucherRequest, request_id)
            decided = perform(review.decide, chair, request, Outcome.AWARDED, 0, "") is not None
            return decided, [str(text) for text in get_flashed_messages()]

        return call

    return together(app, [award(request_id) for request_id in request_ids])


@pytest.mark.parametrize("attempt", range(ROUNDS))
def test_fifty_parallel_awards_of_100_on_a_pot_of_1000(committed, attempt):
    app, people = committed
    fund_id, request_ids = open_requests(app, people, TEAMS)
    results = decide_all_at_once(app, people.chair_id, request_ids)

    assert all(isinstance(result, tuple) for result in results), results
    too_late = ledger.NOT_ENOUGH % {"available": euros(0)}
    assert Counter(decided for decided, _messages in results) == {True: 10, False: 40}
    assert all(messages == [str(too_late)] for decided, messages in results if not decided)
    with app.app_context():
        statuses = dict(
            db.session.execute(
                sa.select(VoucherRequest.id, VoucherRequest.status).where(VoucherRequest.fund_id == fund_id)
            ).all()
        )
        awarded = {request_id for request_id, status in statuses.items() if status == RequestStatus.AWARDED}
        assert Counter(statuses.values()) == {RequestStatus.AWARDED: 10, RequestStatus.IN_REVIEW: 40}
        assert awarded == {request_ids[n] for n, (decided, _m) in enumerate(results) if decided}
        decided_ids = db.session.scalars(sa.select(Decision.request_id).where(Decision.request_id.in_(request_ids)))
        assert sorted(decided_ids) == sorted(awarded)

        rows = entries(fund_id)
        reservations = [row for row in rows if row.kind == EntryKind.RESERVATION]
        assert [row.kind for row in rows] == [EntryKind.DEPOSIT] + [EntryKind.RESERVATION] * 10
        assert {row.request_id for row in reservations} == awarded
        assert {row.amount_cents for row in reservations} == {VOUCHER}
        balances = ledger.balances(db.session.get(Fund, fund_id))
        assert balances.available == 0 and balances.reserved == POT and balances.is_sound()
        assert as_dict(balances) == recompute(rows)
        assert never_below_zero(rows)  # in the order the entries were booked
        db.session.remove()


def test_a_double_decision_of_one_request_reserves_once(committed):
    app, people = committed
    for _ in range(5):
        fund_id, (request_id,) = open_requests(app, people, 1)
        results = decide_all_at_once(app, people.chair_id, [request_id, request_id])

        assert all(isinstance(result, tuple) for result in results), results
        assert sorted(results) == [(False, ["Over deze aanvraag is al besloten."]), (True, [])], results
        with app.app_context():
            decisions = db.session.scalar(sa.select(sa.func.count()).where(Decision.request_id == request_id))
            rows = entries(fund_id)
            assert decisions == 1
            assert [(row.kind, row.amount_cents) for row in rows] == [
                (EntryKind.DEPOSIT, POT),
                (EntryKind.RESERVATION, VOUCHER),
            ]
            assert ledger.balances(db.session.get(Fund, fund_id)).available == POT - VOUCHER
            db.session.remove()


def test_members_advising_at_the_same_moment_are_all_counted(committed):
    """The first advice moves the request into review; the others wait for it and count too."""
    app, people = committed
    with app.test_request_context():
        coordinator, hood = db.session.get(User, people.coordinator_id), db.session.get(Neighbourhood, people.hood_id)
        fund = make_fund(hood, coordinator, total_cents=POT, max_per_team_cents=POT)
        members = [make_user(f"Regie {n}", hood) for n in range(4)]
        for member in members:
            seat(fund, coordinator, member)
        team_id, trekker_id, activity_id = people.teams[0]
        request = make_request(
            db.session.get(Team, team_id), db.session.get(User, trekker_id), fund, db.session.get(Activity, activity_id)
        )
        member_ids, request_id = [member.id for member in members], request.id
        db.session.commit()

    def advise(member_id: int):
        def call():
            member, voucher = db.session.get(User, member_id), db.session.get(VoucherRequest, request_id)
            return perform(review.assess, member, voucher, Advice.AWARD, None, "") is not None

        return call

    results = together(app, [advise(member_id) for member_id in member_ids])
    assert results == [True] * len(member_ids)
    with app.app_context():
        voucher = db.session.get(VoucherRequest, request_id)
        assert voucher.status == RequestStatus.IN_REVIEW
        assert db.session.scalar(sa.select(sa.func.count()).where(Assessment.request_id == request_id)) == 4
        db.session.remove()
