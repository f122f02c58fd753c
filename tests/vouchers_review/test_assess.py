"""A regie member's advice through the page: given, changed until the decision, others'
advice shown only afterwards, and refused for the recused, coordinators and ended terms."""

import pytest

from app.activities.models import ActivityStatus
from app.extensions import db
from app.money.requests import services as requests
from app.money.requests.models import Advice, Assessment, Outcome, RequestStatus
from app.money.review import services as review
from tests.factories import make_activity, make_request, make_user, seat
from tests.vouchers_review.conftest import count, page, snapshot


def url(request) -> str:
    return f"/vouchers/{request.id}/advies"


def test_a_member_sees_the_others_advice_only_after_giving_their_own(w, client):
    review.assess(w.chair, w.request, Advice.LOWER, 150_00, "De verf kan goedkoper.")
    client.login(w.rik)
    before = page(client.get(url(w.request)))
    assert "Pruimengaarde Samen" in before and "€ 200,00" in before
    assert "De verf kan goedkoper." not in before and "nadat u zelf advies gaf" in before

    response = client.post(url(w.request), {"advice": "award", "comment": ""})
    assert response.status_code == 302
    mine = db.session.query(Assessment).filter_by(user_id=w.rik.id).one()
    assert (mine.advice, mine.amount_cents, mine.round) == (Advice.AWARD, None, 1)
    assert w.request.status == RequestStatus.IN_REVIEW
    after = page(client.get(url(w.request)))
    assert "De verf kan goedkoper." in after and "Carla Voorzitter" in after


def test_the_page_shows_the_fund_rules_and_the_teams_earlier_requests(w, client):
    client.login(w.rik)
    text = page(client.get(url(w.request)))
    assert "Hoogstens per aanvraag" in text and "€ 500,00" in text
    assert "Nog beschikbaar in het buurtbudget" in text and "€ 1.000,00" in text
    assert "Dit is de eerste aanvraag van dit team bij dit buurtbudget." in text


def test_an_advice_can_be_changed_until_the_decision(w, client):
    client.login(w.rik)
    client.post(url(w.request), {"advice": "award"})
    response = client.post(url(w.request), {"advice": "lower", "amount": "120,50", "comment": "Minder verf"})
    assert response.status_code == 302
    mine = db.session.query(Assessment).filter_by(user_id=w.rik.id).one()
    assert (mine.advice, mine.amount_cents, mine.comment) == (Advice.LOWER, 120_50, "Minder verf")

    review.assess(w.chair, w.request, Advice.AWARD, None, "")
    review.decide(w.chair, w.request, Outcome.AWARDED, 0, "")
    before = snapshot(w.request)
    text = page(client.post(url(w.request), {"advice": "award"}))
    assert "Over deze aanvraag is al besloten. Advies geven kan niet meer." in text
    assert snapshot(w.request) == before


@pytest.mark.parametrize(
    ("form", "message"),
    [
        ({}, "Kies uw advies: toekennen, een lager bedrag of afwijzen."),
        ({"advice": "misschien"}, "Kies uw advies: toekennen, een lager bedrag of afwijzen."),
        ({"advice": "lower", "comment": "Te duur"}, "Vul het lagere bedrag in dat u het team wilt geven."),
        ({"advice": "lower", "amount": "twaalf", "comment": "Te duur"}, "Vul een bedrag in euro's in"),
        (
            {"advice": "lower", "amount": "250", "comment": "Te duur"},
            "Vul een lager bedrag in dan het gevraagde bedrag, en meer dan € 0.",
        ),
        (
            {"advice": "reject", "comment": "  "},
            "Schrijf kort uw reden op. De voorzitter gebruikt die voor de uitleg aan het team.",
        ),
        ({"advice": "lower", "amount": "100"}, "De voorzitter gebruikt die voor de uitleg aan het team."),
        ({"advice": "award", "comment": "x" * 2001}, "Gebruik hoogstens 2000 tekens."),
    ],
)
def test_bad_advice_gets_a_clear_message_and_changes_nothing(w, client, form, message):
    client.login(w.rik)
    before = snapshot(w.request)
    response = client.post(url(w.request), form)
    assert response.status_code == 200
    assert message in page(response)
    assert snapshot(w.request) == before


def test_a_member_of_the_requesting_team_is_recused(w, client):
    review.assess(w.chair, w.request, Advice.REJECT, None, "Geheime twijfel")
    client.login(w.mo)
    assert client.get(url(w.request)).status_code == 403
    assert client.post(url(w.request), {"advice": "award"}).status_code == 403
    assert count(Assessment, Assessment.user_id == w.mo.id) == 0
    assert "Geheime twijfel" not in page(client.get("/adviezen"))


def test_a_coordinator_does_not_assess(w, client):
    client.login(w.coordinator)
    assert client.get(url(w.request)).status_code == 403
    assert client.post(url(w.request), {"advice": "award"}).status_code == 403
    assert count(Assessment) == 0


def test_a_member_whose_term_ended_does_not_assess(w, client):
    former = make_user("Oud Lid", w.hood)
    seat(w.fund, w.coordinator, former, days_left=-1)
    client.login(former)
    assert client.get(url(w.request)).status_code == 403
    assert client.post(url(w.request), {"advice": "award"}).status_code == 403
    assert count(Assessment) == 0


def test_the_request_page_shows_the_team_and_recused_members_no_advice(w, client):
    review.assess(w.chair, w.request, Advice.REJECT, None, "Geheime twijfel")
    show = f"/teams/{w.team.id}/vouchers/{w.request.id}"
    for person in (w.mo, w.trekker):
        client.login(person)
        response = client.get(show)
        assert response.status_code == 200
        text = page(response)
        assert "Geheime twijfel" not in text and "Advies gegeven" not in text and "Carla Voorzitter" not in text
    client.login(w.rik)  # a member who may see the advice sees that it was given, on the history
    assert "Advies gegeven" in page(client.get(show))


def test_the_regie_group_does_not_open_a_teams_draft(w, client):
    draft = make_request(w.team, w.trekker, w.fund, submit=False)
    client.login(w.rik)
    assert client.get(f"/teams/{w.team.id}/vouchers/{draft.id}").status_code == 403
    assert client.get(f"/teams/{w.team.id}/vouchers/{w.request.id}").status_code == 200


def test_a_draft_is_not_the_regie_groups_to_read_also_when_withdrawn(w, client):
    """The attack: a regie member and the chair open the advice and decision pages of a team's
    draft by its id. Until the team submits, the request is the team's own, and a draft it
    withdrew never turns up among the team's earlier requests or on the fund's page."""
    activity = make_activity(w.team, w.trekker, status=ActivityStatus.PLANNED)
    activity.title = "Geheim plan"
    draft = make_request(w.team, w.trekker, w.fund, activity=activity, submit=False)
    assert client.login(w.rik).get(url(draft)).status_code == 403
    assert client.login(w.chair).get(f"/vouchers/{draft.id}/besluit").status_code == 403

    requests.withdraw(w.trekker, w.team, draft)
    assert client.login(w.rik).get(url(draft)).status_code == 403
    assert "Geheim plan" not in page(client.get(url(w.request)))
    assert "Geheim plan" not in page(client.get(f"/fondsen/{w.fund.id}"))
