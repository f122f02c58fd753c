import sqlalchemy as sa

from app.extensions import db
from app.helpdesk.models import Question, QuestionMessage


def ask(client, user, team, subject="Hoe vragen we geld aan?", body="Wij willen een buurtfeest houden."):
    """`user` asks through the team's page; returns the response and the newest question."""
    response = client.login(user).post(f"/teams/{team.id}/vragen/stellen", {"subject": subject, "body": body})
    return response, newest_question()


def newest_question() -> Question | None:
    return db.session.scalar(sa.select(Question).order_by(Question.id.desc()).limit(1))


def thread_url(question) -> str:
    return f"/teams/{question.team_id}/vragen/{question.id}"


def messages(question) -> list[QuestionMessage]:
    return list(
        db.session.scalars(
            sa.select(QuestionMessage).where(QuestionMessage.question_id == question.id).order_by(QuestionMessage.id)
        )
    )


def count(model) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))
