"""E-mail goes through an outbox table, so a failing mail server never loses a message
and a rolled-back request never sends one. `flask outbox send` delivers.

One mail never holds up the others: a mail that fails is marked with its error, tried
again later (each wait twice the one before) and given up after OUTBOX_MAX_TRIES."""

import smtplib
import ssl
import unicodedata
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from email.message import EmailMessage

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.orm import Mapped, mapped_column

from app.core.models import Base, UTCDateTime, utcnow
from app.extensions import db

SUBJECT_MAX = 200
ERROR_MAX = 500
# How the sender talks to the relay: STARTTLS on the submission port, implicit TLS (465),
# or a plain relay inside the municipality's network.
SECURITY_MODES = ("starttls", "tls", "none")


class OutboxMail(Base):
    __tablename__ = "outbox_mail"

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    recipient: Mapped[str] = mapped_column(sa.String(254))
    subject: Mapped[str] = mapped_column(sa.String(SUBJECT_MAX))
    body: Mapped[str] = mapped_column(sa.Text)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    tries: Mapped[int] = mapped_column(default=0, server_default="0")
    last_error: Mapped[str | None] = mapped_column(sa.String(ERROR_MAX))
    next_try_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    gave_up_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The other person the mail is about, as for a notification (core.notifications).
    about_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id"), index=True)
    # Extra header lines (List-Unsubscribe and List-Unsubscribe-Post, RFC 8058).
    headers: Mapped[dict[str, str]] = mapped_column(sa.JSON, default=dict, server_default="{}")
    # An HTML version beside the text, for a mail that shows an image (a QR code).
    html: Mapped[str | None] = mapped_column(sa.Text)


class OutboxAttachment(Base):
    """A file sent with a mail; an inline one is an image that the HTML version shows
    (src="cid:<file_name>"). It goes when its mail goes (retention, erasure)."""

    __tablename__ = "outbox_attachment"

    id: Mapped[int] = mapped_column(primary_key=True)
    mail_id: Mapped[int] = mapped_column(sa.ForeignKey("outbox_mail.id", ondelete="CASCADE"), index=True)
    file_name: Mapped[str] = mapped_column(sa.String(100))
    mimetype: Mapped[str] = mapped_column(sa.String(100))
    content: Mapped[bytes] = mapped_column(sa.LargeBinary)
    inline: Mapped[bool] = mapped_column(default=False)


@dataclass(frozen=True)
class Attachment:
    file_name: str
    mimetype: str
    content: bytes
    inline: bool = False


def mail_subject(text: str) -> str:
    """`text` as a Subject: one line (every line break, control character and other separator
    becomes a space, as the mail library refuses a header with a line break in it) that fits
    its column, cut off with an ellipsis. Subjects are built from what people typed."""
    spaced = "".join(" " if unicodedata.category(c) in ("Cc", "Zl", "Zp", "Zs") else c for c in str(text))
    line = " ".join(spaced.split())
    return line if len(line) <= SUBJECT_MAX else line[: SUBJECT_MAX - 1].rstrip() + "…"


def queue_mail(
    recipient: str,
    subject: str,
    body: str,
    about_id: int | None = None,
    html: str | None = None,
    attachments: Sequence[Attachment] = (),
    headers: dict[str, str] | None = None,
) -> OutboxMail:
    mail = OutboxMail(
        recipient=recipient,
        subject=mail_subject(subject),
        body=body,
        about_id=about_id,
        html=html,
        headers=headers or {},
    )
    db.session.add(mail)
    if attachments:
        db.session.flush()
        db.session.add_all(OutboxAttachment(mail_id=mail.id, **asdict(attachment)) for attachment in attachments)
    if current_app.config["MAIL_PRINT"]:
        print(f"--- mail to {recipient}: {mail.subject}\n{body}\n---", flush=True)  # noqa: T201
    return mail


@dataclass
class Delivery:
    sent: int = 0
    failed: int = 0


def send_outbox() -> Delivery:
    """Send the mails that are due over SMTP, each marked sent or failed in its own commit.
    A mail is claimed with SKIP LOCKED, so two runs at once never send one mail twice.
    A broken connection ends the run (the error goes up); the mails not yet tried wait."""
    config = current_app.config
    start = utcnow()
    delivery = Delivery()
    if not config["MAIL_SERVER"] or db.session.scalar(_due(start).with_only_columns(OutboxMail.id)) is None:
        return delivery
    with _connect(config) as smtp:
        while (mail := db.session.scalar(_due(start).with_for_update(skip_locked=True))) is not None:
            try:
                smtp.send_message(_message(mail, config["MAIL_SENDER"]))
            except Exception as error:  # whatever it is, it is this mail's error
                _mark_failed(mail, error, config)
                db.session.commit()
                delivery.failed += 1
                if smtp.sock is None:  # the relay hung up (or said 421): the rest waits for the next run
                    raise
                continue
            mail.sent_at = utcnow()
            db.session.commit()
            delivery.sent += 1
    return delivery


def failed_mails() -> list[OutboxMail]:
    """Unsent mails that failed at least once: waiting for another try, or given up."""
    return list(db.session.scalars(_failed().order_by(OutboxMail.id)))


def failed_count() -> int:
    return db.session.scalar(_failed().with_only_columns(sa.func.count()))


def outbox_figures() -> tuple[int, int]:
    """In one query: the mails waiting to be sent (those to be tried again included), and the
    unsent mails that failed at least once, waiting or given up (what `failed_mails` lists)."""
    query = sa.select(
        sa.func.count().filter(OutboxMail.gave_up_at.is_(None)),
        sa.func.count().filter(OutboxMail.tries > 0),
    ).where(OutboxMail.sent_at.is_(None))
    pending, failed = db.session.execute(query).one()
    return pending, failed


def _failed() -> sa.Select:
    return sa.select(OutboxMail).where(OutboxMail.sent_at.is_(None), OutboxMail.tries > 0)


def _due(now: datetime) -> sa.Select:
    return (
        sa.select(OutboxMail)
        .where(
            OutboxMail.sent_at.is_(None),
            OutboxMail.gave_up_at.is_(None),
            sa.or_(OutboxMail.next_try_at.is_(None), OutboxMail.next_try_at <= now),
        )
        .order_by(OutboxMail.id)
        .limit(1)
    )


def _connect(config) -> smtplib.SMTP:
    security, host, port = config["MAIL_SECURITY"], config["MAIL_SERVER"], config["MAIL_PORT"]
    if security not in SECURITY_MODES:
        raise RuntimeError(f"MAIL_SECURITY must be one of {', '.join(SECURITY_MODES)}, not {security!r}")
    # Certificates are always checked; MAIL_CA_FILE only adds the CA of an internal relay.
    context = ssl.create_default_context()
    if config["MAIL_CA_FILE"]:
        context.load_verify_locations(cafile=config["MAIL_CA_FILE"])
    timeout = config["MAIL_TIMEOUT"]
    if security == "tls":
        smtp = smtplib.SMTP_SSL(host, port, timeout=timeout, context=context)
    else:
        smtp = smtplib.SMTP(host, port, timeout=timeout)
    try:
        if security == "starttls":
            smtp.starttls(context=context)  # refuses to go on in the clear when the relay offers no TLS
        if config["MAIL_USERNAME"]:
            smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"])
    except BaseException:
        smtp.close()
        raise
    return smtp


def _message(mail: OutboxMail, sender: str) -> EmailMessage:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = mail.recipient
    # Again at sending: a mail queued before subjects were made safe goes out too.
    message["Subject"] = mail_subject(mail.subject)
    for name, value in (mail.headers or {}).items():
        message[name] = value
    message.set_content(mail.body)
    attachments = db.session.scalars(
        sa.select(OutboxAttachment).where(OutboxAttachment.mail_id == mail.id).order_by(OutboxAttachment.id)
    ).all()
    if mail.html:
        message.add_alternative(mail.html, subtype="html")
        html_part = message.get_payload()[1]
        for image in (a for a in attachments if a.inline):
            html_part.add_related(image.content, *image.mimetype.split("/"), cid=f"<{image.file_name}>")
    for attachment in (a for a in attachments if not (a.inline and mail.html)):
        # An activity for the phone's calendar is a copy of a public event (agenda.ical.invitation).
        params = {"method": "PUBLISH"} if attachment.mimetype == "text/calendar" else {}
        message.add_attachment(
            attachment.content, *attachment.mimetype.split("/"), filename=attachment.file_name, params=params
        )
    return message


def _mark_failed(mail: OutboxMail, error: Exception, config) -> None:
    now = utcnow()
    mail.tries += 1
    mail.last_error = f"{type(error).__name__}: {error}"[:ERROR_MAX]
    if mail.tries >= config["OUTBOX_MAX_TRIES"]:
        mail.gave_up_at, mail.next_try_at = now, None
    else:
        wait = config["OUTBOX_RETRY_MINUTES"] * 2 ** min(mail.tries - 1, 16)
        mail.next_try_at = now + timedelta(minutes=min(wait, 24 * 60))
