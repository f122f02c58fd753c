from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from app.core.i18n import lazy_gettext as _l
from app.core.models import Base, TimestampMixin, UTCDateTime


class LetterSubscription(TimestampMixin, Base):
    """An address that asked for a neighbourhood's weekly letter. Nothing is sent until the
    link in the first mail was followed (`confirmed_at`); ending it deletes the row."""

    __tablename__ = "letter_subscription"

    id: Mapped[int] = mapped_column(primary_key=True)
    neighbourhood_id: Mapped[int] = mapped_column(sa.ForeignKey("neighbourhood.id", ondelete="CASCADE"), index=True)
    email: Mapped[str] = mapped_column(sa.String(254))
    # The secret in the confirmation and unsubscribe links of the mails.
    token: Mapped[str] = mapped_column(sa.String(64), unique=True)
    confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The last letter queued for this address: the weekly run sends each address one a week.
    last_sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    __table_args__ = (
        sa.UniqueConstraint(
            "neighbourhood_id", "email", info={"message": _l("Dit e-mailadres krijgt de buurtbrief al.")}
        ),
    )
