"""E-mail goes through an outbox table, so a failing mail server never loses a message
and a rolled-back request never sends one. `flask outbox send` delivers."""

import smtplib
from datetime import datetime
from email.message import EmailMessage

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.orm import Mapped, mapped_column

from app.core.models import Base, UTCDateTime, utcnow
from app.extensions import db


class OutboxMail(Base):
    __tablename__ = "outbox_mail"

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    recipient: Mapped[str] = mapped_column(sa.String(254))
    subject: Mapped[str] = mapped_column(sa.String(200))
    body: Mapped[str] = mapped_column(sa.Text)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    # The other person the mail is about, as for a notification (core.notifications).
    about_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id"), index=True)


def queue_mail(recipient: str, subject: str, body: str, about_id: int | None = None) -> OutboxMail:
    mail = OutboxMail(recipient=recipient, subject=str(subject), body=body, about_id=about_id)
    db.session.add(mail)
    if current_app.config["MAIL_PRINT"]:
        print(f"--- mail to {recipient}: {subject}\n{body}\n---", flush=True)  # noqa: T201
    return mail


def send_outbox() -> int:
    """Send unsent mails over SMTP, each marked sent in its own commit; returns the count."""
    config = current_app.config
    pending = db.session.scalars(
        sa.select(OutboxMail).where(OutboxMail.sent_at.is_(None)).order_by(OutboxMail.id)
    ).all()
    if not pending or not config["MAIL_SERVER"]:
        return 0
    with smtplib.SMTP(config["MAIL_SERVER"], config["MAIL_PORT"]) as smtp:
        smtp.starttls()
        if config["MAIL_USERNAME"]:
            smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"])
        for mail in pending:
            message = EmailMessage()
            message["From"] = config["MAIL_SENDER"]
            message["To"] = mail.recipient
            message["Subject"] = mail.subject
            message.set_content(mail.body)
            smtp.send_message(message)
            mail.sent_at = utcnow()
            db.session.commit()
    return len(pending)
