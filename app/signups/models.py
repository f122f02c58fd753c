import enum
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.accounts.models import User
from app.activities.models import Activity
from app.core.codes import CODE_LENGTH, new_code
from app.core.i18n import lazy_gettext as _l
from app.core.models import Base, TimestampMixin, UTCDateTime, enum_check, enum_column


class SignUpStatus(enum.StrEnum):
    PENDING = "pending"  # a visitor who has not yet opened the confirmation link
    CONFIRMED = "confirmed"  # has a place
    WAITLISTED = "waitlisted"  # waits for a place, in order of queued_at
    CANCELLED = "cancelled"  # signed off


class SignUp(TimestampMixin, Base):
    __tablename__ = "sign_up"

    id: Mapped[int] = mapped_column(primary_key=True)
    activity_id: Mapped[int] = mapped_column(sa.ForeignKey("activity.id", ondelete="CASCADE"), index=True)
    # A resident's sign-up keeps their account; a visitor's has only name and e-mail; a
    # walk-in, added at the door, only a name.
    user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id", ondelete="SET NULL"), index=True)
    name: Mapped[str] = mapped_column(sa.String(100))
    # None for a walk-in, and for a resident without e-mail whom a coordinator signed up.
    email: Mapped[str | None] = mapped_column(sa.String(254))
    status: Mapped[SignUpStatus] = enum_column(SignUpStatus)
    # The secret in the confirmation and sign-off links of the mails.
    token: Mapped[str] = mapped_column(sa.String(64), unique=True)
    # The short code the person shows at the door (signups.checkin); services pick one that is
    # free in the activity, the default serves rows made elsewhere (demo data).
    checkin_code: Mapped[str] = mapped_column(sa.String(CODE_LENGTH), default=new_code)
    # The order of arrival for places and the waitlist (set when the sign-up counts).
    queued_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    checked_in_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # A coordinator who signed this resident up for them (asked by phone, at the buurthuis).
    entered_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id", ondelete="SET NULL"))

    activity: Mapped[Activity] = relationship(lazy="raise")
    entered_by: Mapped[User | None] = relationship(foreign_keys=[entered_by_id], lazy="raise")

    __table_args__ = (
        sa.UniqueConstraint("activity_id", "email", info={"message": _l("Met dit e-mailadres bent u al aangemeld.")}),
        # Named here: the convention names a unique constraint after its first column only.
        sa.UniqueConstraint("activity_id", "checkin_code", name="uq_sign_up_activity_id_checkin_code"),
        enum_check("status", SignUpStatus),
    )
