"""Questions are loaded through the team: another team's question does not exist there
(404), a resident outside the team is refused (403), coordinators see every team's."""

import pytest

from app.helpdesk.models import QuestionStatus
from tests.conftest import Client
from tests.helpdesk.conftest import page
from tests.helpdesk.helpers import ask, messages, thread_url


@pytest.fixture
def two(w, client, app):
    _response, ours = ask(Client(app.test_client()), w.mo, w.team, subject="Vraag van de Pruimengaarde")
    _response, theirs = ask(Client(app.test_client()), w.fien, w.flat, subject="Vraag van de flat")
    return ours, theirs


def test_another_teams_question_is_not_found_under_this_team(w, client, two):
    ours, theirs = two
    client.login(w.fien)
    assert client.get(f"/teams/{w.flat.id}/vragen/{ours.id}").status_code == 404
    response = client.post(f"/teams/{w.flat.id}/vragen/{ours.id}/reageren", {"body": "Stiekem"})
    assert response.status_code == 404 and len(messages(ours)) == 1
    assert client.post(f"/teams/{w.flat.id}/vragen/{ours.id}/opgelost").status_code == 404
    assert ours.status == QuestionStatus.OPEN
    assert client.get(thread_url(theirs)).status_code == 200


def test_a_resident_outside_the_team_is_refused(w, client, two):
    ours, _theirs = two
    for user in (w.fien, w.rosa):
        client.login(user)
        assert client.get(f"/teams/{w.team.id}/vragen").status_code == 403
        assert client.get(thread_url(ours)).status_code == 403
        assert client.post(thread_url(ours) + "/reageren", {"body": "Hallo"}).status_code == 403
        assert client.post(f"/teams/{w.team.id}/vragen/stellen", {"subject": "a", "body": "b"}).status_code == 403
    assert len(messages(ours)) == 1


def test_a_coordinator_sees_every_team_and_still_not_a_question_under_the_wrong_team(w, client, two):
    ours, theirs = two
    client.login(w.cor)
    listed = page(client.get("/helpdesk"))
    assert "Vraag van de Pruimengaarde" in listed and "Vraag van de flat" in listed
    assert client.get(thread_url(ours)).status_code == 200 and client.get(thread_url(theirs)).status_code == 200
    assert client.get(f"/teams/{w.flat.id}/vragen/{ours.id}").status_code == 404


def test_a_team_sees_only_its_own_questions(w, client, two):
    listed = page(client.login(w.tess).get(f"/teams/{w.team.id}/vragen"))
    assert "Vraag van de Pruimengaarde" in listed and "Vraag van de flat" not in listed


def test_members_of_a_stopped_team_read_but_ask_nothing_new(w, client, two):
    w.team.status = "archived"
    client.login(w.mo)
    assert "Stel een vraag" not in page(client.get(f"/teams/{w.team.id}/vragen"))
    assert client.post(f"/teams/{w.team.id}/vragen/stellen", {"subject": "a", "body": "b"}).status_code == 403
