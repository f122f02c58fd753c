"""The demo's helpdesk questions: three in different states, one entered for a resident,
one unanswered long enough for the dashboard's signal; building twice adds nothing."""

from datetime import timedelta

import sqlalchemy as sa

from app.accounts.services import find_user_by_email
from app.core.models import utcnow
from app.extensions import db
from app.helpdesk.models import Question, QuestionMessage, QuestionStatus
from app.teams.models import Team
from seeds import demo_helpdesk
from seeds.demo import TEAMS, build_demo
from tests.helpdesk.helpers import count


def test_the_demo_questions(app, tmp_path, monkeypatch):
    monkeypatch.setitem(app.config, "UPLOAD_FOLDER", str(tmp_path))
    build_demo()
    coordinator = find_user_by_email("coordinator@example.org")
    teams = [db.session.scalar(sa.select(Team).where(Team.name == spec["name"])) for spec in TEAMS]
    demo_helpdesk.build(coordinator, teams)
    questions = list(db.session.scalars(sa.select(Question).order_by(Question.id)))
    assert sorted(q.status for q in questions) == sorted(QuestionStatus)
    [entered] = [q for q in questions if q.entered_by_id]
    assert entered.entered_by_id == coordinator.id and entered.status == QuestionStatus.RESOLVED
    [open_one] = [q for q in questions if q.status == QuestionStatus.OPEN]
    assert open_one.awaiting_answer_since < utcnow() - timedelta(days=3)
    assert all(q.awaiting_answer_since is None for q in questions if q is not open_one)

    messages = count(QuestionMessage)
    demo_helpdesk.build(coordinator, teams)
    assert count(Question) == 3 and count(QuestionMessage) == messages
