"""Which notifications a person wants by mail: per kind at once, in a daily digest, or not at
all. The in-app message always stays; mails about the account itself (activation, reset,
password, erasure, the second step) never pass through here and always go.

Every mail that a choice governs carries a one-click way out of its kind (RFC 8058): a link
with a token signed for that person and that kind, which works without logging in. Nobody
can make one for another person without the app's SECRET_KEY."""

import enum

import sqlalchemy as sa
from flask import current_app
from flask_babel import gettext as _
from itsdangerous import BadSignature, URLSafeSerializer
from sqlalchemy.orm import Mapped, mapped_column

from app.core.i18n import lazy_gettext as _l
from app.core.models import Base, enum_check, enum_column
from app.core.urls import external_url
from app.extensions import db

UNSUBSCRIBE_SALT = "mail-unsubscribe"


class MailKind(enum.StrEnum):
    SIGNUPS = "signups"
    JOIN_REQUESTS = "join_requests"
    VOUCHERS = "vouchers"
    HELPDESK = "helpdesk"
    REMINDERS = "reminders"
    SIGNALS = "signals"


KIND_LABELS = {
    MailKind.SIGNUPS: _l("Aanmeldingen voor activiteiten"),
    MailKind.JOIN_REQUESTS: _l("Lid worden van een team"),
    MailKind.VOUCHERS: _l("Stappen van een aanvraag voor geld"),
    MailKind.HELPDESK: _l("Antwoorden en vragen bij de helpdesk"),
    MailKind.REMINDERS: _l("Herinneringen"),
    MailKind.SIGNALS: _l("Signalen voor coördinatoren"),
}


class Choice(enum.StrEnum):
    NOW = "now"
    DIGEST = "digest"
    NEVER = "never"


CHOICE_LABELS = {
    Choice.NOW: _l("Meteen een mail"),
    Choice.DIGEST: _l("Eén keer per dag, in een overzicht"),
    Choice.NEVER: _l("Geen mail (alleen in de app)"),
}

# The stand-in kind of the daily digest's own way out: it turns every kind in it off.
DIGEST = "digest"

# Every kind of in-app message (core.notifications) belongs to one kind of mail; a message
# kind missing here fails notify() and tests/mailing/test_preferences.py.
KIND_OF: dict[str, MailKind] = {
    **dict.fromkeys(
        ("signup.confirmed", "signup.waitlisted", "signup.promoted", "signup.cancelled", "signup.changed"),
        MailKind.SIGNUPS,
    ),
    **dict.fromkeys(("coaching.behalf_signup", "coaching.behalf_waitlist"), MailKind.SIGNUPS),
    **dict.fromkeys(
        ("team.join_requested", "team.request_accepted", "team.request_declined", "team.member_removed"),
        MailKind.JOIN_REQUESTS,
    ),
    "coaching.behalf_join": MailKind.JOIN_REQUESTS,
    **dict.fromkeys(
        (
            "voucher.submitted",
            "voucher.objected",
            "voucher.decided",
            "voucher.paid",
            "voucher.sent_back",
            "voucher.settled",
        ),
        MailKind.VOUCHERS,
    ),
    **dict.fromkeys(
        ("question.asked", "question.team_replied", "question.answered", "question.assigned", "question.asked_for_you"),
        MailKind.HELPDESK,
    ),
    **dict.fromkeys(
        ("evaluation.reminder", "voucher.accountability_due", "team.heading_dormant", "voucher.decision_pending"),
        MailKind.REMINDERS,
    ),
    **dict.fromkeys(("helpdesk.unanswered", "coaching.resident_inactive"), MailKind.SIGNALS),
}


class MailPreference(Base):
    """A person's choice for one kind; no row is the default, a mail at once."""

    __tablename__ = "mail_preference"

    user_id: Mapped[int] = mapped_column(sa.ForeignKey("user.id", ondelete="CASCADE"), primary_key=True)
    kind: Mapped[MailKind] = enum_column(MailKind, primary_key=True)
    choice: Mapped[Choice] = enum_column(Choice)

    __table_args__ = (enum_check("kind", MailKind), enum_check("choice", Choice))


def choices_of(user_id: int) -> dict[MailKind, Choice]:
    """Every kind with the person's choice (the default where they made none)."""
    rows = db.session.execute(
        sa.select(MailPreference.kind, MailPreference.choice).where(MailPreference.user_id == user_id)
    )
    return dict.fromkeys(MailKind, Choice.NOW) | {MailKind(kind): Choice(choice) for kind, choice in rows}


def choice_for(user_id: int, kind: MailKind) -> Choice:
    choice = db.session.scalar(
        sa.select(MailPreference.choice).where(MailPreference.user_id == user_id, MailPreference.kind == kind)
    )
    return Choice(choice) if choice else Choice.NOW


def _serializer() -> URLSafeSerializer:
    # Not timed: a way out in a mail from last year still works.
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=UNSUBSCRIBE_SALT)


def unsubscribe_token(user_id: int, kind: str) -> str:
    return _serializer().dumps([user_id, kind])


def read_unsubscribe_token(token: str) -> tuple[int, str] | None:
    """The person and kind a token was made for, or None for anything not made by this app."""
    try:
        user_id, kind = _serializer().loads(token)
    except (BadSignature, TypeError, ValueError):
        return None
    if not isinstance(user_id, int) or kind not in (*MailKind, DIGEST):
        return None
    return user_id, kind


def unsubscribe_link(user_id: int, kind: str) -> str:
    return external_url("mailing.unsubscribe", mail_token=unsubscribe_token(user_id, kind))


def list_headers(link: str) -> dict[str, str]:
    """RFC 8058 one-click: the mail client POSTs "List-Unsubscribe=One-Click" to the link."""
    return {"List-Unsubscribe": f"<{link}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}


def way_out(user_id: int, kind: str) -> tuple[str, dict[str, str]]:
    """The end of a mail of `kind` to the person, and its headers: one click ends this kind."""
    link = unsubscribe_link(user_id, kind)
    question = (
        _("Wilt u dit dagelijkse overzicht niet meer?")
        if kind == DIGEST
        else _("Wilt u geen mails meer over %(kind)s?", kind=str(KIND_LABELS[kind]).lower())
    )
    text = _(
        "U krijgt deze mail omdat u een account heeft bij Buurtmakers.\n"
        "%(question)s Eén klik is genoeg: %(link)s\n"
        "Kies zelf welke mails u krijgt: %(settings)s",
        question=question,
        link=link,
        settings=external_url("mailing.preferences"),
    )
    return text, list_headers(link)
