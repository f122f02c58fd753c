"""`flask reminders` covers the dashboard's situations too: a team heading for dormant, a
decision pending too long, a question waiting for an answer. Each situation is reminded of
once; a second run the same day (or the next) sends nothing."""

import contextvars
from datetime import timedelta

import sqlalchemy as sa

from app.coordination.models import SentReminder
from app.core import notifications
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


# Issue 23, finding 4: one reminder that failed (a subject too long for its column) rolled back
# every reminder of the run, every day.


def run_alone(app, *args):
    """Run a command in its own app context and session, as cron does: what it does not
    commit is gone when it ends."""
    db.session.flush()
    result = contextvars.Context().run(app.test_cli_runner().invoke, args=list(args))
    db.session.expire_all()
    return result


def quiet_team(app, w, name: str):  # noqa: F811
    team = make_team(w.hood, make_user("Ola Oost", w.hood), name=name)
    team.last_activity_at = utcnow() - timedelta(days=app.config["SIGNAL_HEADING_DORMANT_DAYS"] + 1)
    return team


def test_a_long_team_name_no_longer_stops_the_days_reminders(app, w):  # noqa: F811
    quiet_team(app, w, ("Bewoners van de Pruimengaarde en omstreken " * 3)[:100])
    w.request.submitted_at = utcnow() - timedelta(days=app.config["SIGNAL_DECISION_PENDING_DAYS"] + 1)
    result = run_alone(app, "reminders")
    assert result.exit_code == 0, result.output
    assert len(notes("team.heading_dormant")) == 1 and len(notes("voucher.decision_pending")) == 1


def test_a_reminder_that_fails_rolls_back_only_itself_and_is_tried_again(app, w, monkeypatch):  # noqa: F811
    text = notifications._TEXTS["team.heading_dormant"]

    def breaks_for_one_team(data):
        if data["team"] == "Kapotte Straat":
            raise ValueError("this one item fails")
        return text(data)

    monkeypatch.setitem(notifications._TEXTS, "team.heading_dormant", breaks_for_one_team)
    broken, fine = quiet_team(app, w, "Kapotte Straat"), quiet_team(app, w, "Stille Straat")
    w.request.submitted_at = utcnow() - timedelta(days=app.config["SIGNAL_DECISION_PENDING_DAYS"] + 1)

    result = run_alone(app, "reminders")
    assert result.exit_code == 1 and "1 reminder(s) failed" in result.output
    assert "1 heading dormant reminder(s) sent" in result.output
    assert [n.data["team"] for n in notes("team.heading_dormant")] == ["Stille Straat"]
    assert len(notes("voucher.decision_pending")) == 1  # the other kinds' work stays too
    claimed = db.session.scalars(sa.select(SentReminder.subject_id).where(SentReminder.kind == "heading_dormant"))
    assert list(claimed) == [fine.id]  # the failed one is not marked as sent ...

    monkeypatch.undo()
    again = run_alone(app, "reminders")  # ... so the next run reminds of it
    assert again.exit_code == 0 and "1 heading dormant reminder(s) sent" in again.output
    assert sorted(n.data["team"] for n in notes("team.heading_dormant")) == ["Kapotte Straat", "Stille Straat"]
    assert broken.id in db.session.scalars(sa.select(SentReminder.subject_id)).all()
