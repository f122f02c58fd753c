import enum
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.accounts.models import User
from app.core.i18n import lazy_gettext as _l
from app.core.models import Base, TimestampMixin, UTCDateTime, enum_check, enum_column
from app.teams.models import Team


class QuestionStatus(enum.StrEnum):
    OPEN = "open"  # the team waits for the helpdesk
    WAITING = "waiting"  # the helpdesk waits for the team
    RESOLVED = "resolved"


STATUS_LABELS = {
    QuestionStatus.OPEN: _l("Open"),
    QuestionStatus.WAITING: _l("Wacht op het team"),
    QuestionStatus.RESOLVED: _l("Opgelost"),
}


class Question(TimestampMixin, Base):
    """A team's question to the helpdesk: a thread of messages between the team and the
    coordinators. `awaiting_answer_since` is the moment of the oldest team message that no
    coordinator has answered yet (None once answered or resolved): the dashboard's signal
    "a question unanswered too long" reads it, so only an open question carries it."""

    __tablename__ = "question"

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(sa.ForeignKey("team.id"), index=True)
    # The resident who asks; a coordinator may have entered it for them (by phone, at the buurthuis).
    asked_by_id: Mapped[int] = mapped_column(sa.ForeignKey("user.id"), index=True)
    entered_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id"))
    subject: Mapped[str] = mapped_column(sa.String(200))
    status: Mapped[QuestionStatus] = enum_column(QuestionStatus, default=QuestionStatus.OPEN, index=True)
    assigned_to_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id"), index=True)
    awaiting_answer_since: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)

    team: Mapped[Team] = relationship(lazy="raise")
    asked_by: Mapped[User] = relationship(foreign_keys=[asked_by_id], lazy="raise")
    entered_by: Mapped[User | None] = relationship(foreign_keys=[entered_by_id], lazy="raise")
    assigned_to: Mapped[User | None] = relationship(foreign_keys=[assigned_to_id], lazy="raise")

    __table_args__ = (
        enum_check("status", QuestionStatus),
        sa.CheckConstraint("awaiting_answer_since IS NULL OR status = 'open'", name="awaiting_only_when_open"),
    )


class QuestionMessage(TimestampMixin, Base):
    """One message in a question's thread, from the team's side or from the helpdesk."""

    __tablename__ = "question_message"

    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[int] = mapped_column(sa.ForeignKey("question.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int] = mapped_column(sa.ForeignKey("user.id"), index=True)
    entered_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id"))
    # Written as the helpdesk (a coordinator or admin), kept as it was when written.
    from_helpdesk: Mapped[bool] = mapped_column(default=False)
    body: Mapped[str] = mapped_column(sa.Text)

    question: Mapped[Question] = relationship(lazy="raise")
    author: Mapped[User] = relationship(foreign_keys=[author_id], lazy="raise")
    entered_by: Mapped[User | None] = relationship(foreign_keys=[entered_by_id], lazy="raise")
