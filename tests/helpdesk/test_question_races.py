"""A helpdesk question under races (issue 22, the races SQLite hid): real parallel requests
against the served app on PostgreSQL. Every change of a question takes its row lock and
reads it again, so its status always follows the message or move that came last: a team
message written at the same moment as an answer or a "resolved" is never left unanswered,
and no request fails on the rule that only an open question waits for an answer."""

from types import SimpleNamespace

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.helpdesk import services as helpdesk
from app.helpdesk.models import Question, QuestionMessage, QuestionStatus
from tests.factories import make_neighbourhood, make_team, make_user
from tests.live import all_at_once, arrange, logged_in

pytestmark = [pytest.mark.no_db_transaction, pytest.mark.many_connections]
ROUNDS = range(20)


def _question(app, name: str, status: QuestionStatus) -> SimpleNamespace:
    """Tess's question to the helpdesk, as Cor the coordinator left it: open (waiting for an
    answer) or opened again by hand after an answer (waiting for nobody)."""

    def build():
        hood = make_neighbourhood()
        tess = make_user("Tess", hood, email=f"tess-{name}@example.org")
        cor = make_user("Cor", hood, email=f"cor-{name}@example.org", is_coordinator=True)
        team = make_team(hood, tess)
        question = helpdesk.ask(tess, team, "Geld voor een feest", "Hoe vragen we dat aan?")
        if status == QuestionStatus.WAITING:
            helpdesk.reply(cor, team, question, "Met een voucher.")
            helpdesk.set_status(cor, team, question, QuestionStatus.OPEN)
        return SimpleNamespace(id=question.id, url=f"/teams/{team.id}/vragen/{question.id}")

    with app.test_request_context():
        return arrange(app, build)


def _state(app, question_id: int) -> tuple[QuestionStatus, bool, bool]:
    """The question's status, whether it waits for an answer, and whether its last message
    came from the team."""
    with app.app_context():
        try:
            question = db.session.get(Question, question_id)
            last = db.session.scalar(
                sa.select(QuestionMessage.from_helpdesk)
                .where(QuestionMessage.question_id == question_id)
                .order_by(QuestionMessage.id.desc())
                .limit(1)
            )
            return question.status, question.awaiting_answer_since is not None, not last
        finally:
            db.session.remove()


@pytest.mark.parametrize("attempt", ROUNDS)
def test_an_answer_and_a_team_message_at_once_leave_the_question_as_the_last_message_says(served, attempt):
    app, base = served
    name = f"answer{attempt}"
    question = _question(app, name, QuestionStatus.OPEN)
    tess, cor = (logged_in(base, f"{person}-{name}@example.org") for person in ("tess", "cor"))
    url = f"{base}{question.url}/reageren"
    answers = all_at_once(
        [lambda: tess.post(url, data={"body": "Nog iets."}), lambda: cor.post(url, data={"body": "Zo doet u dat."})]
    )
    assert all(answer < 500 for answer in answers), answers
    status, waits, team_last = _state(app, question.id)
    # The team wrote last: the question waits for an answer. The helpdesk did: for the team.
    assert (status, waits) == ((QuestionStatus.OPEN, True) if team_last else (QuestionStatus.WAITING, False))


@pytest.mark.parametrize("attempt", ROUNDS)
def test_a_team_message_while_the_helpdesk_resolves_the_question_never_fails(served, attempt):
    app, base = served
    name = f"resolve{attempt}"
    question = _question(app, name, QuestionStatus.WAITING)
    tess, cor = (logged_in(base, f"{person}-{name}@example.org") for person in ("tess", "cor"))
    answers = all_at_once(
        [
            lambda: tess.post(f"{base}{question.url}/reageren", data={"body": "Het lukt nog niet."}),
            lambda: cor.post(f"{base}{question.url}/opgelost"),
        ]
    )
    assert all(answer < 500 for answer in answers), answers
    status, waits, _team_last = _state(app, question.id)
    # Resolved, then opened again by the message; or the message first, then resolved.
    assert (status, waits) in ((QuestionStatus.OPEN, True), (QuestionStatus.RESOLVED, False))
