"""Issue 15, part 2: "Hulp krijgen" on the home page leads to the questions; the team page
links to them; the answer form the coordinators' dashboard includes."""

from flask import render_template_string

from app.helpdesk.models import QuestionStatus
from tests.factories import add_member
from tests.helpdesk.conftest import page
from tests.helpdesk.helpers import ask, messages, thread_url


def test_the_home_page_leads_to_the_questions(client):
    assert 'href="/vragen"' in page(client.get("/"))


def test_a_visitor_logs_in_first_and_comes_back(client):
    response = client.get("/vragen")
    assert response.status_code == 302 and "/inloggen" in response.location and "next=" in response.location


def test_a_member_of_one_team_goes_to_its_question_form(w, client):
    response = client.login(w.mo).get("/vragen")
    assert response.location.endswith(f"/teams/{w.team.id}/vragen#vraag-stellen")
    assert 'id="vraag-stellen"' in page(client.get(f"/teams/{w.team.id}/vragen"))


def test_a_member_of_several_teams_picks_one(w, client):
    add_member(w.flat, w.mo)
    listed = page(client.login(w.mo).get("/vragen"))
    assert f"/teams/{w.team.id}/vragen#vraag-stellen" in listed and f"/teams/{w.flat.id}/vragen#vraag-stellen" in listed


def test_a_resident_without_a_team_finds_the_helpdesks_contact_page(w, client):
    response = client.login(w.rosa).get("/vragen")
    assert response.location.endswith("/contact")
    assert "U bent nog geen lid van een team." in page(client.get(response.location))


def test_staff_go_to_their_list(w, client):
    assert client.login(w.ada).get("/vragen").location.endswith("/helpdesk")


def test_the_team_page_links_members_and_staff_to_the_questions(w, client, app):
    link = f'href="/teams/{w.team.id}/vragen"'
    assert link in page(client.login(w.mo).get(f"/teams/{w.team.id}"))
    assert link in page(client.login(w.cor).get(f"/teams/{w.team.id}"))
    assert link not in page(client.login(w.rosa).get(f"/teams/{w.team.id}"))


def test_the_answer_form_for_the_dashboard(w, client, app):
    _response, question = ask(client, w.mo, w.team)
    template = '{% from "helpdesk/_answer_form.html" import answer_form %}{{ answer_form(question, "/overzicht") }}'
    with app.test_request_context():
        html = render_template_string(template, question=question)
    action = f'action="{thread_url(question)}/reageren"'
    assert action in html and 'name="next" type="hidden" value="/overzicht"' in html
    assert f'id="antwoord-{question.id}"' in html and f'for="antwoord-{question.id}"' in html
    assert "Uw antwoord op: Hoe vragen we geld aan?" in html and 'name="body"' in html
    # Posting it answers and comes back to the dashboard.
    response = client.login(w.cor).post(thread_url(question) + "/reageren", {"body": "Ja", "next": "/overzicht"})
    assert response.location.endswith("/overzicht")
    assert question.status == QuestionStatus.WAITING and messages(question)[-1].body == "Ja"
