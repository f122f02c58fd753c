"""Issue 24, item 10: the request form no longer leads into the fund's rule errors or leaves
duplicates. The rows offer only the cost categories the chosen fund pays for (with several
funds, a first step chooses the fund; a category of another fund is refused with the allowed
ones named); a submit that fails says that the draft was saved and what is still needed;
and starting again for the same activity offers the draft that is there instead of making
a second one, unless the trekker asks for one."""

import re

import pytest
import sqlalchemy as sa

from app.core.errors import RuleViolated
from app.extensions import db
from app.money.requests import services as requests
from app.money.requests.models import VoucherRequest
from app.places.models import Neighbourhood
from tests.factories import make_fund, make_request
from tests.vouchers.helpers import money_world, page_of, request_form, snapshot

CATEGORY_OPTION = re.compile(r'<select[^>]*name="lines-0-category"[^>]*>(.*?)</select>', re.S)


def _requests(team) -> list[VoucherRequest]:
    return list(db.session.scalars(sa.select(VoucherRequest).where(VoucherRequest.team_id == team.id)))


def _new(world, query: str = "") -> str:
    return f"/teams/{world.team.id}/vouchers/nieuw{query}"


def _hood(world) -> Neighbourhood:
    return db.session.get(Neighbourhood, world.team.neighbourhood_id)


def _offered(page: str) -> list[str]:
    """The values the first row's "Soort kosten" offers."""
    return re.findall(r'value="(\w+)"', CATEGORY_OPTION.search(page).group(1))


# --- only what the fund pays for ---------------------------------------------------------


def test_the_rows_offer_only_the_categories_the_fund_pays_for(client):
    world = money_world(categories=["materials", "food"])
    page = page_of(client.login(world.trekker).get(_new(world)))
    assert _offered(page) == ["materials", "food"]
    assert f"{world.fund.name} betaalt voor: Materiaal, Eten en drinken." in page


def test_a_category_the_fund_does_not_pay_for_is_named_and_nothing_is_saved(client):
    world = money_world(categories=["materials", "food"])
    response = client.login(world.trekker).post(_new(world), request_form(world, ("rent", "Zaal", "50")))
    assert response.status_code == 200
    assert "Regel 1: Dit buurtbudget betaalt alleen voor: Materiaal, Eten en drinken." in page_of(response)
    assert _requests(world.team) == []


def test_the_service_keeps_a_draft_to_the_funds_categories(client, ctx):
    world = money_world(categories=["materials"])
    with pytest.raises(RuleViolated, match="betaalt alleen voor: Materiaal"):
        requests.save_draft(world.trekker, world.team, None, world.fund, world.activity, "", [("food", "Koek", 5_00)])


def test_with_several_funds_the_fund_is_chosen_first_and_the_rows_follow_it(client):
    world = money_world(categories=["materials", "food"])
    other = make_fund(_hood(world), world.coordinator, categories=["rent", "hire"])
    client.login(world.trekker)
    first = page_of(client.get(_new(world, f"?activiteit={world.activity.id}")))
    assert "Bij welk buurtbudget vraagt u geld aan?" in first and 'name="lines-0-category"' not in first
    assert f'value="{world.fund.id}"' in first and f'value="{other.id}"' in first
    assert f'name="activiteit" value="{world.activity.id}"' in first  # the activity comes along

    page = page_of(client.get(_new(world, f"?fonds={other.id}&activiteit={world.activity.id}")))
    assert _offered(page) == ["rent", "hire"]
    assert f'<option selected value="{other.id}">' in page

    # Without JavaScript the fund can still be changed on the form: the rows are checked
    # against the fund that was sent, which names what it pays for.
    data = request_form(world, ("materials", "Verf", "20")) | {"fund_id": str(other.id)}
    response = client.post(_new(world), data)
    assert "Regel 1: Dit buurtbudget betaalt alleen voor: Huur van een ruimte, Huur van spullen." in page_of(response)
    assert _requests(world.team) == []


@pytest.mark.parametrize("query", ["?stap=wijkbudget", "?stap=wijkbudget&fonds=onzin", "?fonds=99999999"])
def test_no_or_a_wrong_fund_in_the_first_step_gets_a_message(client, query):
    world = money_world()
    make_fund(_hood(world), world.coordinator)
    response = client.login(world.trekker).get(_new(world, query))
    page = page_of(response)
    assert response.status_code == 200 and "Kies een buurtbudget." in page and 'name="lines-0-category"' not in page
    assert _requests(world.team) == []


def test_the_first_step_says_what_each_fund_pays_for(client):
    world = money_world(categories=["materials", "food"])
    other = make_fund(_hood(world), world.coordinator, categories=["hire"])
    page = page_of(client.login(world.trekker).get(_new(world)))
    assert f"{world.fund.name}: betaalt voor materiaal, eten en drinken" in page
    assert f"{other.name}: betaalt voor huur van spullen" in page
    assert "Kies een buurtbudget." not in page  # not sent yet


# --- a failed submit says what happened --------------------------------------------------


def test_a_form_with_mistakes_says_that_nothing_was_saved(client):
    world = money_world()
    page = page_of(client.login(world.trekker).post(_new(world), request_form(world, ("materials", "", "8"))))
    assert "Er is nog niets opgeslagen." in page and _requests(world.team) == []


# --- no second draft for the same activity without asking --------------------------------


def test_starting_again_offers_the_draft_that_is_there(client):
    world = money_world()
    draft = make_request(world.team, world.trekker, world.fund, world.activity, submit=False)
    client.login(world.trekker)
    page = page_of(client.get(_new(world, f"?activiteit={world.activity.id}")))
    assert "Het team heeft al een concept voor deze activiteit" in page
    assert f'href="/teams/{world.team.id}/vouchers/{draft.id}/bewerken"' in page

    before = snapshot(draft)
    response = client.post(_new(world), request_form(world, ("materials", "Verf en kwasten", "100")))
    page = page_of(response)
    assert response.status_code == 200
    assert "Er is al een concept voor deze activiteit." in page
    assert "Het team heeft al een concept" not in page  # said once, in the error summary
    assert f'href="/teams/{world.team.id}/vouchers/{draft.id}/bewerken"' in page
    assert "Ja, ik wil toch een tweede aanvraag voor deze activiteit" in page
    assert [r.id for r in _requests(world.team)] == [draft.id] and snapshot(draft) == before


def test_a_second_draft_for_the_activity_when_the_trekker_asks_for_it(client):
    world = money_world()
    make_request(world.team, world.trekker, world.fund, world.activity, submit=False)
    data = request_form(world, ("food", "Koffie", "15"), another="y")
    assert client.login(world.trekker).post(_new(world), data).status_code == 302
    assert len(_requests(world.team)) == 2
    # Each of the two is edited without asking again.
    second = max(_requests(world.team), key=lambda r: r.id)
    url = f"/teams/{world.team.id}/vouchers/{second.id}/bewerken"
    assert client.post(url, request_form(world, ("food", "Koffie", "20"))).status_code == 302


def test_moving_a_draft_to_an_activity_with_a_draft_asks_too(client):
    world = money_world()
    make_request(world.team, world.trekker, world.fund, world.activity, submit=False)
    other = make_request(world.team, world.trekker, world.fund, submit=False)  # its own activity
    before = snapshot(other)
    url = f"/teams/{world.team.id}/vouchers/{other.id}/bewerken"
    response = client.login(world.trekker).post(url, request_form(world, ("food", "Koffie", "15")))
    assert "Er is al een concept voor deze activiteit." in page_of(response)
    assert snapshot(other) == before


def test_a_submitted_request_does_not_stop_a_new_draft(client):
    world = money_world()
    make_request(world.team, world.trekker, world.fund, world.activity)  # submitted
    response = client.login(world.trekker).post(_new(world), request_form(world, ("food", "Koffie", "15")))
    assert response.status_code == 302 and len(_requests(world.team)) == 2


def test_the_service_makes_no_second_draft_without_being_asked(client, ctx):
    world = money_world()
    lines = [("materials", "Verf", 10_00)]
    requests.save_draft(world.trekker, world.team, None, world.fund, world.activity, "", lines)
    with pytest.raises(RuleViolated, match="Er is al een concept voor deze activiteit"):
        requests.save_draft(world.trekker, world.team, None, world.fund, world.activity, "", lines)
    requests.save_draft(world.trekker, world.team, None, world.fund, world.activity, "", lines, another=True)
    assert len(_requests(world.team)) == 2
