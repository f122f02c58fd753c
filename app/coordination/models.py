"""What the dashboard keeps: signals a coordinator put aside for a while, and which
reminders `flask reminders` already sent (so a second run the same day sends nothing)."""

import enum
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from app.core.i18n import lazy_gettext as _l
from app.core.models import Base, UTCDateTime, enum_check, enum_column, utcnow

NOT_THERE = _l("Dit signaal is er niet (meer). Misschien is het al opgelost of uitgesteld.")


class SignalKind(enum.StrEnum):
    """In order of urgency: money first, then people waiting, then teams drifting."""

    ACCOUNTABILITY_OVERDUE = "accountability_overdue"
    PAYOUT_WAITING = "payout_waiting"
    ACCOUNTABILITY_CHECK = "accountability_check"
    DECISION_PENDING = "decision_pending"
    QUESTION_UNANSWERED = "question_unanswered"
    NO_TREKKER = "no_trekker"
    BELOW_MINIMUM = "below_minimum"
    NO_SUPPORT_CONTACT = "no_support_contact"
    DORMANT = "dormant"
    HEADING_DORMANT = "heading_dormant"


class SignalSnooze(Base):
    """A signal put aside until a day, with the reason; snoozing it again replaces the day
    and the reason (the audit log keeps every snooze)."""

    __tablename__ = "signal_snooze"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[SignalKind] = enum_column(SignalKind)
    team_id: Mapped[int] = mapped_column(sa.ForeignKey("team.id", ondelete="CASCADE"))
    # The request or question the signal is about; 0 when it is about the team itself.
    subject_id: Mapped[int] = mapped_column(default=0)
    until: Mapped[date] = mapped_column()
    reason: Mapped[str] = mapped_column(sa.String(500))
    snoozed_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id", ondelete="SET NULL"))
    snoozed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    __table_args__ = (
        # Two coordinators snoozing one signal at the same moment: the second reads what
        # the service says a moment later (coordination.services.snooze).
        sa.UniqueConstraint("kind", "team_id", "subject_id", info={"message": NOT_THERE}),
        enum_check("kind", SignalKind),
        sa.Index("ix_signal_snooze_until", "until"),
    )


class SentReminder(Base):
    """One reminder of a kind about one subject in one situation (`key`, e.g. the round of
    a request or the moment a question started waiting): sent once, whatever runs twice."""

    __tablename__ = "sent_reminder"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(sa.String(40))
    subject_id: Mapped[int] = mapped_column()
    key: Mapped[str] = mapped_column(sa.String(40))
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    __table_args__ = (sa.UniqueConstraint("kind", "subject_id", "key"),)
