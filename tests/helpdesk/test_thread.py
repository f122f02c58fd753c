"""Issue 15, part 2: a team member asks, the question becomes a thread with the
coordinators, and each side's message tells the other, with the status and the moment the
question started waiting for an answer kept exact."""

from app.core.policy import can
from app.helpdesk.models import QuestionStatus
from tests.conftest import Client
from tests.helpdesk.conftest import audit, mails_to, notifications, page
from tests.helpdesk.helpers import ask, messages, thread_url


def _post(app, user, url, data=None):
    return Client(app.test_client()).login(user).post(url, data or {})


def test_a_member_asks_and_every_coordinator_is_told(w, client, ctx):
    response, question = ask(client, w.mo, w.team)
    assert response.status_code == 302 and response.location.endswith(thread_url(question))
    assert (question.team_id, question.asked_by_id, question.entered_by_id) == (w.team.id, w.mo.id, None)
    assert question.status == QuestionStatus.OPEN and question.assigned_to_id is None
    [first] = messages(question)
    assert first.body == "Wij willen een buurtfeest houden." and not first.from_helpdesk
    assert question.awaiting_answer_since == first.created_at == question.created_at
    for coordinator in (w.cor, w.karim):
        [told] = notifications(coordinator, "question.asked")
        assert told.link == thread_url(question) and "Pruimengaarde Samen" in told.text
        assert any("Hoe vragen we geld aan?" in mail.subject for mail in mails_to(coordinator))
    assert notifications(w.mo) == [] and notifications(w.ada) == []
    assert [(entry.action, entry.actor_id) for entry in audit(question)] == [("question.asked", w.mo.id)]


def test_the_thread_both_ways_with_statuses_notifications_and_the_waiting_time(w, client, app, ctx):
    _response, question = ask(client, w.mo, w.team)

    # The first coordinator who answers gets the question; it now waits for the team.
    response = _post(app, w.cor, thread_url(question) + "/reageren", {"body": "Kijk bij het buurtbudget."})
    assert response.status_code == 302 and response.location.endswith(thread_url(question))
    assert question.status == QuestionStatus.WAITING and question.awaiting_answer_since is None
    assert question.assigned_to_id == w.cor.id
    [answered] = notifications(w.mo, "question.answered")
    assert "Cor Coördinator" in answered.text and answered.link == thread_url(question)
    assert notifications(w.tess) == []  # Tess did not write in this thread

    # A team reply opens it again; only the assigned coordinator hears of it.
    _post(app, w.tess, thread_url(question) + "/reageren", {"body": "Hoeveel mogen we vragen?"})
    tess_reply = messages(question)[-1]
    assert question.status == QuestionStatus.OPEN
    assert question.awaiting_answer_since == tess_reply.created_at
    assert len(notifications(w.cor, "question.team_replied")) == 1
    assert notifications(w.karim, "question.team_replied") == []

    # A second team message leaves the waiting time at the oldest unanswered one.
    _post(app, w.mo, thread_url(question) + "/reageren", {"body": "En voor wanneer?"})
    assert question.awaiting_answer_since == tess_reply.created_at

    # Another coordinator answers: both who wrote for the team are told; the question stays Cor's.
    _post(app, w.karim, thread_url(question) + "/reageren", {"body": "Tot € 500, voor 1 maart."})
    assert question.status == QuestionStatus.WAITING and question.awaiting_answer_since is None
    assert question.assigned_to_id == w.cor.id
    assert len(notifications(w.mo, "question.answered")) == 2
    assert len(notifications(w.tess, "question.answered")) == 1
    assert notifications(w.karim, "question.answered") == []

    [first, *_rest, last] = messages(question)
    assert [m.from_helpdesk for m in messages(question)] == [False, True, False, False, True]
    assert (first.author_id, last.author_id) == (w.mo.id, w.karim.id)
    actions = [entry.action for entry in audit(question)]
    assert actions.count("question.answered") == 2 and actions.count("question.replied") == 2
    assert actions.count("question.assigned") == 1 and actions.count("question.status_changed") == 3


def test_the_team_marks_it_resolved_and_a_reply_opens_it_again(w, client, app):
    _response, question = ask(client, w.mo, w.team)
    response = _post(app, w.mo, thread_url(question) + "/opgelost")
    assert response.status_code == 302
    assert question.status == QuestionStatus.RESOLVED and question.awaiting_answer_since is None
    assert "Ja, de vraag is opgelost" not in page(client.login(w.mo).get(thread_url(question)))

    _post(app, w.tess, thread_url(question) + "/reageren", {"body": "Toch nog iets."})
    assert question.status == QuestionStatus.OPEN
    assert question.awaiting_answer_since == messages(question)[-1].created_at
    changes = [entry.data for entry in audit(question) if entry.action == "question.status_changed"]
    assert changes == [{"old": "open", "new": "resolved"}, {"old": "resolved", "new": "open"}]


def test_a_coordinator_sets_any_status_and_assigns(w, client, app, ctx):
    _response, question = ask(client, w.mo, w.team)
    _post(app, w.cor, thread_url(question) + "/status", {"status": "waiting"})
    assert question.status == QuestionStatus.WAITING and question.awaiting_answer_since is None
    _post(app, w.cor, thread_url(question) + "/status", {"status": "open"})
    assert question.status == QuestionStatus.OPEN and question.awaiting_answer_since is None

    _post(app, w.cor, thread_url(question) + "/toewijzen", {"coordinator": str(w.karim.id)})
    assert question.assigned_to_id == w.karim.id
    [told] = notifications(w.karim, "question.assigned")
    assert "Cor Coördinator" in told.text and told.link == thread_url(question)
    _post(app, w.cor, thread_url(question) + "/toewijzen", {"coordinator": ""})
    assert question.assigned_to_id is None
    assigned = [entry.data for entry in audit(question) if entry.action == "question.assigned"]
    assert assigned == [{"assigned_to": str(w.karim.id)}, {"assigned_to": None}]


def test_an_admin_answers_without_taking_the_question(w, client, app):
    _response, question = ask(client, w.mo, w.team)
    _post(app, w.ada, thread_url(question) + "/reageren", {"body": "Een coördinator neemt contact op."})
    assert question.status == QuestionStatus.WAITING and question.assigned_to_id is None


def test_a_team_reply_goes_to_every_coordinator_while_nobody_has_it(w, client, app):
    _response, question = ask(client, w.mo, w.team)
    _post(app, w.cor, thread_url(question) + "/status", {"status": "waiting"})
    _post(app, w.tess, thread_url(question) + "/reageren", {"body": "Nog een vraag."})
    assert (
        len(notifications(w.cor, "question.team_replied")) == len(notifications(w.karim, "question.team_replied")) == 1
    )


def test_the_thread_page_shows_each_side_its_own_controls(w, client, app):
    _response, question = ask(client, w.mo, w.team)
    member_page = page(client.login(w.mo).get(thread_url(question)))
    assert "Wij willen een buurtfeest houden." in member_page and "Reageren" in member_page
    assert "Ja, de vraag is opgelost" in member_page and "Toewijzen" not in member_page
    staff_page = page(Client(app.test_client()).login(w.cor).get(thread_url(question)))
    assert "Toewijzen" in staff_page and "Status opslaan" in staff_page and "Karim Helpdesk" in staff_page


def test_the_menu_counts_the_open_questions_for_staff(w, client, app):
    ask(client, w.mo, w.team)
    ask(client, w.fien, w.flat)
    staff_page = page(Client(app.test_client()).login(w.cor).get("/"))
    assert 'href="/helpdesk"' in staff_page and "(2 open)" in staff_page
    assert 'href="/helpdesk"' not in page(client.login(w.mo).get("/"))


def test_the_rules(w, ctx):
    assert can(w.mo, "question.ask", w.team) and can(w.tess, "question.ask", w.team)
    assert not can(w.fien, "question.ask", w.team) and not can(w.cor, "question.ask", w.team)
    assert can(w.cor, "question.view", w.team) and not can(w.rosa, "question.view", w.team)
    assert can(w.ada, "helpdesk.manage") and not can(w.tess, "helpdesk.manage")
