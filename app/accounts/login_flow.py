"""After the password: refused (staff who must use the organisation's account), a second
step to pass (accounts.totp), or logged in.

Half-way, between password and code, the session holds only a note of who is on the way
(`PENDING`); Flask-Login's user is set only after both steps. So a half-logged-in session is
anonymous to every route, decorator and template: no staff route has to remember to check
the second step, and none can forget to. The identity in the note is the login cookie's
(user id, session token, signed with the time): a password change or a reset of the second
step meanwhile makes it worthless, and it lasts PENDING_MINUTES."""

import time

from flask import flash, redirect, session, url_for

from app.accounts import oidc, totp
from app.accounts.models import User
from app.accounts.sessions import start_session, user_of
from app.core.i18n import lazy_gettext as _l
from app.core.policy import is_staff
from app.core.urls import safe_next

PENDING = "second_step"
PENDING_MINUTES = 10
# This session came from an organisation login; after logging out, the provider's logout link.
VIA_ORGANISATION = "via_organisation"
PROVIDER_LOGOUT = "provider_logout"
LOGGED_IN = _l("U bent ingelogd.")


def landing(user: User) -> str:
    """Where a login leads when the person was not on the way somewhere: staff to the
    coordinator's dashboard (their work), residents to their account and teams."""
    return url_for("coordination.dashboard") if is_staff(user) else url_for("accounts.profile")


def continue_login(user: User, remember: bool = False, target: str | None = None, message=LOGGED_IN):
    """The answer to a proven password (a login, a reset link, an activation)."""
    if oidc.password_refused(user):
        flash(oidc.PASSWORD_REFUSED, "error")
        return redirect(url_for("accounts.login"))
    if totp.asks_code(user):
        session.clear()  # nothing planted before the login carries over (session fixation)
        session[PENDING] = {"id": user.get_id(), "remember": remember, "next": target, "at": int(time.time())}
        return redirect(url_for("accounts.second_step" if user.has_second_step else "accounts.second_step_setup"))
    start_session(user, remember=remember)
    flash(message, "success")
    return redirect(target or landing(user))


def pending_user() -> User | None:
    """The person who passed the password in this session and owes the second step."""
    note = session.get(PENDING)
    if not isinstance(note, dict) or time.time() - note.get("at", 0) > PENDING_MINUTES * 60:
        return None
    return user_of(str(note.get("id", "")))


def complete(user: User) -> str:
    """Both steps passed: now the person is logged in. Where they were going."""
    note = session.get(PENDING) or {}
    start_session(user, remember=bool(note.get("remember")))
    return safe_next(note.get("next")) or landing(user)


def provider_logout_link() -> str | None:
    """After an organisation login, the provider's own logout: logging out here does not end
    the person's session there (on a shared computer it should end too)."""
    return oidc.logout_url() if session.get(VIA_ORGANISATION) and oidc.configured() else None
