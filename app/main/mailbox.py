"""Trying the demo: the mails the app would have sent, on a page instead of in the terminal.
Registered only where MAIL_PREVIEW is on (development), so production has no such route."""

import sqlalchemy as sa
from flask import Blueprint, render_template

from app.core.mail import OutboxMail
from app.extensions import db

bp = Blueprint("mailbox", __name__, url_prefix="/uitproberen")
SHOWN = 50


@bp.route("/mails")
def index():
    mails = db.session.scalars(sa.select(OutboxMail).order_by(OutboxMail.id.desc()).limit(SHOWN)).all()
    return render_template("mailbox/index.html", mails=mails)
