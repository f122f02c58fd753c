"""Issue 15, part 4: a coordinator enters a question for a resident who asked by phone or
at the buurthuis. It is the resident's question, marked "namens ... door ..." wherever it
shows, audited with the coordinator as actor, and the resident is told by mail."""

from app.helpdesk.models import Question, QuestionMessage
from tests.conftest import Client
from tests.helpdesk.conftest import audit, mails_to, notifications, page
from tests.helpdesk.helpers import count, messages, newest_question, thread_url

BEHALF = "namens Mo Member door Cor Coördinator"


def _enter(client, w, resident_id, subject="Hulp bij een flyer", body="Mo belde: hoe maken we een flyer?"):
    url = f"/teams/{w.team.id}/vragen/namens-een-bewoner"
    return client.login(w.cor).post(url, {"resident_id": str(resident_id), "subject": subject, "body": body})


def test_the_coordinator_picks_the_team_then_one_of_its_active_members(w, client):
    response = client.login(w.cor).get(f"/helpdesk/namens-een-bewoner?team={w.team.id}")
    assert response.status_code == 302 and response.location.endswith(f"/teams/{w.team.id}/vragen/namens-een-bewoner")
    form = page(client.get(response.location))
    assert "Mo Member" in form and "Tess Trekker" in form and "Fien Flat" not in form


def test_a_question_entered_for_a_resident_is_theirs_marked_audited_and_mailed(w, client, app, ctx):
    response = _enter(client, w, w.mo.id)
    question = newest_question()
    assert response.status_code == 302 and response.location.endswith(thread_url(question))
    assert (question.asked_by_id, question.entered_by_id) == (w.mo.id, w.cor.id)
    [first] = messages(question)
    assert (first.author_id, first.entered_by_id, first.from_helpdesk) == (w.mo.id, w.cor.id, False)
    assert question.awaiting_answer_since == first.created_at

    [entry] = audit(question)
    assert (entry.action, entry.actor_id) == ("question.asked", w.cor.id)
    assert entry.data == {"team_id": str(w.team.id), "on_behalf_of": str(w.mo.id)}

    [told] = notifications(w.mo, "question.asked_for_you")
    assert "Cor Coördinator" in told.text and "namens u" in told.text and told.link == thread_url(question)
    [mail] = mails_to(w.mo)
    assert "Cor Coördinator" in mail.subject and thread_url(question) in mail.body
    # The other coordinators hear of a new question; the one who entered it does not.
    assert len(notifications(w.karim, "question.asked")) == 1 and notifications(w.cor) == []


def test_the_mark_shows_on_the_residents_pages_and_the_coordinators_list(w, client, app):
    _enter(client, w, w.mo.id)
    question = newest_question()
    mo = Client(app.test_client()).login(w.mo)
    assert BEHALF in page(mo.get(f"/teams/{w.team.id}/vragen"))
    thread = page(mo.get(thread_url(question)))
    assert thread.count(BEHALF) == 2  # the question and its first message
    assert BEHALF in page(Client(app.test_client()).login(w.karim).get("/helpdesk"))


def test_only_an_active_member_of_the_team_can_be_chosen(w, client):
    response = _enter(client, w, w.fien.id)
    assert response.status_code == 200 and count(Question) == 0
    response = _enter(client, w, "")
    assert "Kies de bewoner die de vraag stelde." in page(response) and count(Question) == 0


def test_bad_input_gets_a_message_and_stores_nothing(w, client):
    response = _enter(client, w, w.mo.id, subject="", body="   ")
    text = page(response)
    assert "Schrijf in een paar woorden waar uw vraag over gaat." in text and "Schrijf uw vraag op." in text
    response = _enter(client, w, w.mo.id, subject="x" * 201, body="y" * 5001)
    assert "Gebruik hoogstens 200 tekens." in page(response) and "Gebruik hoogstens 5000 tekens." in page(response)
    assert count(Question) == 0 and count(QuestionMessage) == 0 and notifications(w.mo) == []


def test_a_team_that_stopped_gets_no_new_question(w, client):
    w.team.status = "archived"
    response = _enter(client, w, w.mo.id)
    assert "Dit team is gestopt." in page(response) and count(Question) == 0


def test_picking_no_team_or_an_unknown_one_gets_a_message(w, client):
    client.login(w.cor)
    assert "Kies het team van de bewoner." in page(client.get("/helpdesk/namens-een-bewoner?team="))
    response = client.get("/helpdesk/namens-een-bewoner?team=999999")
    assert response.status_code == 200 and "utrecht-form-field-error-message" in page(response)
