"""The team's list of requests and a request's page: status, amounts, deadline and the
overdue signal; the decision with its motivation, the objection and the history; plain
words when the team cannot ask yet; and no way into another team's request by its id."""

from datetime import timedelta

import pytest
from babel.dates import format_date

from app.core.timezone import local_today
from app.extensions import db
from app.money.requests.models import Advice, Outcome, RequestStatus, VoucherRequest
from app.money.review import services as review
from app.money.settlement import services as settlement
from tests.factories import make_activity, make_request
from tests.vouchers.helpers import money_world, page_of

pytestmark = pytest.mark.usefixtures("ctx")  # the services tell people, with links


def _decided(world, outcome=Outcome.PARTLY_AWARDED, amount=60_00):
    request = make_request(world.team, world.trekker, world.fund, world.activity)
    review.assess(world.chair, request, Advice.LOWER, 60_00, "Verf is goedkoper.")
    review.assess(world.regie, request, Advice.LOWER, 60_00, "Kan goedkoper.")
    review.decide(world.chair, request, outcome, amount, "Verf kost minder dan gevraagd.")
    return request


def test_the_list_shows_status_amounts_fund_and_an_overdue_accountability(client):
    world = money_world()
    draft = make_request(world.team, world.trekker, world.fund, submit=False, amount_cents=40_00)
    paid = _decided(world)
    settlement.pay_out(world.coordinator, paid)
    paid.accountability_due_on = local_today() - timedelta(days=1)
    db.session.flush()
    page = page_of(client.login(world.member).get(f"/teams/{world.team.id}/vouchers"))
    assert "Concept" in page and "€ 40,00" in page and draft.status == RequestStatus.DRAFT
    assert "Uitbetaald" in page and "€ 100,00" in page and "€ 60,00" in page and world.fund.name in page
    assert "Te laat: de verantwoording is er nog niet" in page
    assert "Geld aanvragen" not in page  # a member reads; trekkers ask


def test_the_list_reads_the_same_number_of_statements_for_1_and_for_6_requests(client, count_statements):
    world = money_world(max_per_team_cents=10_000_00)
    make_request(world.team, world.trekker, world.fund)
    url = f"/teams/{world.team.id}/vouchers"
    client.login(world.trekker).get(url)  # warm: the session and the user
    with count_statements() as one:
        client.get(url)
    for _ in range(5):
        make_request(world.team, world.trekker, world.fund, make_activity(world.team, world.trekker))
    db.session.flush()  # the test's own writes are not the page's
    with count_statements() as six:
        assert "Geld aanvragen" in page_of(client.get(url))
    assert len(six.statements) == len(one.statements)


def test_without_a_fund_the_team_is_told_what_to_do(client):
    world = money_world()
    world.fund.neighbourhood_id = _other_neighbourhood()
    db.session.flush()
    page = page_of(client.login(world.trekker).get(f"/teams/{world.team.id}/vouchers"))
    assert "Uw buurt heeft nu geen buurtbudget" in page and "Vraag de helpdesk" in page
    assert f'href="/teams/{world.team.id}/vouchers/nieuw"' not in page


def _other_neighbourhood() -> int:
    from tests.factories import make_neighbourhood

    return make_neighbourhood("Elders").id


def test_a_team_too_small_is_told_how_many_members_it_needs(client):
    world = money_world(min_team_size=5)
    page = page_of(client.login(world.trekker).get(f"/teams/{world.team.id}/vouchers"))
    assert "Uw team heeft 2 leden. Voor een aanvraag zijn minstens 5 leden nodig." in page


def test_a_closed_window_is_said_in_plain_words(client):
    world = money_world()
    world.fund.opens_on = world.fund.closes_on = local_today() - timedelta(days=1)
    db.session.flush()
    page = page_of(client.login(world.trekker).get(f"/teams/{world.team.id}/vouchers"))
    assert "het buurtbudget van uw buurt is gesloten" in page


def test_the_request_page_shows_the_decision_its_motivation_and_the_history(client):
    world = money_world()
    request = _decided(world)
    page = page_of(client.login(world.trekker).get(f"/teams/{world.team.id}/vouchers/{request.id}"))
    assert "Deels toegekend" in page and "Verf kost minder dan gevraagd." in page
    assert "Ingediend" in page and "Besluit genomen" in page and "Tess Trekker" in page
    assert "Advies gegeven" not in page and "Verf is goedkoper." not in page  # the advices stay with the regie-group
    last_day = format_date(local_today() + timedelta(days=world.fund.objection_days), "d MMMM y", locale="nl")
    assert f"tot en met {last_day} één keer bezwaar maken" in page
    assert f"/teams/{world.team.id}/vouchers/{request.id}/bezwaar" in page


def test_an_objection_is_sent_and_shown(client):
    world = money_world()
    request = _decided(world)
    url = f"/teams/{world.team.id}/vouchers/{request.id}"
    response = client.login(world.trekker).post(url + "/bezwaar", {"reason": "De verf kost echt € 100."})
    assert response.status_code == 302 and request.status == RequestStatus.IN_REVIEW and request.round == 2
    page = page_of(client.get(url))
    assert "Bezwaar van het team" in page and "De verf kost echt € 100." in page and "Bezwaar gemaakt" in page
    assert url + "/bezwaar" not in page  # once only


def test_an_objection_without_a_reason_changes_nothing(client):
    world = money_world()
    request = _decided(world)
    url = f"/teams/{world.team.id}/vouchers/{request.id}"
    response = client.login(world.trekker).post(url + "/bezwaar", {"reason": "  "})
    assert "Schrijf op waarom het team het niet eens is met het besluit." in page_of(client.get(response.location))
    assert request.status == RequestStatus.PARTLY_AWARDED and request.objection == ""


@pytest.mark.parametrize("who", ["chair", "regie", "coordinator"])
def test_the_regie_group_and_staff_see_links_to_their_own_actions(client, who):
    world = money_world()
    request = make_request(world.team, world.trekker, world.fund, world.activity)
    page = page_of(client.login(getattr(world, who)).get(f"/teams/{world.team.id}/vouchers/{request.id}"))
    assert ("Advies geven" in page) == (who != "coordinator")
    assert "Wat u nu kunt doen" not in page and "/intrekken" not in page


def test_deleting_a_draft_asks_to_be_sure(client):
    world = money_world()
    draft = make_request(world.team, world.trekker, world.fund, world.activity, submit=False)
    draft_id, url = draft.id, f"/teams/{world.team.id}/vouchers/{draft.id}"
    response = client.login(world.trekker).post(url + "/verwijderen")
    assert "Zet een vinkje als u het zeker weet." in page_of(client.get(response.location))
    assert db.session.get(VoucherRequest, draft_id) is not None
    response = client.post(url + "/verwijderen", {"sure": "y"})
    assert response.location.endswith(f"/teams/{world.team.id}/vouchers")
    assert db.session.get(VoucherRequest, draft_id) is None


def test_withdrawing_asks_to_be_sure(client):
    world = money_world()
    request = make_request(world.team, world.trekker, world.fund, world.activity)
    url = f"/teams/{world.team.id}/vouchers/{request.id}/intrekken"
    response = client.login(world.trekker).post(url)
    assert "Zet een vinkje als u het zeker weet." in page_of(client.get(response.location))
    assert request.status == RequestStatus.SUBMITTED
    client.post(url, {"sure": "y"})
    assert request.status == RequestStatus.WITHDRAWN


class TestAnotherTeamsRequest:
    """A trekker of team A changes ids in the URL to reach team B's request: 404 through
    A's address (B's request does not exist there), 403 through B's (not B's trekker)."""

    @pytest.fixture
    def two_teams(self):
        a, b = money_world(), money_world()
        request = make_request(b.team, b.trekker, b.fund, b.activity)
        return a, b, request

    @pytest.mark.parametrize(
        ("method", "tail"),
        [
            ("get", ""),
            ("get", "/bewerken"),
            ("post", "/bewerken"),
            ("post", "/indienen"),
            ("post", "/intrekken"),
            ("post", "/verwijderen"),
            ("post", "/bezwaar"),
            ("get", "/verantwoording"),
            ("post", "/bonnen"),
        ],
    )
    def test_it_is_out_of_reach(self, client, two_teams, method, tail):
        a, b, request = two_teams
        client.login(a.trekker)
        call = getattr(client, method)
        before = request.status
        assert call(f"/teams/{a.team.id}/vouchers/{request.id}{tail}").status_code == 404
        assert call(f"/teams/{b.team.id}/vouchers/{request.id}{tail}").status_code == 403
        assert request.status == before
