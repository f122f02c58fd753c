"""Coaching notes and the support level and handover of a team (coordinators only).
A note is never deleted, and an edit keeps the earlier words in the audit log; the notes
and the support are audited on their own objects, never on the team, so nothing of them
reaches the team's history that trekkers read. Services flush; the request commits."""

from datetime import date

import sqlalchemy as sa
from flask import abort, current_app
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import joinedload

from app.accounts.models import User
from app.coaching.models import CoachingNote, NoteKind, SupportLevel, TeamSupport
from app.core.audit import AuditEntry, record
from app.core.errors import RuleViolated
from app.core.i18n import lazy_gettext as _l
from app.core.locks import for_change, locked
from app.core.models import utcnow
from app.core.pagination import Page, paginate
from app.core.policy import authorize
from app.core.timezone import local_today
from app.extensions import db
from app.teams import services as teams
from app.teams.models import Team, TeamStatus

# A note about a day long ago is a typing error (a year 0202), not history.
OLDEST_DAY = date(2000, 1, 1)

# --- reading ---------------------------------------------------------------------------


def notes_page(team: Team, page: int) -> Page:
    """The team's notes, newest first, with their authors: two statements a page."""
    query = (
        sa.select(CoachingNote)
        .options(joinedload(CoachingNote.author))
        .where(CoachingNote.team_id == team.id)
        .order_by(CoachingNote.happened_on.desc(), CoachingNote.id.desc())
    )
    return paginate(query, page, current_app.config["PAGE_SIZE"])


def note_in(team: Team, note_id: int) -> CoachingNote:
    """For routes: the team's note with its author, or 404 (another team's note does not exist here)."""
    note = db.session.scalar(
        sa.select(CoachingNote)
        .options(joinedload(CoachingNote.author))
        .where(CoachingNote.id == note_id, CoachingNote.team_id == team.id)
    )
    if note is None:
        abort(404)
    return note


def note_history(note: CoachingNote) -> list[tuple[AuditEntry, str | None]]:
    """What happened to the note, newest first, with the coordinator's name; an edit
    carries the earlier kind, date and text."""
    rows = db.session.execute(
        sa.select(AuditEntry, User.name)
        .outerjoin(User, User.id == AuditEntry.actor_id)
        .where(AuditEntry.object_type == "coachingnote", AuditEntry.object_id == note.id)
        .order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
    )
    return [(entry, name) for entry, name in rows]


def support_of(team: Team) -> TeamSupport | None:
    return db.session.scalar(
        sa.select(TeamSupport).options(joinedload(TeamSupport.set_by)).where(TeamSupport.team_id == team.id)
    )


# --- notes -----------------------------------------------------------------------------


def _check_day(day: date, message) -> None:
    if not OLDEST_DAY <= day <= local_today():
        raise RuleViolated(message)


def _check_note(happened_on: date, text: str) -> str:
    _check_day(happened_on, _l("Kies een datum van vandaag of eerder."))
    text = (text or "").strip()
    if not text:
        raise RuleViolated(_l("Schrijf op wat er besproken of gedaan is."))
    return text


def add_note(actor, team: Team, kind: NoteKind, happened_on: date, text: str) -> CoachingNote:
    """A coordinator writes down a visit, meeting, call or help given."""
    authorize(actor, "coaching.write", team)
    note = CoachingNote(
        team_id=team.id, author_id=actor.id, kind=kind, happened_on=happened_on, text=_check_note(happened_on, text)
    )
    db.session.add(note)
    db.session.flush()
    record(actor, "coaching_note.added", note, team_id=team.id, kind=kind, happened_on=happened_on)
    db.session.flush()
    return note


def edit_note(actor, team: Team, note_id: int, kind: NoteKind, happened_on: date, text: str) -> CoachingNote:
    """A coordinator corrects a note; the audit log keeps what it said before."""
    authorize(actor, "coaching.write", team)
    # Locked and read again: of two edits at the same moment, the second keeps the first's words.
    note = db.session.scalar(
        for_change(sa.select(CoachingNote).where(CoachingNote.id == note_id, CoachingNote.team_id == team.id))
    )
    if note is None:
        raise RuleViolated(_l("Deze notitie bestaat niet (meer)."))
    text = _check_note(happened_on, text)
    if (note.kind, note.happened_on, note.text) == (kind, happened_on, text):
        return note
    record(
        actor,
        "coaching_note.edited",
        note,
        team_id=team.id,
        old_kind=note.kind,
        old_happened_on=note.happened_on,
        old_text=note.text,
    )
    note.kind, note.happened_on, note.text, note.edited_at = kind, happened_on, text, utcnow()
    db.session.flush()
    return note


# --- support and handover --------------------------------------------------------------


def _support_row(actor, team: Team) -> TeamSupport:
    """The team's support row, made when it has none, under its row lock: two coordinators
    setting it at the same moment make one row, and each starts from what the other left."""
    db.session.execute(
        insert(TeamSupport)
        .values(team_id=team.id, level=SupportLevel.INTENSIVE)
        .on_conflict_do_nothing(index_elements=[TeamSupport.team_id])
    )
    support = db.session.scalar(for_change(sa.select(TeamSupport).where(TeamSupport.team_id == team.id)))
    support.set_by_id = actor.id
    return support


def set_level(actor, team: Team, level: SupportLevel) -> TeamSupport:
    """A coordinator sets how much support the team gets now. A handed-over team that needs
    intensive or light support again is no longer counted as handed over."""
    authorize(actor, "coaching.write", team)
    support = _support_row(actor, team)
    old_level, old_handover = support.level, support.handed_over_on
    support.level = level
    if level != SupportLevel.ON_CALL:
        support.handed_over_on = None
    db.session.flush()
    record(
        actor,
        "team_support.level_set",
        support,
        team_id=team.id,
        level=level,
        old_level=old_level,
        old_handed_over_on=old_handover,
    )
    db.session.flush()
    return support


def hand_over(actor, team: Team, on: date) -> TeamSupport:
    """The team carries itself from `on`: it becomes self-reliant (through the teams' own
    status rule) and the coordinator stays on call."""
    authorize(actor, "coaching.write", team)
    _check_day(on, _l("Kies een datum van vandaag of eerder."))
    locked(team)  # the team's status as it is now: one archived at this moment is not handed over
    if team.status == TeamStatus.ARCHIVED:
        raise RuleViolated(_l("Dit team is gestopt. Een gestopt team kan niet worden overgedragen."))
    support = _support_row(actor, team)
    if support.handed_over_on is not None:
        raise RuleViolated(_l("Dit team is al overgedragen."))
    support.level, support.handed_over_on = SupportLevel.ON_CALL, on
    db.session.flush()
    record(actor, "team_support.handed_over", support, team_id=team.id, handed_over_on=on)
    if team.status != TeamStatus.SELF_RELIANT:
        teams.set_status(actor, team, TeamStatus.SELF_RELIANT)
    db.session.flush()
    return support
