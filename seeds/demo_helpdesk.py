"""The demo's helpdesk questions (`flask seed demo`): one waiting for the team after the
coordinator's answer, one open and unanswered for four days (so the dashboard shows the
signal "a question unanswered too long"), and one the coordinator entered for a resident
who phoned, answered and resolved. Through the services, so the audit trail and the
messages are as in real use; a question that exists is left as it is."""

from datetime import timedelta
from typing import NamedTuple

import sqlalchemy as sa

from app.accounts.models import User
from app.accounts.services import find_user_by_email
from app.core.models import utcnow
from app.extensions import db
from app.helpdesk import services
from app.helpdesk.models import Question, QuestionMessage, QuestionStatus
from app.teams.models import Team


class Ask(NamedTuple):
    team: int  # index in the demo's teams
    asker: str  # e-mail of the resident who asks
    subject: str
    body: str
    days_ago: int
    answer: str = ""  # the coordinator's answer, if any
    on_behalf: bool = False  # entered by the coordinator for the resident (a phone call)
    goal: QuestionStatus = QuestionStatus.OPEN


QUESTIONS = [
    Ask(
        0,
        "lid@example.org",
        "Mogen we de binnentuin gebruiken voor een buurtfeest?",
        "We willen in juni een feest in de binnentuin houden. Moeten we daarvoor toestemming vragen?",
        6,
        answer="Goed plan! De binnentuin is van de woningcorporatie. Vraag het hen even per mail. "
        "Wilt u laten weten wat ze zeggen?",
        goal=QuestionStatus.WAITING,
    ),
    Ask(
        1,
        "trekker@example.org",
        "Wie ruimt het vuil bij de containers op?",
        "Bij de containers van de flat ligt steeds vuil. Wie kunnen we daarover bellen?",
        4,
    ),
    Ask(
        0,
        "piet@example.org",
        "Kan mijn buurvrouw ook meedoen zonder computer?",
        "Piet belde: zijn buurvrouw heeft geen computer maar wil graag helpen in de tuin.",
        10,
        answer="Zeker. Zij kan gewoon meedoen met het team. Wij zetten haar aanmelding voor haar in de app.",
        on_behalf=True,
        goal=QuestionStatus.RESOLVED,
    ),
]


def build(coordinator: User, demo_teams: list[Team]) -> None:
    for spec in QUESTIONS:
        team = demo_teams[spec.team]
        exists = sa.select(Question.id).where(Question.team_id == team.id, Question.subject == spec.subject)
        if db.session.scalar(exists) is None:
            _ask(coordinator, team, spec)


def _ask(coordinator: User, team: Team, spec: Ask) -> None:
    asker = find_user_by_email(spec.asker)
    if spec.on_behalf:
        question = services.ask_on_behalf(coordinator, team, asker.id, spec.subject, spec.body)
    else:
        question = services.ask(asker, team, spec.subject, spec.body)
    if spec.answer:
        services.reply(coordinator, team, question, spec.answer)
    if spec.goal == QuestionStatus.RESOLVED:
        services.set_status(asker, team, question, QuestionStatus.RESOLVED)
    _move_back(question, timedelta(days=spec.days_ago))


def _move_back(question: Question, age: timedelta) -> None:
    """Asked `age` ago, the answer a day later: the waiting time shows on the dashboard."""
    asked = utcnow() - age
    notes = db.session.scalars(
        sa.select(QuestionMessage).where(QuestionMessage.question_id == question.id).order_by(QuestionMessage.id)
    )
    for number, note in enumerate(notes):
        note.created_at = asked + timedelta(days=number)
    question.created_at = asked
    if question.awaiting_answer_since is not None:
        question.awaiting_answer_since = asked
    db.session.flush()
