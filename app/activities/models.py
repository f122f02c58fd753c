import enum
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.models import Base, TimestampMixin, UTCDateTime, enum_check, enum_column, utcnow


class ActivityKind(enum.StrEnum):
    MEETING = "meeting"
    PARTY = "party"
    SPORTS = "sports"
    CLEAN_UP = "clean_up"
    CONVERSATION = "conversation"
    COURSE = "course"
    OTHER = "other"


class ActivityStatus(enum.StrEnum):
    IDEA = "idea"
    PLANNED = "planned"
    DONE = "done"
    EVALUATED = "evaluated"
    CANCELLED = "cancelled"


# An activity that took place: it counts in the practice figures of its template.
HAPPENED = (ActivityStatus.DONE, ActivityStatus.EVALUATED)


class Activity(TimestampMixin, Base):
    __tablename__ = "activity"

    id: Mapped[int] = mapped_column(primary_key=True)
    # active_history on the fields the practice figures count (activities.practice): the
    # old value is known at flush even when it was not loaded before the change.
    team_id: Mapped[int] = mapped_column(sa.ForeignKey("team.id"), index=True, active_history=True)
    # The plan keeps its link to the template it was made from; templates in use are never deleted.
    template_id: Mapped[int | None] = mapped_column(sa.ForeignKey("template.id"), index=True, active_history=True)
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id", ondelete="SET NULL"))
    title: Mapped[str] = mapped_column(sa.String(150))
    description: Mapped[str] = mapped_column(sa.Text, default="")
    kind: Mapped[ActivityKind] = enum_column(ActivityKind, default=ActivityKind.OTHER)
    starts_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    location: Mapped[str] = mapped_column(sa.String(200), default="")
    is_public: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    capacity: Mapped[int | None] = mapped_column()
    expected_participants: Mapped[int | None] = mapped_column()
    actual_participants: Mapped[int | None] = mapped_column(active_history=True)
    status: Mapped[ActivityStatus] = enum_column(
        ActivityStatus, default=ActivityStatus.IDEA, index=True, active_history=True
    )
    cancel_reason: Mapped[str] = mapped_column(sa.Text, default="", server_default="")
    # iCalendar: every change people should see raises SEQUENCE; updated_at is DTSTAMP and
    # part of a feed's ETag. None for activities from before this column.
    sequence: Mapped[int] = mapped_column(default=0, server_default="0")
    updated_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    # By name: the template library imports activities, not the other way round.
    template: Mapped["Template | None"] = relationship("Template", lazy="raise")  # noqa: F821
    checklist: Mapped[list["ChecklistItem"]] = relationship(
        back_populates="activity", lazy="raise", order_by="ChecklistItem.position", cascade="all, delete-orphan"
    )

    __table_args__ = (
        enum_check("kind", ActivityKind),
        enum_check("status", ActivityStatus),
        # The public calendar: public activities by start time.
        sa.Index("ix_activity_public_start", "is_public", "starts_at"),
        sa.CheckConstraint("ends_at IS NULL OR starts_at IS NULL OR ends_at >= starts_at", name="ends_after_start"),
        sa.CheckConstraint(
            "(capacity IS NULL OR capacity >= 0) AND (expected_participants IS NULL OR expected_participants >= 0)"
            " AND (actual_participants IS NULL OR actual_participants >= 0)",
            name="counts_not_negative",
        ),
    )


class ChecklistItem(Base):
    """One step of the plan, usually copied from the template; the team ticks it off."""

    __tablename__ = "checklist_item"

    id: Mapped[int] = mapped_column(primary_key=True)
    # Indexed by the unique (activity_id, position).
    activity_id: Mapped[int] = mapped_column(sa.ForeignKey("activity.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column()
    title: Mapped[str] = mapped_column(sa.String(200))
    description: Mapped[str] = mapped_column(sa.Text, default="")
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    done_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id", ondelete="SET NULL"))

    activity: Mapped[Activity] = relationship(back_populates="checklist", lazy="raise")

    __table_args__ = (sa.UniqueConstraint("activity_id", "position"),)


class TemplatePractice(Base):
    """What came of a template, kept up to date in the transaction of every activity change
    (activities.practice), so that the template page reads three numbers instead of adding up
    every activity made from it."""

    __tablename__ = "template_practice"

    template_id: Mapped[int] = mapped_column(sa.ForeignKey("template.id", ondelete="CASCADE"), primary_key=True)
    teams: Mapped[int] = mapped_column(default=0)
    activities_done: Mapped[int] = mapped_column(default=0)
    participants: Mapped[int] = mapped_column(default=0)


class TemplateAdoption(Base):
    """A team that has activities from a template, with how many: the team counts once in
    the template's figures however many it has, and stops counting when the last is gone."""

    __tablename__ = "template_adoption"

    template_id: Mapped[int] = mapped_column(sa.ForeignKey("template.id", ondelete="CASCADE"), primary_key=True)
    team_id: Mapped[int] = mapped_column(sa.ForeignKey("team.id", ondelete="CASCADE"), primary_key=True)
    activities: Mapped[int] = mapped_column()
