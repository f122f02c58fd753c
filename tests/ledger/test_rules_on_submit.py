"""The fund's rules through the services: each broken rule at submit is its own Dutch
message and the draft stays a draft; a new total is booked as corrections of the first
entries, never below what is awarded; and the decision rule with its suggested amount."""

from datetime import timedelta
from types import SimpleNamespace

import pytest
import sqlalchemy as sa

from app.core.errors import RuleViolated
from app.core.timezone import local_today
from app.extensions import db
from app.money import ledger
from app.money.funds.services import RULES, update_fund
from app.money.models import DecisionRule, EntryKind, Fund
from app.money.requests import services as requests
from app.money.requests.models import Advice, Assessment, Outcome, RequestStatus, VoucherRequest
from app.money.review import services as review
from tests.factories import make_fund, make_neighbourhood, make_request, make_team, make_user, seat
from tests.ledger.helpers import entries

WINDOW = "Aanvragen bij dit buurtbudget kan van {opens_on} tot en met {closes_on}."


def world(total_cents: int = 1_000_00, **rules) -> SimpleNamespace:
    """A team of one trekker, a fund with the given rules, a chair and two members. The
    window's days are given as days from today."""
    for name in ("opens_on", "closes_on"):
        if name in rules:
            rules[name] = local_today() + timedelta(days=rules[name])
    hood = make_neighbourhood()
    coordinator, trekker = make_user("Cor Coördinator", hood, is_coordinator=True), make_user("Tess Trekker", hood)
    fund = make_fund(hood, coordinator, total_cents, **rules)
    advisers = [make_user(name, hood) for name in ("Carla Voorzitter", "Rik Regie", "Sam Regie")]
    for user, role in zip(advisers, ("chair", "member", "member"), strict=True):
        seat(fund, coordinator, user, role)
    return SimpleNamespace(
        coordinator=coordinator, trekker=trekker, team=make_team(hood, trekker), fund=fund, advisers=advisers
    )


def refused_submit(w, request) -> list[str]:
    """Submit must fail: its messages; the request is still a draft in the database."""
    with pytest.raises(requests.RulesViolated) as error:
        requests.submit(w.trekker, w.team, request)
    row = db.session.execute(
        sa.select(VoucherRequest.status, VoucherRequest.submitted_at).where(VoucherRequest.id == request.id)
    ).one()
    assert tuple(row) == (RequestStatus.DRAFT, None)
    return [str(message) for message in error.value.messages]


def decided(w, request, advice: Advice, amount: int | None = None) -> None:
    """Two advices alike, then the chair's decision by them."""
    for user in w.advisers[:2]:
        review.assess(user, request, advice, amount, "" if advice == Advice.AWARD else "Zo is het beter")
    outcome, cents = review.suggestion(w.fund, request, review.advices(request))
    review.decide(w.advisers[0], request, outcome, cents, "" if outcome == Outcome.AWARDED else "Om deze reden")


RULE_CASES = {
    "window closed": ({"opens_on": -9, "closes_on": -1}, 100_00, "materials"),
    "window not open yet": ({"opens_on": 1, "closes_on": 9}, 100_00, "materials"),
    "team too small": ({"min_team_size": 2}, 100_00, "materials"),
    "max per voucher": ({"max_per_voucher_cents": 50_00}, 60_00, "materials"),
    "category": ({"categories": ["food", "rent"]}, 100_00, "materials"),
    "support share": ({"support_percent": 20, "max_per_voucher_cents": 1_000_00}, 800_01, "food"),
}
MESSAGES = {
    "window closed": WINDOW,
    "window not open yet": WINDOW,
    "team too small": "Een team heeft minstens 2 leden nodig voor een aanvraag.",
    "max per voucher": "U vraagt € 60,00. Per aanvraag kan het hoogstens € 50,00 zijn.",
    "category": "Dit buurtbudget betaalt geen kosten voor 'Materiaal' (regel 1).",
    # €1.000 less the support share of 20 %: €800 is left, a cent too little.
    "support share": "Er is nog € 800,00 beschikbaar in het buurtbudget. Vraag niet meer dan dat.",
}


def expected(w, rule: str) -> str:
    return MESSAGES[rule].format(opens_on=f"{w.fund.opens_on:%d-%m-%Y}", closes_on=f"{w.fund.closes_on:%d-%m-%Y}")


@pytest.mark.usefixtures("ctx")
@pytest.mark.parametrize("rule", list(RULE_CASES))
def test_each_broken_rule_is_its_own_message_and_the_draft_stays(rule):
    rules, amount, category = RULE_CASES[rule]
    later, rules = _categories_later(rules)
    w = world(**rules)
    draft = make_request(w.team, w.trekker, w.fund, amount_cents=amount, submit=False, category=category)
    w.fund.categories = later or w.fund.categories
    assert refused_submit(w, draft) == [expected(w, rule)]


def _categories_later(rules: dict) -> tuple[list | None, dict]:
    """A draft keeps to the fund's categories (issue 24): a category it breaks at submit is
    one the fund dropped after the draft was saved."""
    rest = dict(rules)
    return rest.pop("categories", None), rest


@pytest.mark.usefixtures("ctx")
def test_the_rules_met_exactly_let_the_request_in():
    w = world(support_percent=20, max_per_voucher_cents=800_00, max_per_team_cents=800_00, categories=["food"])
    request = make_request(w.team, w.trekker, w.fund, amount_cents=800_00, category="food")
    assert request.status == RequestStatus.SUBMITTED


@pytest.mark.usefixtures("ctx")
def test_several_broken_rules_give_several_messages():
    rules = {
        name: value
        for case in ("window closed", "max per voucher", "category")
        for name, value in RULE_CASES[case][0].items()
    }
    later, rules = _categories_later(rules)
    w = world(min_team_size=3, **rules)
    draft = make_request(w.team, w.trekker, w.fund, amount_cents=60_00, submit=False)
    w.fund.categories = later
    assert refused_submit(w, draft) == [
        expected(w, "window closed"),
        "Een team heeft minstens 3 leden nodig voor een aanvraag.",
        expected(w, "max per voucher"),
        expected(w, "category"),
    ]


def _earlier(w, state: str) -> None:
    """An earlier request of €200 of the team, brought to `state`."""
    request = make_request(w.team, w.trekker, w.fund, amount_cents=200_00)
    if state == "awarded lower":
        decided(w, request, Advice.LOWER, 80_00)
    elif state == "rejected":
        decided(w, request, Advice.REJECT)
    elif state == "withdrawn":
        requests.withdraw(w.trekker, w.team, request)


@pytest.mark.usefixtures("ctx")
@pytest.mark.parametrize(
    "state, counted", [("submitted", "€ 200,00"), ("awarded lower", "€ 80,00"), ("rejected", None), ("withdrawn", None)]
)
def test_the_teams_total_counts_what_earlier_requests_asked_or_got(state, counted):
    w = world(max_per_team_cents=300_00, max_per_voucher_cents=300_00)
    _earlier(w, state)
    request = make_request(w.team, w.trekker, w.fund, amount_cents=250_00, submit=False)
    if counted is None:  # a rejected or withdrawn request does not count
        requests.submit(w.trekker, w.team, request)
        assert request.status == RequestStatus.SUBMITTED
    else:
        message = f"Samen met eerdere aanvragen ({counted}) komt het team boven het maximum van € 300,00."
        assert refused_submit(w, request) == [message]


def fund_state(fund: Fund) -> tuple:
    """The fund's rules and ledger as they are in the database."""
    db.session.expire(fund)
    return tuple(getattr(fund, name) for name in RULES), entries(fund)


def rules_of(fund: Fund, **changes) -> dict:
    return {name: getattr(fund, name) for name in RULES} | changes


@pytest.mark.usefixtures("ctx")
def test_lowering_the_total_below_what_is_awarded_is_refused_and_changes_nothing():
    w = world(max_per_voucher_cents=600_00)
    decided(w, make_request(w.team, w.trekker, w.fund, amount_cents=600_00), Advice.AWARD)
    before = fund_state(w.fund)
    with pytest.raises(RuleViolated) as error, db.session.begin_nested():
        update_fund(w.coordinator, w.fund, rules_of(w.fund, name="Nieuwe naam"), 599_99)
    assert str(error.value.message) == "Er is niet genoeg geld meer in het buurtbudget. Beschikbaar is nog € 0,00."
    assert fund_state(w.fund) == before
    update_fund(w.coordinator, w.fund, rules_of(w.fund), 600_00)  # down to exactly what is awarded
    assert ledger.balances(w.fund).available == 0


@pytest.mark.usefixtures("ctx")
def test_a_new_total_is_booked_as_corrections_of_the_first_entries():
    w = world(total_cents=1_000_00, support_percent=10)
    deposit, support = entries(w.fund)
    update_fund(w.coordinator, w.fund, rules_of(w.fund), 2_000_00)
    update_fund(w.coordinator, w.fund, rules_of(w.fund, support_percent=5), 2_500_00)
    later = [(row.kind, row.corrects_id, row.amount_cents) for row in entries(w.fund)[2:]]
    assert later == [
        (EntryKind.CORRECTION, deposit.id, 1_000_00),
        (EntryKind.CORRECTION, support.id, 100_00),
        (EntryKind.CORRECTION, deposit.id, 500_00),
        (EntryKind.CORRECTION, support.id, -75_00),  # 5 % of €2.500 is €125, there was €200
    ]
    balances = ledger.balances(w.fund)
    assert (balances.total, balances.support, balances.available) == (2_500_00, 125_00, 2_375_00)


@pytest.mark.usefixtures("ctx")
def test_a_support_share_where_there_was_none_is_its_own_entry():
    w = world(total_cents=1_000_00)
    update_fund(w.coordinator, w.fund, rules_of(w.fund, support_percent=10), 1_000_00)
    assert [(row.kind, row.corrects_id, row.amount_cents) for row in entries(w.fund)] == [
        (EntryKind.DEPOSIT, None, 1_000_00),
        (EntryKind.SUPPORT, None, 100_00),
    ]


def advices(*given) -> list[Assessment]:
    """Advices as the rule reads them: AWARD, REJECT, or an amount for a lower award."""
    return [
        Assessment(advice=Advice.LOWER, amount_cents=a) if isinstance(a, int) else Assessment(advice=a) for a in given
    ]


A, R = Advice.AWARD, Advice.REJECT


@pytest.mark.parametrize(
    "rule, given, awards",
    [
        (DecisionRule.MAJORITY, [A, A, R], True),
        (DecisionRule.MAJORITY, [A, R], False),  # a tie rejects
        (DecisionRule.MAJORITY, [150_00, R], False),
        (DecisionRule.MAJORITY, [150_00, A, R, R], False),
        (DecisionRule.MAJORITY, [150_00], True),
        (DecisionRule.MAJORITY, [], False),
        (DecisionRule.UNANIMOUS, [A, 150_00, A], True),
        (DecisionRule.UNANIMOUS, [A, A, R], False),
        (DecisionRule.UNANIMOUS, [], False),
    ],
)
def test_the_decision_rule(rule, given, awards):
    assert review.rule_outcome(rule, advices(*given)) is awards


@pytest.mark.parametrize(
    "given, suggested",
    [
        ([A, R], None),  # below the quorum of three
        ([A, R, R], (Outcome.REJECTED, 0)),
        ([A, A, 150_00], (Outcome.AWARDED, 200_00)),
        ([A, 120_00, 150_00], (Outcome.PARTLY_AWARDED, 120_00)),  # the lower middle of two
        ([A, 150_00, 100_00, 120_00, R], (Outcome.PARTLY_AWARDED, 120_00)),  # the median of three
        ([A, A, 100_00, 120_00], (Outcome.AWARDED, 200_00)),  # not most of the awarding advices
    ],
)
def test_the_suggestion_follows_the_rule_and_the_lower_amounts(given, suggested):
    fund, request = Fund(quorum=3, decision_rule=DecisionRule.MAJORITY), VoucherRequest(requested_cents=200_00)
    assert review.suggestion(fund, request, advices(*given)) == suggested


@pytest.mark.usefixtures("ctx")
def test_a_unanimous_fund_rejects_on_one_advice_against():
    w = world(decision_rule=DecisionRule.UNANIMOUS, quorum=3)
    request = make_request(w.team, w.trekker, w.fund, amount_cents=200_00)
    for user, advice in zip(w.advisers, (A, A, R), strict=True):
        review.assess(user, request, advice, None, "Past niet" if advice == R else "")
    with pytest.raises(RuleViolated, match="krijgt het team geen geld"), db.session.begin_nested():
        review.decide(w.advisers[0], request, Outcome.AWARDED, 0, "")
    review.decide(w.advisers[0], request, Outcome.REJECTED, 0, "Niet iedereen is voor.")
    assert request.status == RequestStatus.REJECTED and ledger.held_for(request.id).reserved == 0
