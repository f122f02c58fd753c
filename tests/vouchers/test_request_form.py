"""The trekker's request form: a draft with budget rows (no JavaScript: six rows, empty ones
ignored), "Opslaan en indienen" in one go, and bad input that changes nothing."""

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.money.requests.models import RequestStatus, VoucherLine, VoucherRequest
from tests.factories import make_request
from tests.vouchers.helpers import money_world, page_of, request_form, snapshot


def _requests(team) -> list[VoucherRequest]:
    return list(db.session.scalars(sa.select(VoucherRequest).where(VoucherRequest.team_id == team.id)))


def _new(world) -> str:
    return f"/teams/{world.team.id}/vouchers/nieuw"


def test_a_trekker_saves_a_draft_with_the_filled_rows_only(client):
    world = money_world()
    rows = [("materials", "Verf en kwasten", "45"), ("food", "Koffie en koek", "12,50")]
    response = client.login(world.trekker).post(_new(world), request_form(world, *rows))
    [draft] = _requests(world.team)
    assert response.status_code == 302 and response.location.endswith(f"/vouchers/{draft.id}")
    assert draft.status == RequestStatus.DRAFT and draft.requested_cents == 57_50
    page = page_of(client.get(response.location))
    assert "Verf en kwasten" in page and "€ 57,50" in page and "Concept" in page


def test_the_form_shows_the_funds_rules_and_preselects_the_activity(client):
    world = money_world(max_per_voucher_cents=250_00, categories=["materials", "food"])
    page = client.login(world.trekker).get(_new(world) + f"?activiteit={world.activity.id}").get_data(as_text=True)
    assert f'<option selected value="{world.activity.id}">Burendag</option>' in page
    assert "€ 250,00" in page and "Materiaal, Eten en drinken" in page
    assert page.count('name="lines-') == 6 * 3  # six rows of three fields
    assert client.get(_new(world) + "?activiteit=%C2%B2").status_code == 200  # '²' is no id


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (("materials", "", ""), "Regel 1: Vul een omschrijving in."),
        (("", "Verf", "10"), "Regel 1: Kies een soort kosten."),
        (("materials", "Verf", ""), "Regel 1: Vul een bedrag boven € 0 in."),
        (("materials", "Verf", "0"), "Regel 1: Vul een bedrag boven € 0 in."),
        (("materials", "Verf", "tien euro"), "Regel 1: Vul een bedrag in euro's in, bijvoorbeeld 125 of 12,50."),
        (("gold", "Verf", "10"), "Regel 1: "),
    ],
)
def test_a_half_filled_or_wrong_row_gets_a_clear_message_and_nothing_is_saved(client, row, message):
    world = money_world()
    response = client.login(world.trekker).post(_new(world), request_form(world, row))
    assert response.status_code == 200
    assert message in page_of(response)
    assert _requests(world.team) == []


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"fund_id": ""}, "Kies een buurtbudget."),
        ({"activity_id": ""}, "Kies de activiteit waarvoor het team geld vraagt."),
        ({"motivation": "x" * 4001}, "Gebruik hoogstens 4000 tekens."),
        ({"motivation": "Voor de\u202ebuurt"}, "Deze tekst bevat onzichtbare tekens."),
    ],
)
def test_bad_request_fields_get_a_message_and_nothing_is_saved(client, change, message):
    world = money_world()
    data = request_form(world, ("materials", "Verf", "10")) | change
    response = client.login(world.trekker).post(_new(world), data)
    assert response.status_code == 200 and message in page_of(response)
    assert _requests(world.team) == []


def test_another_neighbourhoods_fund_or_teams_activity_cannot_be_chosen(client):
    world, other = money_world(), money_world()
    for change in ({"fund_id": str(other.fund.id)}, {"activity_id": str(other.activity.id)}):
        response = client.login(world.trekker).post(_new(world), request_form(world, ("food", "Koek", "5")) | change)
        assert response.status_code == 200 and _requests(world.team) == []


def test_save_and_submit_in_one_go(client):
    world = money_world()
    response = client.login(world.trekker).post(_new(world), request_form(world, ("food", "Koek", "25"), send=True))
    [request] = _requests(world.team)
    assert response.status_code == 302 and request.status == RequestStatus.SUBMITTED


def test_a_submit_that_breaks_rules_keeps_the_draft_and_lists_every_rule_on_the_form(client):
    world = money_world(max_per_voucher_cents=100_00, max_per_team_cents=100_00)
    rows = [("materials", "Verf", "90"), ("food", "Koek", "20")]
    response = client.login(world.trekker).post(_new(world), request_form(world, *rows, motivation="", send=True))
    page = page_of(response)
    [draft] = _requests(world.team)
    assert response.status_code == 200 and draft.status == RequestStatus.DRAFT and draft.requested_cents == 110_00
    assert "Per aanvraag kan het hoogstens € 100,00 zijn." in page
    assert "Samen met eerdere aanvragen (€ 0,00) komt het team boven het maximum van € 100,00." in page
    assert "Schrijf op waarom het team dit geld nodig heeft." in page
    # Said plainly (issue 24, item 10): the draft is kept, and it is not submitted.
    assert "Uw aanvraag is opgeslagen als concept, maar nog niet ingediend." in page
    # The page now changes the saved draft: a second click makes no second request.
    assert f'action="/teams/{world.team.id}/vouchers/{draft.id}/bewerken"' in page


def test_a_draft_is_changed_and_gets_spare_rows(client):
    world = money_world()
    draft = make_request(world.team, world.trekker, world.fund, world.activity, submit=False)
    url = f"/teams/{world.team.id}/vouchers/{draft.id}/bewerken"
    page = client.login(world.trekker).get(url).get_data(as_text=True)
    assert 'value="Verf en kwasten"' in page and 'value="100,00"' in page
    assert page.count('name="lines-') == 6 * 3
    rows = [("materials", "Verf", "80"), ("hire", "Partytent", "60")]
    response = client.post(url, request_form(world, *rows))
    assert response.status_code == 302
    lines = db.session.scalars(sa.select(VoucherLine).where(VoucherLine.request_id == draft.id).order_by("position"))
    assert [(line.category, line.amount_cents) for line in lines] == [("materials", 80_00), ("hire", 60_00)]
    assert draft.requested_cents == 140_00 and len(_requests(world.team)) == 1


def test_a_long_draft_gets_two_spare_rows(client):
    world = money_world()
    draft = make_request(world.team, world.trekker, world.fund, world.activity, submit=False)
    rows = [("food", f"Ronde {n}", "5") for n in range(6)]
    url = f"/teams/{world.team.id}/vouchers/{draft.id}/bewerken"
    client.login(world.trekker).post(url, request_form(world, *rows))
    page = page_of(client.get(url))
    assert 'value="Ronde 5"' in page and page.count('name="lines-') == 8 * 3


def test_a_bad_edit_changes_nothing(client):
    world = money_world()
    draft = make_request(world.team, world.trekker, world.fund, world.activity, submit=False)
    before = snapshot(draft)
    url = f"/teams/{world.team.id}/vouchers/{draft.id}/bewerken"
    response = client.login(world.trekker).post(url, request_form(world, ("materials", "Verf", "-5")))
    assert response.status_code == 200 and "Regel 1: " in page_of(response)
    assert snapshot(draft) == before


def test_a_submitted_request_is_not_edited(client):
    world = money_world()
    request = make_request(world.team, world.trekker, world.fund, world.activity)
    before = snapshot(request)
    url = f"/teams/{world.team.id}/vouchers/{request.id}/bewerken"
    response = client.login(world.trekker).post(url, request_form(world, ("food", "Koek", "5")))
    assert response.status_code == 302
    assert "Alleen een concept kunt u nog aanpassen." in page_of(client.get(response.location))
    assert snapshot(request) == before
