"""In-app messages to a person ("you were removed from team X"), each with a copy by mail
through the outbox when the person has an address: at once, in the daily digest
(mailing.digest) or not at all, as the person chose for its kind (core.mail_preferences).
A message is stored as a kind and its values and put into words when it is shown, in the
reader's language (the mail in Dutch, the language of the service)."""

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy.orm import Mapped, mapped_column

from app.core.mail import Attachment, queue_mail
from app.core.mail_preferences import KIND_OF, Choice, choice_for, way_out
from app.core.models import Base, UTCDateTime, utcnow
from app.core.urls import absolute_url
from app.extensions import db

# kind -> function of the stored values that returns the translated text
_TEXTS: dict[str, Callable[[dict[str, Any]], str]] = {}


def message(kind: str):
    """Register how a kind of message reads (features do this next to their services)."""

    def register(text: Callable[[dict[str, Any]], str]):
        _TEXTS[kind] = text
        return text

    return register


class Notification(Base):
    __tablename__ = "notification"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("user.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    kind: Mapped[str] = mapped_column(sa.String(60))
    data: Mapped[dict[str, Any]] = mapped_column(sa.JSON, default=dict)
    # A path inside the app where the person can act on the message, if any.
    link: Mapped[str | None] = mapped_column(sa.String(300))
    # The other person the message is about ("Fenna wil meedoen"): erasing them takes their
    # first name out of it too (privacy.registry, Erase.SCRUB).
    about_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id"), index=True)
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The team the message is about, if any: the digest groups by it.
    team_id: Mapped[int | None] = mapped_column(sa.ForeignKey("team.id", ondelete="SET NULL"))
    # Waiting for the person's daily digest; the digest clears it when it queues the mail.
    digest_pending: Mapped[bool] = mapped_column(default=False, server_default=sa.false())

    __table_args__ = (
        sa.Index("ix_notification_digest_pending", "user_id", postgresql_where=sa.text("digest_pending")),
    )

    @property
    def text(self) -> str:
        # A kind that is no longer registered (retired in a later release) still has its rows:
        # they read as a plain message instead of breaking the page that lists them.
        text = _TEXTS.get(self.kind)
        return text(self.data) if text else _("U heeft een bericht van Buurtmakers.")


def notify(
    user,
    kind: str,
    link: str | None = None,
    about=None,
    team_id: int | None = None,
    attachments: Sequence[Attachment] = (),
    **data: Any,
) -> Notification:
    """Tell `user` something in-app, and by mail as they chose for its kind; `link` is a path
    in the app; `about` is the other person whose name the message holds, if any; `team_id`
    the team it is about; `attachments` go with a mail sent at once (an activity for the calendar)."""
    if kind not in _TEXTS:
        raise KeyError(f"no text registered for notification {kind!r}")
    mail_kind = KIND_OF[kind]
    about_id = about.id if about is not None else None
    notification = Notification(user_id=user.id, kind=kind, link=link, data=data, about_id=about_id, team_id=team_id)
    db.session.add(notification)
    if user.email is None:  # a resident without e-mail reads it once they have an account
        return notification
    choice = choice_for(user.id, mail_kind)
    if choice == Choice.DIGEST:
        notification.digest_pending = True
    if choice != Choice.NOW:
        return notification
    with force_locale("nl"):
        text = _TEXTS[kind](data)
        body = _("Hallo %(name)s,\n\n%(text)s", name=user.first_name, text=text)
        if link:
            body += "\n\n" + absolute_url(link)
        footer, headers = way_out(user.id, mail_kind)
        queue_mail(user.email, text, f"{body}\n\n{footer}", about_id=about_id, headers=headers, attachments=attachments)
    return notification


def unread_query(user) -> sa.Select:
    return sa.select(sa.func.count()).where(Notification.user_id == user.id, Notification.read_at.is_(None))


def recent(user, limit: int = 50) -> list[Notification]:
    return list(
        db.session.scalars(
            sa.select(Notification)
            .where(Notification.user_id == user.id)
            .order_by(Notification.created_at.desc(), Notification.id.desc())
            .limit(limit)
        )
    )


def mark_all_read(user) -> None:
    db.session.execute(
        sa.update(Notification)
        .where(Notification.user_id == user.id, Notification.read_at.is_(None))
        .values(read_at=utcnow())
    )
