"""Submitting a draft from its page checks every rule of the fund; each broken rule is its
own message, and the draft stays a draft."""

from datetime import timedelta

import pytest

from app.core.timezone import local_today
from app.money.requests.models import RequestStatus
from tests.factories import make_activity, make_request
from tests.vouchers.helpers import money_world

RULES = {
    "window closed": ({"closes_on": -1}, "Aanvragen bij dit buurtbudget kan van"),
    "team too small": ({"min_team_size": 3}, "Een team heeft minstens 3 leden nodig voor een aanvraag."),
    "max per voucher": (
        {"max_per_voucher_cents": 50_00},
        "U vraagt € 100,00. Per aanvraag kan het hoogstens € 50,00 zijn.",
    ),
    "team total": (
        {"max_per_team_cents": 150_00, "max_per_voucher_cents": 150_00},
        "Samen met eerdere aanvragen (€ 100,00) komt het team boven het maximum van € 150,00.",
    ),
    # The fund's categories changed after the draft was saved (a draft keeps to them).
    "ineligible category": (
        {"categories_later": ["food"]},
        "Dit buurtbudget betaalt geen kosten voor 'Materiaal' (regel 1).",
    ),
    "not enough available": (
        {"total_cents": 50_00},
        "Er is nog € 50,00 beschikbaar in het buurtbudget. Vraag niet meer dan dat.",
    ),
}


def _flashes(client) -> list[tuple[str, str]]:
    with client.http.session_transaction() as session:
        return session.get("_flashes", [])


@pytest.mark.usefixtures("ctx")
@pytest.mark.parametrize("rule", list(RULES))
def test_each_broken_rule_is_its_own_message(client, rule):
    fund_rules, message = RULES[rule]
    if "closes_on" in fund_rules:  # days from today: the window closed yesterday
        fund_rules = {"closes_on": local_today() + timedelta(days=fund_rules["closes_on"])}
    fund_rules = dict(fund_rules)
    later = fund_rules.pop("categories_later", None)
    world = money_world(**fund_rules)
    if rule == "team total":  # an earlier request of €100 counts
        make_request(world.team, world.trekker, world.fund, make_activity(world.team, world.trekker))
    draft = make_request(world.team, world.trekker, world.fund, world.activity, submit=False)
    if later:
        world.fund.categories = later
    client.login(world.trekker).post(f"/teams/{world.team.id}/vouchers/{draft.id}/indienen")
    messages = [str(text) for _kind, text in _flashes(client)]
    assert [m for m in messages if m.startswith(message)] and len(messages) == 1, messages
    assert draft.status == RequestStatus.DRAFT


@pytest.mark.usefixtures("ctx")
def test_several_broken_rules_each_get_a_message(client):
    world = money_world(min_team_size=3, max_per_voucher_cents=50_00)
    draft = make_request(world.team, world.trekker, world.fund, world.activity, submit=False)
    world.fund.categories = ["food"]  # changed after the draft was saved
    client.login(world.trekker).post(f"/teams/{world.team.id}/vouchers/{draft.id}/indienen")
    assert len(_flashes(client)) == 3 and draft.status == RequestStatus.DRAFT
