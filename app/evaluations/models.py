from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.activities.models import Activity
from app.core.models import Base, TimestampMixin, UTCDateTime, utcnow


class Evaluation(TimestampMixin, Base):
    """The team's look back at an activity that took place; one per activity. The number of
    participants lives on the activity (actual_participants), where the figures read it."""

    __tablename__ = "evaluation"

    id: Mapped[int] = mapped_column(primary_key=True)
    activity_id: Mapped[int] = mapped_column(sa.ForeignKey("activity.id", ondelete="CASCADE"), unique=True)
    new_contacts: Mapped[int] = mapped_column(default=0)
    went_well: Mapped[str] = mapped_column(sa.Text, default="")
    could_be_better: Mapped[str] = mapped_column(sa.Text, default="")
    story: Mapped[str] = mapped_column(sa.Text, default="")
    # The story is shown on the public activity page only when the team chooses so.
    story_public: Mapped[bool] = mapped_column(default=False)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    activity: Mapped[Activity] = relationship(lazy="raise")

    __table_args__ = (sa.CheckConstraint("new_contacts >= 0", name="new_contacts_not_negative"),)


class Photo(TimestampMixin, Base):
    """A photo of the activity, re-encoded without metadata and stored outside static/ under
    a random name; the public sees it only with the consent of the people on it."""

    __tablename__ = "photo"

    id: Mapped[int] = mapped_column(primary_key=True)
    activity_id: Mapped[int] = mapped_column(sa.ForeignKey("activity.id", ondelete="CASCADE"), index=True)
    file_name: Mapped[str] = mapped_column(sa.String(50), unique=True)
    consent: Mapped[bool] = mapped_column(default=False)
    # What the photo shows, in the uploader's words: its text for whoever cannot see it.
    # Empty for photos from before it was asked; those get a numbered text instead.
    description: Mapped[str] = mapped_column(sa.String(150), default="", server_default="")
    uploaded_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id", ondelete="SET NULL"))

    activity: Mapped[Activity] = relationship(lazy="raise")

    @property
    def mimetype(self) -> str:
        return "image/png" if self.file_name.endswith(".png") else "image/jpeg"


class EvaluationReminder(Base):
    """The reminder to evaluate went out for this activity: `flask reminders` sends it once."""

    __tablename__ = "evaluation_reminder"

    activity_id: Mapped[int] = mapped_column(sa.ForeignKey("activity.id", ondelete="CASCADE"), primary_key=True)
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
