"""Coordinators' coaching notes per team, and the team's support level and handover (the
Vitale Wijken idea: professionals step back once a network carries itself, and stay on
standby). Residents never see any of it."""

import enum
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.accounts.models import User
from app.core.i18n import lazy_gettext as _l
from app.core.models import Base, TimestampMixin, UTCDateTime, enum_check, enum_column, utcnow


class NoteKind(enum.StrEnum):
    VISIT = "visit"
    MEETING = "meeting"
    CALL = "call"
    SUPPORT = "support"
    OTHER = "other"


NOTE_KIND_LABELS = {
    NoteKind.VISIT: _l("Bezoek"),
    NoteKind.MEETING: _l("Overleg"),
    NoteKind.CALL: _l("Telefoon of ander contact"),
    NoteKind.SUPPORT: _l("Hulp gegeven"),
    NoteKind.OTHER: _l("Anders"),
}


class SupportLevel(enum.StrEnum):
    INTENSIVE = "intensive"
    LIGHT = "light"
    ON_CALL = "on_call"


SUPPORT_LEVEL_LABELS = {
    SupportLevel.INTENSIVE: _l("Intensief: wij helpen het team op weg"),
    SupportLevel.LIGHT: _l("Licht: het team doet veel zelf"),
    SupportLevel.ON_CALL: _l("Op afroep: het team draait zelf, wij staan klaar"),
}


class CoachingNote(TimestampMixin, Base):
    """A visit, meeting, call or help given, written down by a coordinator. Never deleted;
    an edit keeps the earlier words in the audit log (coaching_note.edited)."""

    __tablename__ = "coaching_note"

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(sa.ForeignKey("team.id", ondelete="CASCADE"))
    # Kept when the coordinator's account is deleted later: the note stays with the team.
    author_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id", ondelete="SET NULL"))
    kind: Mapped[NoteKind] = enum_column(NoteKind)
    happened_on: Mapped[date] = mapped_column(sa.Date)
    text: Mapped[str] = mapped_column(sa.Text)
    edited_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    author: Mapped[User | None] = relationship(lazy="raise")

    __table_args__ = (
        enum_check("kind", NoteKind),
        # The notes list (newest first) and the dashboard's "no support contact yet" signal.
        sa.Index("ix_coaching_note_team_happened", "team_id", "happened_on"),
    )


class TeamSupport(Base):
    """How much support a team gets now, and the day it was handed over (self-reliant).
    One row per team, made when a coordinator first sets it; no row means: not set yet."""

    __tablename__ = "team_support"

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(sa.ForeignKey("team.id", ondelete="CASCADE"), unique=True)
    level: Mapped[SupportLevel] = enum_column(SupportLevel)
    handed_over_on: Mapped[date | None] = mapped_column(sa.Date)
    set_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id", ondelete="SET NULL"))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    set_by: Mapped[User | None] = relationship(lazy="raise")

    __table_args__ = (enum_check("level", SupportLevel),)


class AssistedRegistration(Base):
    """A resident a coordinator registered because they have no e-mail address (or do not
    use one): how to reach them, and the consent they gave, in the words they agreed to.
    Their account cannot log in and gets no mail until a coordinator hands it over with an
    address (coaching.residents); the row stays as the record of the consent."""

    __tablename__ = "assisted_registration"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("user.id", ondelete="CASCADE"), unique=True)
    # A phone number or an address: only coordinators see it.
    contact: Mapped[str] = mapped_column(sa.String(200))
    # The consent: what the resident agreed to (the text as it read then), when, and who
    # recorded it.
    consent_text: Mapped[str] = mapped_column(sa.Text)
    consented_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    registered_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id", ondelete="SET NULL"))

    user: Mapped[User] = relationship(foreign_keys=[user_id], lazy="raise")
    registered_by: Mapped[User | None] = relationship(foreign_keys=[registered_by_id], lazy="raise")
