"""The coordinators' list (filters, order, pages) and the team's list, each in the same
number of SQL statements with 10 and with 1,000 questions."""

from datetime import timedelta

import pytest

from app.core.models import utcnow
from app.extensions import db
from app.helpdesk import services
from app.helpdesk.models import Question, QuestionMessage, QuestionStatus
from tests.factories import make_team, make_user
from tests.helpdesk.conftest import page


def _many(w, n: int) -> None:
    """n questions in every state, over several teams, some entered for a resident."""
    now = utcnow()
    teams = [w.team, w.flat, *(make_team(w.hood, make_user(f"Trekker {i}", w.hood)) for i in range(3))]
    askers = [w.mo, w.tess, w.fien, *(make_user(f"Bewoner {i}", w.hood) for i in range(3))]
    states = list(QuestionStatus)
    questions = []
    for i in range(n):
        status = states[i % 3]
        questions.append(
            Question(
                team_id=teams[i % len(teams)].id,
                asked_by_id=askers[i % len(askers)].id,
                entered_by_id=w.karim.id if i % 4 == 0 else None,
                subject=f"Vraag {i}",
                status=status,
                assigned_to_id=(w.cor.id, w.karim.id, None)[i % 2 if i % 5 else 2],
                awaiting_answer_since=now - timedelta(hours=i) if status == QuestionStatus.OPEN else None,
                created_at=now - timedelta(hours=i),
            )
        )
    db.session.add_all(questions)
    db.session.flush()
    db.session.add_all(QuestionMessage(question_id=q.id, author_id=q.asked_by_id, body="Tekst") for q in questions)
    db.session.flush()


def _statements(client, count_statements, url) -> int:
    with count_statements() as counter:
        response = client.get(url)
    assert response.status_code == 200
    return len(counter.statements)


@pytest.mark.parametrize("url", ["/helpdesk", "/helpdesk?status=open&wie=mij&pagina=2"])
def test_the_coordinators_list_takes_the_same_statements_for_10_and_1000_questions(w, client, count_statements, url):
    client.login(w.cor)
    _many(w, 10)
    few = _statements(client, count_statements, url)
    _many(w, 990)
    assert _statements(client, count_statements, url) == few


def test_the_teams_list_takes_the_same_statements_for_10_and_1000_questions(w, client, count_statements):
    client.login(w.mo)
    url = f"/teams/{w.team.id}/vragen"
    _many(w, 10)
    few = _statements(client, count_statements, url)
    _many(w, 990)
    assert _statements(client, count_statements, url) == few


def test_open_questions_come_first_the_longest_waiting_on_top(w, client, ctx):
    now = utcnow()
    waiting = services.ask(w.mo, w.team, "Kraan lekt", "a")
    services.reply(w.cor, w.team, waiting, "Antwoord")
    services.ask(w.mo, w.team, "Sleutel buurthuis", "b")
    old = services.ask(w.fien, w.flat, "Flyers drukken", "c")
    old.awaiting_answer_since = old.created_at = now - timedelta(days=5)
    done = services.ask(w.tess, w.team, "Tuinafval", "d")
    services.set_status(w.tess, w.team, done, QuestionStatus.RESOLVED)
    listed = page(client.login(w.karim).get("/helpdesk"))
    positions = [
        listed.index(subject) for subject in ("Flyers drukken", "Sleutel buurthuis", "Kraan lekt", "Tuinafval")
    ]
    assert positions == sorted(positions)


def test_filters_by_status_and_by_whose_question(w, client, ctx):
    mine = services.ask(w.mo, w.team, "Voor Cor", "a")
    services.reply(w.cor, w.team, mine, "Ik kijk ernaar")
    services.ask(w.fien, w.flat, "Voor niemand", "b")
    client.login(w.cor)
    assert "Voor niemand" not in page(client.get("/helpdesk?wie=mij"))
    assert "Voor Cor" in page(client.get("/helpdesk?wie=mij"))
    assert "Voor Cor" not in page(client.get("/helpdesk?wie=niemand"))
    assert "Voor Cor" not in page(client.get("/helpdesk?status=open"))
    assert "Voor niemand" not in page(client.get("/helpdesk?status=waiting"))
    everything = page(client.get("/helpdesk?status=%00&wie=iemand"))
    assert "Voor Cor" in everything and "Voor niemand" in everything


def test_the_list_has_pages(w, client, app):
    _many(w, app.config["PAGE_SIZE"] + 5)
    client.login(w.cor)
    first = page(client.get("/helpdesk"))
    assert "Pagina 1 van 2" in first and 'rel="next"' in first
    assert "Pagina 2 van 2" in page(client.get("/helpdesk?pagina=2"))
