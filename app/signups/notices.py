"""Telling people about their sign-up: in the app with a mail copy for a resident, a mail
for a visitor; someone with a place gets the activity for the phone's calendar and their
check-in code with it."""

from flask_babel import force_locale
from flask_babel import gettext as _

from app.accounts.models import User
from app.activities.models import Activity
from app.core.codes import shown
from app.core.mail import Attachment, queue_mail
from app.core.notifications import message, notify
from app.core.urls import external_url, path_for
from app.extensions import db
from app.signups import checkin
from app.signups.models import SignUp, SignUpStatus


def tell(sign_up: SignUp, activity: Activity, promoted: bool = False) -> None:
    kind = (
        "signup.promoted"
        if promoted
        else ("signup.confirmed" if sign_up.status == SignUpStatus.CONFIRMED else "signup.waitlisted")
    )
    send(sign_up, activity, kind, calendar(activity, kind))


# The mails that carry the activity for the phone's calendar, to people with a place.
CALENDAR_KINDS = ("signup.confirmed", "signup.promoted", "signup.changed", "signup.cancelled")


def calendar(activity: Activity, kind: str) -> Attachment | None:
    """The activity as .ics for the mails of `kind`, if they carry it."""
    if kind not in CALENDAR_KINDS:
        return None
    from app.agenda.ical import invitation  # the agenda reads sign-ups: imported when used

    return invitation(activity)


def send(sign_up: SignUp, activity: Activity, kind: str, calendar: Attachment | None = None, **data) -> None:
    """In-app with a mail copy for a resident; a mail with the sign-off link for a visitor.
    Someone with a place gets the `calendar` attachment and their check-in code with it."""
    data["title"] = activity.title
    with_code = kind in checkin.PLACE_KINDS
    if with_code:
        data["code"] = shown(sign_up.checkin_code)
    user = db.session.get(User, sign_up.user_id) if sign_up.user_id else None
    calendar = calendar if sign_up.status == SignUpStatus.CONFIRMED else None
    if user is not None:
        link = path_for("agenda.activity", activity_id=activity.id)
        notify(user, kind, link, team_id=activity.team_id, attachments=[calendar] if calendar else (), **data)
        return
    if sign_up.email is None:
        return  # a walk-in: no address to tell
    with force_locale("nl"):
        text = _TEXTS[kind](data)
        if kind == "signup.cancelled":
            body = _("Hallo %(name)s,\n\n%(text)s", name=first_name(sign_up), text=text)
        else:
            body = _(
                "Hallo %(name)s,\n\n%(text)s\n\nKunt u toch niet? Meld u dan af via %(link)s",
                name=first_name(sign_up),
                text=text,
                link=external_url("signups.sign_off", signup_token=sign_up.token),
            )
        calendars = [calendar] if calendar else []
        if with_code:
            body += "\n\n" + checkin.mail_text(activity, sign_up)
            html, image = checkin.mail_with_qr(body, activity, sign_up)
            queue_mail(sign_up.email, text, body, html=html, attachments=[image, *calendars])
        else:
            queue_mail(sign_up.email, text, body, attachments=calendars)


def first_name(sign_up: SignUp) -> str:
    return (sign_up.name.split() or [""])[0]


def _code(text: str, data) -> str:
    """The code with the message; messages from before codes existed have none."""
    if "code" not in data:
        return text
    return text + " " + _("Uw code voor binnenkomst: %(code)s.", code=data["code"])


@message("signup.confirmed")
def _confirmed_text(data) -> str:
    return _code(_("U bent aangemeld voor %(title)s. Er is een plaats voor u.", title=data["title"]), data)


@message("signup.waitlisted")
def _waitlisted_text(data) -> str:
    return _(
        "%(title)s is vol. U staat op de wachtlijst. Komt er een plaats vrij, dan krijgt u bericht.",
        title=data["title"],
    )


@message("signup.promoted")
def _promoted_text(data) -> str:
    return _code(_("Er is een plaats vrijgekomen bij %(title)s. U kunt nu meedoen!", title=data["title"]), data)


@message("signup.cancelled")
def _cancelled_text(data) -> str:
    return _("%(title)s gaat niet door. De reden: %(reason)s", title=data["title"], reason=data["reason"])


@message("signup.changed")
def _changed_text(data) -> str:
    return _("%(title)s is veranderd. Kijk op de pagina wanneer en waar het nu is.", title=data["title"])


_TEXTS = {
    "signup.confirmed": _confirmed_text,
    "signup.waitlisted": _waitlisted_text,
    "signup.promoted": _promoted_text,
    "signup.cancelled": _cancelled_text,
    "signup.changed": _changed_text,
}
