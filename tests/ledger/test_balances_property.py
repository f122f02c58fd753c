"""Issue 14's property: random sequences of submit, assess, decide, object, withdraw, pay
out, account, approve or send back, and a coordinator's correction keep every balance
invariant: available = total − support − reserved − paid out + returned, none negative, the
SQL sums equal a recomputation from the raw rows, and each request holds what its status
says. Issue 23's: with drafts edited and the fund's rules changed in between, every awarded
request satisfies every rule of its fund at the moment of its award. Every step is a
service call in its own savepoint (rolled back when refused, as `perform` does); each
example runs in its own session, whose savepoint is rolled back at the
end, so examples never see each other's rows."""

from datetime import timedelta
from types import SimpleNamespace

import pytest
import sqlalchemy as sa
from hypothesis import Phase, given, settings
from hypothesis import strategies as st
from sqlalchemy.orm import selectinload

from app.accounts.models import User
from app.activities.models import Activity, ActivityStatus
from app.core.errors import NotAllowed, RuleViolated
from app.core.models import utcnow
from app.extensions import db
from app.money import ledger
from app.money.funds.services import RULES, update_fund
from app.money.models import DecisionRule, EntryKind, Fund
from app.money.requests import services as requests
from app.money.requests.models import (
    AWARDED,
    Advice,
    Outcome,
    RequestStatus,
    VoucherRequest,
)
from app.money.review import services as review
from app.money.settlement import services as settlement
from app.places.models import Neighbourhood
from app.teams.models import Team
from tests.factories import add_member, make_fund, make_neighbourhood, make_request, make_team, make_user, seat
from tests.ledger.helpers import as_dict, entries, recompute

PDF = b"%PDF-1.4 een bon %%EOF"
# A request asks this share of the fund's total (in percent): each fits what is available,
# two or three together do not, so decisions compete for the money.
SHARES = (20, 30, 45, 60)
CORRECTIONS = (-500_00, -100_00, -10_00, -1, 0, 1, 10_00, 100_00, 500_00)
MAX_REQUESTS = 8
# Nothing more can happen to these.
AT_THE_END = (RequestStatus.WITHDRAWN, RequestStatus.SETTLED)
# "next" takes a request one step further on its way with the service that fits its status
# (random actions alone hardly get a request past its draft); the others come in between,
# and "any" tries a random service on a random request: mostly refused, with nothing changed.
ACTIONS = ("next",) * 8 + ("draft", "edit", "object", "withdraw", "correct", "correct", "rules", "any")
# What a draft asks for, and what the coordinator may change the fund to pay for and allow.
CATEGORIES = ("materials", "food", "promotion")
CATEGORY_SETS = (["materials", "food", "promotion"], ["materials"], ["food", "promotion"])
LIMITS = ((300_00, 500_00), (50_00, 500_00), (300_00, 100_00), (80_00, 120_00))

steps = st.lists(st.tuples(st.sampled_from(ACTIONS), st.integers(0, 15), st.integers(0, 35)), min_size=15, max_size=40)
funds = st.fixed_dictionaries(
    {
        "total_cents": st.sampled_from((100_00, 200_00, 400_00)),  # small: requests compete
        "support_percent": st.sampled_from((0, 10, 25)),
        "quorum": st.integers(1, 2),
        "decision_rule": st.sampled_from(DecisionRule),
    }
)


# 40 examples of up to 40 steps take about a minute here; a busy machine can take twice that.
@pytest.mark.timeout(300)
def test_every_step_keeps_the_balances_sound(app, tmp_path, monkeypatch):
    monkeypatch.setitem(app.config, "UPLOAD_FOLDER", str(tmp_path))  # the receipts
    people = _people()

    # No shrinking: a failing plan of up to 40 steps reads well enough as it is, and shrinking
    # one can take minutes, past the test's time limit.
    @settings(max_examples=40, deadline=None, phases=(Phase.explicit, Phase.reuse, Phase.generate))
    @given(rules=funds, plan=steps)
    def run(rules, plan):
        # A new app context is a new session (one per app context), whose savepoint is
        # rolled back when it closes: the example's rows go with it.
        with app.app_context(), app.test_request_context():
            assert db.session.scalar(sa.select(sa.func.count(VoucherRequest.id))) == 0
            world = _world(people, rules)
            for number, (action, target, choice) in enumerate(plan):
                # + number: Hypothesis draws 0 most often; this way the steps take turns on the
                # requests, the advisers and the kinds of advice.
                _apply(world, action, target + number, choice + number)
                _check(world)

    run()


def _people() -> SimpleNamespace:
    """Shared by all examples and only read by them: two teams, a coordinator and three
    residents for the regie-group, one of them in the first team (recused there)."""
    hood = make_neighbourhood()
    trekkers = [make_user(f"Trekker {n}", hood) for n in range(2)]
    teams = [make_team(hood, trekker) for trekker in trekkers]
    advisers = [make_user(name, hood) for name in ("Carla Voorzitter", "Rik Regie", "Mo Member")]
    add_member(teams[0], advisers[2])
    db.session.flush()
    return SimpleNamespace(
        hood_id=hood.id,
        coordinator_id=make_user("Cor Coördinator", hood, is_coordinator=True).id,
        trekker_of={team.id: trekker.id for team, trekker in zip(teams, trekkers, strict=True)},
        adviser_ids=[user.id for user in advisers],
    )


def _world(people, rules: dict) -> SimpleNamespace:
    coordinator = db.session.get(User, people.coordinator_id)
    fund = make_fund(
        db.session.get(Neighbourhood, people.hood_id),
        coordinator,
        max_per_voucher_cents=300_00,
        max_per_team_cents=500_00,
        **rules,
    )
    advisers = [db.session.get(User, user_id) for user_id in people.adviser_ids]
    for user, role in zip(advisers, ("chair", "member", "member"), strict=True):
        seat(fund, coordinator, user, role)
    return SimpleNamespace(
        fund=fund,
        total=rules["total_cents"],
        coordinator=coordinator,
        advisers=advisers,
        teams=[db.session.get(Team, team_id) for team_id in people.trekker_of],
        trekker_of={team_id: db.session.get(User, user_id) for team_id, user_id in people.trekker_of.items()},
        request_ids=[],
    )


def _state(world) -> tuple:
    """What a refused step must leave as it was: the ledger and every request's state."""
    statuses = db.session.execute(
        sa.select(VoucherRequest.id, VoucherRequest.status, VoucherRequest.round, VoucherRequest.awarded_cents)
        .where(VoucherRequest.fund_id == world.fund.id)
        .order_by(VoucherRequest.id)
    ).all()
    return entries(world.fund), statuses


def _apply(world, action: str, target: int, choice: int) -> None:
    before = _state(world)
    try:
        with db.session.begin_nested():
            created = _run(world, action, target, choice)
    except (RuleViolated, NotAllowed):
        db.session.expire_all()
        assert _state(world) == before, action  # refused: nothing changed
        return
    finally:
        db.session.expire_all()
    if created is not None:
        world.request_ids.append(created)


def _run(world, action: str, target: int, choice: int) -> int | None:
    if action == "correct":
        return correct(world, target, choice)
    if action == "rules":
        return change_rules(world, target, choice)
    pool = world.request_ids
    if action == "next":  # a request that is not at its end yet, or a new one
        statuses = dict(
            db.session.execute(
                sa.select(VoucherRequest.id, VoucherRequest.status).where(VoucherRequest.fund_id == world.fund.id)
            ).all()
        )
        pool = [request_id for request_id in pool if statuses[request_id] not in AT_THE_END]
    if action == "draft" or not pool:
        return draft(world, target, choice) if len(world.request_ids) < MAX_REQUESTS else None
    request = db.session.get(
        VoucherRequest, pool[target % len(pool)], options=[selectinload(VoucherRequest.lines)], populate_existing=True
    )
    if action == "next":
        step = _next_step(world, request, choice)
    elif action == "any":
        step = REQUEST_STEPS[choice % len(REQUEST_STEPS)]
    else:
        step = {"object": object_to, "withdraw": withdraw, "edit": edit}[action]
    step(world, request, choice)
    return None


def _next_step(world, request, choice):
    """The service that takes the request further, now and then a turn off the main way:
    withdrawn while open (also under objection, with its award held), objected to after an
    award."""
    if request.status in (RequestStatus.SUBMITTED, RequestStatus.IN_REVIEW):
        if choice % 10 == 9:
            return withdraw
        return decide if len(review.advices(request)) >= world.fund.quorum and choice % 3 != 2 else assess
    if request.status in (RequestStatus.AWARDED, RequestStatus.PARTLY_AWARDED):
        return object_to if choice % 5 == 4 else pay
    return {
        RequestStatus.DRAFT: submit,
        RequestStatus.REJECTED: object_to,
        RequestStatus.PAID_OUT: account,
        RequestStatus.ACCOUNTED: check,
    }[request.status]


def _team_and_trekker(world, request) -> tuple[Team, User]:
    return db.session.get(Team, request.team_id), world.trekker_of[request.team_id]


def draft(world, target, choice) -> int:
    team = world.teams[target % len(world.teams)]
    amount = world.total * SHARES[choice % 4] // 100
    request = make_request(
        team, world.trekker_of[team.id], world.fund, amount_cents=amount, submit=False, category=CATEGORIES[target % 3]
    )
    return request.id


def edit(world, request, choice):
    """The trekker changes the draft's line: another kind of cost, another amount."""
    team, trekker = _team_and_trekker(world, request)
    line = (CATEGORIES[choice % 3], "Anders", world.total * SHARES[choice // 3 % 4] // 100)
    activity = db.session.get(Activity, request.activity_id)
    requests.save_draft(trekker, team, request, world.fund, activity, request.motivation, [line])


def change_rules(world, target, choice) -> None:
    """The coordinator changes what the fund pays for and its maxima, e.g. between a submit
    and its award."""
    fund = world.fund
    rules = {name: getattr(fund, name) for name in RULES}
    rules["categories"] = CATEGORY_SETS[choice % 3]
    rules["max_per_voucher_cents"], rules["max_per_team_cents"] = LIMITS[target % 4]
    update_fund(world.coordinator, fund, rules, ledger.balances(fund).total)


def submit(world, request, _choice):
    team, trekker = _team_and_trekker(world, request)
    requests.submit(trekker, team, request)


def assess(world, request, choice):
    """Any of the three, so sometimes the one who is recused; any advice."""
    adviser, advice = world.advisers[choice % 3], (Advice.AWARD, Advice.LOWER, Advice.REJECT)[choice // 3 % 3]
    amount = request.requested_cents // 2 if advice == Advice.LOWER else None
    review.assess(adviser, request, advice, amount, "" if advice == Advice.AWARD else "Kan goedkoper")


def decide(world, request, choice):
    """Mostly what the rule suggests; now and then any outcome (the rule refuses it)."""
    fund = db.session.get(Fund, request.fund_id)
    suggested = review.suggestion(fund, request, review.advices(request))
    if suggested is None or choice % 8 == 7:
        suggested = (list(Outcome)[choice % 3], request.requested_cents // 3)
    review.decide(world.advisers[0], request, *suggested, "Zo besloten")
    _award_keeps_the_rules(request)


def _award_keeps_the_rules(request: VoucherRequest) -> None:
    """Counted here from the rows, not with the code under test: what the fund pays for, its
    maximum per voucher, and the team's total against its maximum per team."""
    if request.status not in AWARDED:
        return
    fund = db.session.get(Fund, request.fund_id)
    assert request.lines and {line.category for line in request.lines} <= set(fund.categories)
    assert request.awarded_cents <= fund.max_per_voucher_cents
    team_total = db.session.scalar(
        sa.select(sa.func.sum(sa.func.coalesce(VoucherRequest.awarded_cents, VoucherRequest.requested_cents))).where(
            VoucherRequest.fund_id == fund.id,
            VoucherRequest.team_id == request.team_id,
            VoucherRequest.status.in_(requests.COUNTED),
        )
    )
    assert team_total <= fund.max_per_team_cents


def object_to(world, request, _choice):
    team, trekker = _team_and_trekker(world, request)
    requests.object_to(trekker, team, request, "Wij zien het anders")


def withdraw(world, request, _choice):
    team, trekker = _team_and_trekker(world, request)
    requests.withdraw(trekker, team, request)


def pay(world, request, _choice):
    settlement.pay_out(world.coordinator, request)


def account(world, request, choice):
    """The activity took place; the team spent nothing, half, all, or more than it got."""
    team, trekker = _team_and_trekker(world, request)
    activity = db.session.get(Activity, request.activity_id)
    activity.status, activity.starts_at = ActivityStatus.DONE, utcnow() - timedelta(days=1)
    (line,) = request.lines
    got = request.awarded_cents or 0
    spent = (0, got // 2, got, got + 10_00)[choice % 4]
    settlement.add_receipt(trekker, team, request, PDF, "Bon")
    settlement.account(trekker, team, request, {line.id: spent}, "Het ging goed", 12)


def check(world, request, choice):
    """The coordinator approves (settles) or sends the accountability back."""
    approve = choice % 2 == 0
    settlement.review(world.coordinator, request, approve, "" if approve else "Bon ontbreekt")


def correct(world, target, choice) -> None:
    """A correction of any entry, by any signed amount: booked, or refused."""
    rows = entries(world.fund)
    entry = rows[(target * 7 + choice) % len(rows)]
    ledger.correct(world.coordinator, world.fund, entry.id, CORRECTIONS[choice % len(CORRECTIONS)], "Fout hersteld")


REQUEST_STEPS = (submit, assess, decide, object_to, withdraw, pay, account, check)


def _held_by_status(request: VoucherRequest, spent: int) -> tuple[int, int, int]:
    """(reserved, paid out, returned) for the request as its status says."""
    got = request.awarded_cents or 0
    if request.status in (RequestStatus.SUBMITTED, RequestStatus.IN_REVIEW):
        return got, 0, 0  # a first round holds nothing; under objection the award stays held
    if request.status in (RequestStatus.AWARDED, RequestStatus.PARTLY_AWARDED):
        return got, 0, 0
    if request.status in (RequestStatus.PAID_OUT, RequestStatus.ACCOUNTED):
        return 0, got, 0
    if request.status == RequestStatus.SETTLED:
        return 0, got, max(got - spent, 0)
    return 0, 0, 0  # draft, rejected, withdrawn


def _check(world) -> None:
    rows = entries(world.fund)
    balances = ledger.balances(world.fund)
    assert as_dict(balances) == recompute(rows)
    assert balances.available == (
        balances.total - balances.support - balances.reserved - balances.paid_out + balances.returned
    )
    assert balances.is_sound(), balances
    for request_id in world.request_ids:
        request = db.session.get(VoucherRequest, request_id)
        own = [row for row in rows if row.request_id == request_id]
        held = ledger.held_for(request_id)
        mine = recompute(own)
        assert (held.reserved, held.paid_out, held.returned) == (mine["reserved"], mine["paid_out"], mine["returned"])
        assert min(held.reserved, held.paid_out, held.returned) >= 0
        if not any(row.kind == EntryKind.CORRECTION for row in own):  # a correction changes what is held on purpose
            spent = settlement.spent(request)
            assert (held.reserved, held.paid_out, held.returned) == _held_by_status(request, spent), request.status
