"""Check-in with a code. Each sign-up has a short code, unique in its activity, that the
confirmation mail shows with a QR code of its check-in link. At the door the team types the
code, or scans the QR code with the phone's own camera: the link opens for the team (and
staff) only, and checks the person in with a button, never on GET, so a mail scanner or a
visitor who opens their own link changes nothing. Services flush; the request commits."""

import sqlalchemy as sa
from flask import render_template
from flask_babel import gettext as _
from markupsafe import Markup

from app.activities.models import Activity
from app.core import qr
from app.core.audit import record
from app.core.codes import new_code, shown, typed
from app.core.errors import RuleViolated
from app.core.i18n import lazy_gettext as _l
from app.core.mail import Attachment
from app.core.models import utcnow
from app.core.policy import authorize
from app.core.urls import external_url
from app.extensions import db
from app.signups.models import SignUp, SignUpStatus
from app.teams.models import Team

# The messages that give someone a place: they carry the code.
PLACE_KINDS = ("signup.confirmed", "signup.promoted")
QR_FILE = "inchecken.png"
UNKNOWN = _l("Deze code hoort bij niemand van deze activiteit. Kijk of u hem goed heeft overgenomen.")
NO_PLACE = _l("Deze persoon heeft geen plaats bij deze activiteit.")


def free_code(activity_id: int) -> str:
    """A code nobody in the activity has yet (a clash is rare, but certain to come one day)."""
    while True:
        code = new_code()
        taken = sa.select(SignUp.id).where(SignUp.activity_id == activity_id, SignUp.checkin_code == code)
        if db.session.scalar(taken) is None:
            return code


def link(activity: Activity, sign_up: SignUp) -> str:
    return external_url(
        "signups.check_in_code", team_id=activity.team_id, activity_id=activity.id, checkin_code=sign_up.checkin_code
    )


def qr_svg(activity: Activity, sign_up: SignUp) -> Markup:
    return qr.svg(link(activity, sign_up), _("QR-code om u bij binnenkomst in te checken"))


def door_pass(activity: Activity, sign_up: SignUp | None) -> tuple[str, Markup] | None:
    """A resident's code and its QR code on the activity's page, once they have a place."""
    if sign_up is None or sign_up.status != SignUpStatus.CONFIRMED:
        return None
    return shown(sign_up.checkin_code), qr_svg(activity, sign_up)


def mail_text(activity: Activity, sign_up: SignUp) -> str:
    """What a text mail says about the code: the code and the link, no image."""
    return _(
        "Uw code voor binnenkomst: %(code)s\nLaat deze code of de QR-code bij de deur zien. "
        "Het team zet u ermee op binnen, via deze link: %(link)s",
        code=shown(sign_up.checkin_code),
        link=link(activity, sign_up),
    )


def mail_with_qr(body: str, activity: Activity, sign_up: SignUp) -> tuple[str, Attachment]:
    """The HTML version of the mail `body`, with the QR code as an inline PNG attachment
    (cid:): mail programs show that; many block an image in a data: URI, and one fetched
    from our site waits until the reader allows remote images."""
    image = Attachment(QR_FILE, "image/png", qr.png(link(activity, sign_up)), inline=True)
    html = render_template("signups/mail_checkin.html", body=body, image=QR_FILE, code=shown(sign_up.checkin_code))
    return html, image


def by_code(activity: Activity, code: str) -> SignUp | None:
    return db.session.scalar(
        sa.select(SignUp).where(SignUp.activity_id == activity.id, SignUp.checkin_code == typed(code))
    )


def check_in_by_code(actor, team: Team, activity: Activity, code: str) -> SignUp:
    """The person with this code is in. Only someone with a place; twice is the same as once."""
    authorize(actor, "signup.check_in", team)
    sign_up = by_code(activity, code)
    if sign_up is None:
        raise RuleViolated(UNKNOWN, field="code")
    if sign_up.status != SignUpStatus.CONFIRMED:
        raise RuleViolated(NO_PLACE, field="code")
    if sign_up.checked_in_at is None:
        sign_up.checked_in_at = utcnow()
        db.session.flush()
        record(actor, "signup.checked_in", sign_up, activity_id=activity.id, checked_in=True, by_code=True)
    return sign_up
