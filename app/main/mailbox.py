"""Trying the demo: the mails the app would have sent, on a page instead of in the terminal.
Registered only where MAIL_PREVIEW is on (development), so production has no such route."""

import base64

import sqlalchemy as sa
from flask import Blueprint, render_template

from app.core.mail import OutboxAttachment, OutboxMail
from app.extensions import db

bp = Blueprint("mailbox", __name__, url_prefix="/uitproberen")
SHOWN = 50


@bp.route("/mails")
def index():
    mails = db.session.scalars(sa.select(OutboxMail).order_by(OutboxMail.id.desc()).limit(SHOWN)).all()
    # The images a mail program shows in the mail (a QR code), here as data: URIs (the CSP
    # allows them for images) so that a phone can scan them off the screen.
    images = {}
    for image in db.session.scalars(
        sa.select(OutboxAttachment)
        .where(OutboxAttachment.mail_id.in_([mail.id for mail in mails]), OutboxAttachment.inline)
        .order_by(OutboxAttachment.id)
    ):
        uri = f"data:{image.mimetype};base64,{base64.b64encode(image.content).decode()}"
        images.setdefault(image.mail_id, []).append(uri)
    return render_template("mailbox/index.html", mails=mails, images=images)
