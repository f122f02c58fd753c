"""Every helpdesk form: bad input gets a clear Dutch message and changes nothing."""

import pytest

from app.core.notifications import Notification
from app.helpdesk.models import Question, QuestionStatus
from tests.helpdesk.conftest import page
from tests.helpdesk.helpers import ask, count, messages, thread_url


@pytest.fixture
def question(w, app):
    from tests.conftest import Client

    _response, question = ask(Client(app.test_client()), w.mo, w.team)
    return question


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"subject": "", "body": "Wat nu?"}, "Schrijf in een paar woorden waar uw vraag over gaat."),
        ({"subject": "Geld", "body": "  "}, "Schrijf uw vraag op."),
        ({"subject": "x" * 201, "body": "Wat nu?"}, "Gebruik hoogstens 200 tekens."),
        ({"subject": "Geld", "body": "y" * 5001}, "Gebruik hoogstens 5000 tekens."),
        ({"subject": "Geld\u202e", "body": "Wat nu?"}, "Deze tekst bevat onzichtbare tekens."),
    ],
)
def test_asking_with_bad_input(w, client, data, message):
    response = client.login(w.mo).post(f"/teams/{w.team.id}/vragen/stellen", data)
    assert response.status_code == 200 and message in page(response)
    assert count(Question) == 0 and count(Notification) == 0


def test_an_empty_reply_on_the_thread_page(w, client, question):
    notified = count(Notification)
    response = client.login(w.cor).post(thread_url(question) + "/reageren", {"body": " "})
    assert response.status_code == 200 and "Schrijf uw bericht." in page(response)
    assert len(messages(question)) == 1 and question.status == QuestionStatus.OPEN
    assert question.assigned_to_id is None and count(Notification) == notified


def test_an_empty_answer_from_the_dashboard_goes_back_there_with_the_message(w, client, question):
    response = client.login(w.cor).post(thread_url(question) + "/reageren", {"body": "", "next": "/overzicht?buurt=1"})
    assert response.status_code == 302 and response.location.endswith("/overzicht?buurt=1")
    assert "Schrijf uw bericht." in page(client.get("/"))
    assert len(messages(question)) == 1 and question.status == QuestionStatus.OPEN


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/", "/over\u202ezicht", "javascript:x"])
def test_an_answer_never_leads_off_the_site(w, client, question, target):
    response = client.login(w.cor).post(thread_url(question) + "/reageren", {"body": "Goed idee!", "next": target})
    assert response.status_code in (200, 302)
    assert "evil" not in (response.location or "") and "javascript" not in (response.location or "")


def test_a_good_answer_from_the_dashboard_goes_back_there(w, client, question):
    response = client.login(w.cor).post(thread_url(question) + "/reageren", {"body": "Ja.", "next": "/overzicht"})
    assert response.location.endswith("/overzicht") and question.status == QuestionStatus.WAITING


@pytest.mark.parametrize("choice", ["999999", "abc", "tess"])
def test_assigning_to_someone_not_a_coordinator(w, client, question, choice):
    choice = str(w.tess.id) if choice == "tess" else choice
    client.login(w.cor).post(thread_url(question) + "/toewijzen", {"coordinator": choice})
    assert "Kies een coördinator uit de lijst." in page(client.get(thread_url(question)))
    assert question.assigned_to_id is None


@pytest.mark.parametrize("status", ["", "gesloten", "\x00"])
def test_setting_a_status_that_does_not_exist(w, client, question, status):
    client.login(w.cor).post(thread_url(question) + "/status", {"status": status})
    assert "Kies een status." in page(client.get(thread_url(question)))
    assert question.status == QuestionStatus.OPEN


def test_resolving_without_the_forms_token_changes_nothing(w, client, question):
    response = client.login(w.mo).post(thread_url(question) + "/opgelost", csrf=False)
    assert response.status_code == 400 and question.status == QuestionStatus.OPEN
