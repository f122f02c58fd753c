"""Notifications of every kind for the mailing tests, straight through core.notifications."""

import re

import sqlalchemy as sa

from app.core.mail import OutboxMail
from app.core.mail_preferences import KIND_OF, MailKind
from app.extensions import db

# Values for every kind's text (each kind reads the ones it names).
VALUES = dict(
    title="Burendag", team="Pruimengaarde Samen", name="Fenna", reason="Het regent", days=5, subject="De sleutel",
    activity="Burendag", coordinator="Cor", erase_on="2027-01-31", amount=12_500, day="31 januari 2027",
    comment="De bon mist", motivation="", outcome="awarded",
)  # fmt: skip

# One kind of message for each kind of mail.
EXAMPLE = {mail_kind: next(kind for kind, of in KIND_OF.items() if of == mail_kind) for mail_kind in MailKind}


def mails_to(email: str) -> list[OutboxMail]:
    return list(db.session.scalars(sa.select(OutboxMail).where(OutboxMail.recipient == email).order_by(OutboxMail.id)))


def way_out_path(mail: OutboxMail) -> str:
    """The path of the one-click link in the List-Unsubscribe header, which the text has too."""
    link = re.fullmatch(r"<(https://buurtmakers\.test(/\S+))>", mail.headers["List-Unsubscribe"])
    assert link, mail.headers
    assert link.group(1) in mail.body
    assert mail.headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    return link.group(2)
