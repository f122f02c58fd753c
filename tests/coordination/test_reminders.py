"""`flask reminders` covers the dashboard's situations too: a team heading for dormant, a
decision pending too long, a question waiting for an answer. Each situation is reminded of
once; a second run the same day (or the next) sends nothing."""

from datetime import timedelta

import sqlalchemy as sa

from app.core.mail import OutboxMail
from app.core.models import utcnow
from app.core.notifications import Notification
from app.extensions import db
from app.helpdesk import services as helpdesk
from app.teams import services as teams
from tests.factories import make_team, make_user
from tests.vouchers_review.conftest import w  # noqa: F401 - w is a fixture


def notes(kind: str) -> list[Notification]:
    return list(db.session.scalars(sa.select(Notification).where(Notification.kind == kind).order_by(Notification.id)))


def run(app) -> str:
    result = app.test_cli_runner().invoke(args=["reminders"])
    assert result.exit_code == 0, result.output
    return result.output


def test_each_situation_is_reminded_of_once(app, w):  # noqa: F811
    days = app.config
    quiet = make_team(w.hood, make_user("Ola Oost", w.hood), name="Stille Straat")
    quiet.last_activity_at = utcnow() - timedelta(days=days["SIGNAL_HEADING_DORMANT_DAYS"] + 1)
    w.request.submitted_at = utcnow() - timedelta(days=days["SIGNAL_DECISION_PENDING_DAYS"] + 1)
    question = helpdesk.ask(w.trekker, w.team, "Sleutel", "Wie heeft de sleutel van het buurthuis?")
    question.awaiting_answer_since = utcnow() - timedelta(days=days["SIGNAL_QUESTION_UNANSWERED_DAYS"] + 1)
    db.session.flush()
    mails = db.session.scalar(sa.select(sa.func.count()).select_from(OutboxMail))

    output = run(app)
    assert "1 heading dormant reminder(s) sent" in output
    assert "1 decision pending reminder(s) sent" in output
    assert "1 question unanswered reminder(s) sent" in output
    (dormant,) = notes("team.heading_dormant")
    (pending,) = notes("voucher.decision_pending")
    unanswered = notes("helpdesk.unanswered")
    assert dormant.user_id == quiet_trekker_id(quiet) and dormant.data["team"] == "Stille Straat"
    assert pending.user_id == w.chair.id and pending.link == f"/vouchers/{w.request.id}/besluit"
    assert [n.user_id for n in unanswered] == [w.coordinator.id]  # nobody assigned: every coordinator
    sent = db.session.scalar(sa.select(sa.func.count()).select_from(OutboxMail)) - mails

    again = run(app)
    assert "0 heading dormant" in again and "0 decision pending" in again and "0 question unanswered" in again
    assert db.session.scalar(sa.select(sa.func.count()).select_from(OutboxMail)) - mails == sent


def test_a_new_situation_of_the_same_team_is_reminded_of_again(app, w):  # noqa: F811
    quiet = make_team(w.hood, make_user("Ola Oost", w.hood), name="Stille Straat")
    quiet.last_activity_at = utcnow() - timedelta(days=app.config["SIGNAL_HEADING_DORMANT_DAYS"] + 1)
    db.session.flush()
    run(app)
    teams.touch(make_user("Iemand"), quiet)  # active again ...
    quiet.last_activity_at = utcnow() - timedelta(days=app.config["SIGNAL_HEADING_DORMANT_DAYS"] + 30)
    db.session.flush()  # ... and quiet for long again, later
    assert "1 heading dormant" in run(app)
    assert len(notes("team.heading_dormant")) == 2


def quiet_trekker_id(team) -> int:
    return teams.trekkers_of([team.id])[team.id][0].id
