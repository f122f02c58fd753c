"""Issue 24, item 9: the chair may decide otherwise than the regie-group's advice, but not
unseen. The form says what the advice is and that a departure needs its reason; without
one nothing changes; the decision keeps what the advice was, and the team's request page,
the public decision list and the API show that it departs."""

import pytest
import sqlalchemy as sa

from app.core.errors import RuleViolated
from app.extensions import db
from app.money.requests.models import Advice, Decision, Outcome
from app.money.review import services as review
from tests.vouchers_review.conftest import advise_twice, page, snapshot

REASON = "De verf kost minder dan begroot; € 150 is genoeg."


def url(request) -> str:
    return f"/vouchers/{request.id}/besluit"


def the_decision(request) -> Decision:
    return db.session.scalar(sa.select(Decision).where(Decision.request_id == request.id))


def test_the_form_says_that_a_departure_from_the_advice_needs_a_reason(w, client):
    advise_twice(w)
    text = page(client.login(w.chair).get(url(w.request)))
    assert "Volgens de adviezen: Toegekend, € 200,00." in text
    assert "Besluit u anders dan het advies, bijvoorbeeld een ander bedrag?" in text


def test_awarding_less_than_the_advice_warns_and_without_a_reason_changes_nothing(w, client):
    """The walk-through: the advice said € 200, the chair recorded € 150, without a word."""
    advise_twice(w)
    client.login(w.chair)
    before = snapshot(w.request)
    text = page(client.post(url(w.request), {"outcome": "partly_awarded", "amount": "150", "confirm": "y"}))
    assert "Uw besluit wijkt af van het advies van de regiegroep." in text
    assert "Het advies: Toegekend, € 200,00. Uw besluit: Deels toegekend, € 150,00." in text
    assert snapshot(w.request) == before


def test_awarding_more_than_the_advice_needs_a_reason_too(w, client):
    advise_twice(w, Advice.LOWER, 150_00, "Verf is goedkoper")
    client.login(w.chair)
    before = snapshot(w.request)
    response = client.post(url(w.request), {"outcome": "awarded", "confirm": "y"})
    text = page(response)
    assert response.status_code == 200
    assert "Uw besluit wijkt af van het advies van de regiegroep (Deels toegekend, € 150,00)." in text
    assert "Schrijf in de uitleg waarom." in text
    assert snapshot(w.request) == before


def test_the_service_refuses_a_departure_without_a_reason(w, ctx):
    advise_twice(w, Advice.LOWER, 150_00, "Verf is goedkoper")
    with pytest.raises(RuleViolated, match="wijkt af van het advies"):
        review.decide(w.chair, w.request, Outcome.AWARDED, 0, "  ")
    assert the_decision(w.request) is None


def test_a_departing_decision_is_kept_as_such_and_shown_to_the_team_and_in_public(w, client, app):
    advise_twice(w)
    client.login(w.chair)
    form = {"outcome": "partly_awarded", "amount": "150", "motivation": REASON, "confirm": "y"}
    assert client.post(url(w.request), form).status_code == 302
    decision = the_decision(w.request)
    assert (decision.outcome, decision.amount_cents) == (Outcome.PARTLY_AWARDED, 150_00)
    assert (decision.advised_outcome, decision.advised_cents) == (Outcome.AWARDED, 200_00)
    assert decision.departs

    team_page = page(client.login(w.trekker).get(f"/teams/{w.team.id}/vouchers/{w.request.id}"))
    assert "Advies van de regiegroep" in team_page and "Toegekend, € 200,00." in team_page
    assert "Het besluit wijkt af van het advies." in team_page and REASON in team_page

    public = page(app.test_client().get(f"/buurtbudget/{w.fund.id}"))
    assert "Wijkt af van het advies" in public and "(Toegekend, € 200,00)" in public
    [item] = app.test_client().get(f"/api/v1/funds/{w.fund.id}/decisions").get_json()["items"]
    assert (item["departs_from_advice"], item["advised_amount_cents"]) == (True, 200_00)


def test_a_decision_that_follows_the_advice_is_not_marked(w, client, app):
    advise_twice(w, Advice.LOWER, 150_00, "Verf is goedkoper")
    client.login(w.chair)
    form = {"outcome": "partly_awarded", "amount": "150", "motivation": "Verf is goedkoper.", "confirm": "y"}
    assert client.post(url(w.request), form).status_code == 302
    decision = the_decision(w.request)
    assert (decision.advised_outcome, decision.advised_cents) == (Outcome.PARTLY_AWARDED, 150_00)
    assert not decision.departs
    assert "wijkt af" not in page(client.get(f"/teams/{w.team.id}/vouchers/{w.request.id}"))
    assert "Wijkt af van het advies" not in page(app.test_client().get(f"/buurtbudget/{w.fund.id}"))
    [item] = app.test_client().get(f"/api/v1/funds/{w.fund.id}/decisions").get_json()["items"]
    assert item["departs_from_advice"] is False
