"""'Mijn adviezen': what waits for a regie member's advice or decision, and a friendly
explanation for everyone without a seat."""

from app.money.requests.models import Advice
from app.money.review import services as review
from tests.factories import make_fund, make_request, make_team, make_user, seat
from tests.vouchers_review.conftest import advise_twice, page


def sections(text: str) -> dict[str, str]:
    """The page's text per h2 section."""
    parts = text.split("<h2>")[1:]
    return {part.split("</h2>")[0]: part for part in parts}


def test_a_member_sees_what_waits_for_their_advice_and_what_they_advised(w, client):
    client.login(w.rik)
    todo = sections(page(client.get("/adviezen")))
    assert "Pruimengaarde Samen" in todo["Nog te adviseren"]
    assert f"/vouchers/{w.request.id}/advies" in todo["Nog te adviseren"]
    assert "Wacht op uw besluit" not in todo

    review.assess(w.rik, w.request, Advice.AWARD, None, "")
    todo = sections(page(client.get("/adviezen")))
    assert "Pruimengaarde Samen" not in todo["Nog te adviseren"]
    assert "Uw advies: Toekennen" in todo["Al gegeven advies"]


def test_the_chair_sees_the_request_waiting_for_the_decision_once_the_quorum_is_reached(w, client):
    client.login(w.chair)
    assert "Wacht op uw besluit" not in sections(page(client.get("/adviezen")))
    advise_twice(w)
    todo = sections(page(client.get("/adviezen")))
    assert f"/vouchers/{w.request.id}/besluit" in todo["Wacht op uw besluit"]
    client.login(w.deputy)  # the chair serves and is not recused: the deputy does not decide
    assert "Wacht op uw besluit" not in sections(page(client.get("/adviezen")))


def test_a_recused_member_does_not_see_their_own_teams_request(w, client):
    client.login(w.mo)
    text = page(client.get("/adviezen"))
    assert "Nog te adviseren" in text and "Pruimengaarde Samen" not in text


def test_without_a_seat_the_page_explains_the_regie_group(w, client):
    former = make_user("Oud Lid", w.hood)
    seat(w.fund, w.coordinator, former, days_left=-1)
    for person, words in (
        (w.trekker, "U zit nu niet in een regiegroep."),
        (former, "U zit nu niet in een regiegroep."),
        (w.coordinator, "Medewerkers van de gemeente geven geen advies"),
    ):
        client.login(person)
        response = client.get("/adviezen")
        assert response.status_code == 200
        text = page(response)
        assert "De regiegroep is een groep bewoners" in text and words in text
        assert "Pruimengaarde Samen" not in text


def test_the_work_list_reads_the_same_number_of_statements_for_more_requests(count_statements, w, client):
    client.login(w.chair)
    advise_twice(w)

    def statements() -> int:
        with count_statements() as counter:
            assert client.get("/adviezen").status_code == 200
        return len(counter.statements) - len(counter.writes)  # the arrangement's flush is not the page's

    few = statements()
    for n in range(3):
        fund = make_fund(w.hood, w.coordinator, name=f"Ander buurtbudget {n}")
        seat(fund, w.coordinator, w.chair, "chair")
        trekker = make_user(f"Trekker {n}", w.hood)
        make_request(make_team(w.hood, trekker, name=f"Team {n}"), trekker, fund)
    assert statements() == few
    assert "Team 2" in page(client.get("/adviezen"))
