"""The dashboard's situations as reminders in `flask reminders`: a team drifting towards
dormant hears it from us, a chair is reminded of a decision, a coordinator of a question.
Each goes out once per situation (`SentReminder`), so a second run sends nothing."""

import sqlalchemy as sa
from flask_babel import gettext as _

from app.accounts.models import User
from app.coordination import signals
from app.coordination.models import SentReminder, SignalKind
from app.core.jobs import each_item
from app.core.notifications import message, notify
from app.core.scope import coordinators_of
from app.core.urls import path_for
from app.extensions import db
from app.helpdesk.models import Question
from app.helpdesk.services import link_to
from app.money.requests.models import VoucherRequest
from app.money.requests.policy import decider_id
from app.teams.services import trekkers_of


def _first_time(kind: SignalKind, subject_id: int, key: str) -> bool:
    """Claim the reminder for this situation; False when it went out before."""
    sent = db.session.scalar(
        sa.select(SentReminder.id).where(
            SentReminder.kind == kind, SentReminder.subject_id == subject_id, SentReminder.key == key
        )
    )
    if sent is None:
        db.session.add(SentReminder(kind=kind, subject_id=subject_id, key=key))
    return sent is None


def _situations(kind: SignalKind) -> list[signals.Signal]:
    # Snoozed signals are reminded of too: a snooze quiets the dashboard, not the people involved.
    return signals.current(kind=kind, keep_snoozed=True)


def _heading_dormant() -> int:
    found = _situations(SignalKind.HEADING_DORMANT)
    trekkers = trekkers_of([s.team_id for s in found])

    def remind(s: signals.Signal) -> bool:
        if not _first_time(s.kind, s.team_id, s.since.isoformat()):
            return False
        for user in trekkers.get(s.team_id, []):
            notify(
                user,
                "team.heading_dormant",
                path_for("teams.show", team_id=s.team_id),
                team_id=s.team_id,
                team=s.team_name,
                days=s.days,
            )
        return True

    return sum(each_item(found, remind, "heading dormant reminders"))


def _decisions_pending() -> int:
    found = _situations(SignalKind.DECISION_PENDING)
    requests = {
        r.id: r
        for r in db.session.scalars(
            sa.select(VoucherRequest).where(VoucherRequest.id.in_([s.subject_id for s in found]))
        )
    }

    def remind(s: signals.Signal) -> bool:
        request = requests[s.subject_id]
        decider = decider_id(request)
        if decider is None or not _first_time(s.kind, request.id, f"round-{request.round}"):
            return False
        link = path_for("vouchers.decide", request_id=request.id)
        notify(
            db.session.get(User, decider),
            "voucher.decision_pending",
            link,
            team_id=s.team_id,
            team=s.team_name,
            days=s.days,
        )
        return True

    return sum(each_item(found, remind, "decision pending reminders"))


def _questions_unanswered() -> int:
    found = _situations(SignalKind.QUESTION_UNANSWERED)
    questions = {
        q.id: q for q in db.session.scalars(sa.select(Question).where(Question.id.in_([s.subject_id for s in found])))
    }

    def remind(s: signals.Signal) -> bool:
        question = questions[s.subject_id]
        if not _first_time(s.kind, question.id, question.awaiting_answer_since.isoformat()[:40]):
            return False
        if question.assigned_to_id is not None:
            readers = [db.session.get(User, question.assigned_to_id)]
        else:  # the coordinators of the team's municipality
            readers = db.session.scalars(
                sa.select(User).where(
                    User.is_coordinator,
                    User.deactivated_at.is_(None),
                    User.id.in_(coordinators_of(s.neighbourhood_id)),
                )
            ).all()
        for user in readers:
            notify(user, "helpdesk.unanswered", link_to(question), team_id=s.team_id, team=s.team_name, days=s.days)
        return True

    return sum(each_item(found, remind, "question unanswered reminders"))


def send_reminders() -> dict[str, int]:
    """Every reminder that is due today; returns how many situations were reminded of."""
    return {
        "heading_dormant": _heading_dormant(),
        "decision_pending": _decisions_pending(),
        "question_unanswered": _questions_unanswered(),
    }


@message("team.heading_dormant")
def _heading_dormant_text(data) -> str:
    return _(
        "Uw team %(team)s heeft al %(days)s dagen niets gepland. Plan een activiteit, dan blijft het team actief. "
        "Hulp nodig? Stel een vraag aan de helpdesk.",
        team=data["team"],
        days=data["days"],
    )


@message("voucher.decision_pending")
def _decision_pending_text(data) -> str:
    return _(
        "De aanvraag van %(team)s wacht al %(days)s dagen op een besluit. "
        "Kijk of er genoeg adviezen zijn en neem een besluit.",
        team=data["team"],
        days=data["days"],
    )


@message("helpdesk.unanswered")
def _unanswered_text(data) -> str:
    return _("Een vraag van %(team)s wacht al %(days)s dagen op antwoord.", team=data["team"], days=data["days"])
