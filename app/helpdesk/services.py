"""Helpdesk questions (issue 15): a team member asks, the question becomes a thread with the
coordinators, and each side's message tells the other. A coordinator's answer sets the
question to "waiting for the team"; a team reply sets it open again (also when resolved);
either side may mark it resolved. A coordinator may enter a question for a resident who
asked by phone or at the buurthuis. Services flush; the request commits. A change of a
question takes its row lock first and reads it again (core.locks): its status follows the
message or move that came last, also when two come at the same moment."""

import sqlalchemy as sa
from flask_babel import gettext as _

from app.accounts.models import User
from app.coaching import residents
from app.core.audit import record
from app.core.errors import RuleViolated
from app.core.i18n import lazy_gettext as _l
from app.core.locks import locked
from app.core.models import utcnow
from app.core.notifications import message, notify
from app.core.policy import authorize, is_staff
from app.core.urls import path_for
from app.extensions import db
from app.helpdesk import queries
from app.helpdesk.models import Question, QuestionMessage, QuestionStatus
from app.teams.models import Membership, MembershipState, Team
from app.teams.policy import is_open


def link_to(question: Question) -> str:
    return path_for("helpdesk.show", team_id=question.team_id, question_id=question.id)


# --- asking ---------------------------------------------------------------------------


def ask(actor, team: Team, subject: str, body: str) -> Question:
    """An active member asks a question for their team; the helpdesk is told."""
    authorize(actor, "question.ask", team)
    question = _new_question(team, actor, None, subject, body)
    record(actor, "question.asked", question, team_id=team.id)
    _tell_helpdesk(actor, team, question, "question.asked")
    db.session.flush()
    return question


def ask_on_behalf(actor, team: Team, resident_id: int, subject: str, body: str) -> Question:
    """A coordinator enters a question for one of the team's active members, who asked for
    it: it is the resident's question ("namens ... door ..."), audited with the coordinator
    as actor, and the resident is told by message and mail."""
    authorize(actor, "helpdesk.manage", team)
    if not is_open(team):
        raise RuleViolated(_l("Dit team is gestopt. U kunt er geen vraag meer voor stellen."))
    resident = next((user for user in queries.active_members(team) if user.id == resident_id), None)
    if resident is None:
        raise RuleViolated(_l("Kies een bewoner die actief lid is van dit team."))
    question = _new_question(team, resident, actor, subject, body)
    record(actor, "question.asked", question, team_id=team.id, on_behalf_of=resident.id)
    residents.noted_contact(resident)
    notify(
        resident,
        "question.asked_for_you",
        link_to(question),
        about=actor,
        team_id=team.id,
        coordinator=actor.name,
        team=team.name,
        subject=question.subject,
    )
    _tell_helpdesk(actor, team, question, "question.asked")
    db.session.flush()
    return question


def _new_question(team: Team, resident, entered_by, subject: str, body: str) -> Question:
    now = utcnow()
    question = Question(
        team_id=team.id,
        asked_by_id=resident.id,
        entered_by_id=entered_by.id if entered_by else None,
        subject=subject.strip(),
        status=QuestionStatus.OPEN,
        awaiting_answer_since=now,
        created_at=now,
    )
    db.session.add(question)
    db.session.flush()
    db.session.add(
        QuestionMessage(
            question_id=question.id,
            author_id=resident.id,
            entered_by_id=question.entered_by_id,
            body=body.strip(),
            created_at=now,
        )
    )
    return question


# --- the thread -----------------------------------------------------------------------


def reply(actor, team: Team, question: Question, body: str) -> QuestionMessage:
    """A message in the thread. From a coordinator (or admin) it is an answer: the question
    waits for the team, no longer for an answer, and goes to the first coordinator who
    answers when nobody has it. From the team it opens the question (also a resolved one)
    and it waits for an answer from the moment of the first unanswered message."""
    authorize(actor, "question.reply", team)
    locked(question)
    now, from_helpdesk = utcnow(), is_staff(actor, team)
    note = QuestionMessage(
        question_id=question.id, author_id=actor.id, from_helpdesk=from_helpdesk, body=body.strip(), created_at=now
    )
    db.session.add(note)
    db.session.flush()
    if from_helpdesk:
        _change_status(actor, question, QuestionStatus.WAITING)
        if question.assigned_to_id is None and actor.is_coordinator:
            _assign(actor, question, actor)
        record(actor, "question.answered", question, message_id=note.id)
        _tell_team(actor, team, question)
    else:
        _change_status(actor, question, QuestionStatus.OPEN)
        question.awaiting_answer_since = question.awaiting_answer_since or now
        record(actor, "question.replied", question, message_id=note.id)
        _tell_helpdesk(actor, team, question, "question.team_replied")
    db.session.flush()
    return note


def set_status(actor, team: Team, question: Question, status: QuestionStatus) -> None:
    """Either side may mark a question resolved; only the helpdesk sets any other status."""
    if status == QuestionStatus.RESOLVED:
        authorize(actor, "question.resolve", team)
    else:
        authorize(actor, "helpdesk.manage", team)
    locked(question)
    _change_status(actor, question, status)
    db.session.flush()


def _change_status(actor, question: Question, status: QuestionStatus) -> None:
    """Only an open question waits for an answer: any other status ends the wait. Reopening
    by hand starts no wait (no team message is unanswered); a team reply does."""
    if status != QuestionStatus.OPEN:
        question.awaiting_answer_since = None
    if question.status == status:
        return
    record(actor, "question.status_changed", question, old=question.status.value, new=status.value)
    question.status = status


def assign(actor, team: Team, question: Question, coordinator_id: int | None) -> None:
    """Give the question to a coordinator of the team's municipality (None: to nobody); the
    new one is told."""
    authorize(actor, "helpdesk.manage", team)
    coordinator = None
    if coordinator_id is not None:
        coordinator = next((user for user in queries.coordinators(team) if user.id == coordinator_id), None)
        if coordinator is None:
            raise RuleViolated(_l("Kies een coördinator uit de lijst."))
    locked(question)
    _assign(actor, question, coordinator)
    db.session.flush()


def _assign(actor, question: Question, coordinator: User | None) -> None:
    new_id = coordinator.id if coordinator else None
    if question.assigned_to_id == new_id:
        return
    question.assigned_to_id = new_id
    record(actor, "question.assigned", question, assigned_to=new_id)
    if coordinator is not None and coordinator.id != actor.id:
        notify(
            coordinator,
            "question.assigned",
            link_to(question),
            about=actor,
            team_id=question.team_id,
            subject=question.subject,
            name=actor.name,
        )


# --- telling people -------------------------------------------------------------------


def _tell_helpdesk(actor, team: Team, question: Question, kind: str) -> None:
    """The assigned coordinator, or every coordinator of the team's municipality while nobody
    has the question."""
    assigned = db.session.get(User, question.assigned_to_id) if question.assigned_to_id else None
    still_there = assigned is not None and assigned.is_coordinator and assigned.is_active
    for user in [assigned] if still_there else queries.coordinators(team):
        if user.id != actor.id:
            notify(user, kind, link_to(question), team_id=team.id, team=team.name, subject=question.subject)


def _tell_team(actor, team: Team, question: Question) -> None:
    """The asker and everyone else of the team who wrote in the thread, while in the team."""
    wrote = sa.select(QuestionMessage.author_id).where(
        QuestionMessage.question_id == question.id, QuestionMessage.from_helpdesk.is_(False)
    )
    recipients = db.session.scalars(
        sa.select(User)
        .join(Membership, Membership.user_id == User.id)
        .where(
            Membership.team_id == team.id,
            Membership.state == MembershipState.ACTIVE,
            sa.or_(User.id == question.asked_by_id, User.id.in_(wrote)),
            User.id != actor.id,
        )
        .order_by(User.id)
    )
    for user in recipients:
        notify(
            user,
            "question.answered",
            link_to(question),
            about=actor,
            team_id=question.team_id,
            subject=question.subject,
            name=actor.name,
        )


@message("question.asked")
def _asked_text(data) -> str:
    return _("%(team)s stelt een vraag aan de helpdesk: %(subject)s", team=data["team"], subject=data["subject"])


@message("question.team_replied")
def _team_replied_text(data) -> str:
    return _("%(team)s heeft gereageerd op de vraag: %(subject)s", team=data["team"], subject=data["subject"])


@message("question.answered")
def _answered_text(data) -> str:
    return _("%(name)s van de helpdesk heeft geantwoord op de vraag: %(subject)s", **data)


@message("question.assigned")
def _assigned_text(data) -> str:
    return _("%(name)s heeft een vraag aan u toegewezen: %(subject)s", **data)


@message("question.asked_for_you")
def _asked_for_you_text(data) -> str:
    return _(
        "%(coordinator)s van de helpdesk heeft namens u een vraag gesteld voor %(team)s: %(subject)s. "
        "Het antwoord komt op de pagina met vragen van uw team.",
        **data,
    )
