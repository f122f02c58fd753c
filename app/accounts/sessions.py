"""Login sessions: what the login cookie holds, how long it lives, and when it dies.

The identity in the session and in the remember-me cookie is the user id plus the user's
session token, signed with the time of login. Replacing the token (logout, password change,
deactivation) ends every session and cookie at once; the signature's age ends a remember-me
cookie after REMEMBER_COOKIE_DURATION; a session unused for SESSION_IDLE_MINUTES ends too."""

import logging
import time

import sqlalchemy as sa
from flask import Flask, current_app, flash, g, session
from flask.sessions import SecureCookieSessionInterface
from flask_login import current_user, login_user, logout_user
from itsdangerous import BadSignature
from sqlalchemy.exc import SQLAlchemyError

from app.accounts import totp
from app.accounts.models import User, login_signer
from app.core.i18n import lazy_gettext as _l
from app.core.models import utcnow
from app.extensions import db, login_manager
from app.main.menu import load_user

SEEN_KEY = "seen"
SEEN_USERS = "seen_users"  # g: the accounts whose last-seen day is written after the response
log = logging.getLogger(__name__)


def user_of(signed_id: str) -> User | None:
    """The active user a login identity names, while its session token is current."""
    max_age = current_app.config["REMEMBER_COOKIE_DURATION"].total_seconds()
    try:
        id_, _sep, token = login_signer().unsign(signed_id, max_age=max_age).decode().partition(":")
    except BadSignature:
        return None
    user = load_user(int(id_)) if id_.isdigit() and len(id_) < 12 else None
    if user is None or user.session_token != token or not user.is_active:
        return None
    return user


def _load_user(signed_id: str) -> User | None:
    """A session is only ever started after every step the account owes (accounts.login_flow).
    One that started before a second step was required of a coordinator or admin (the
    setting turned on, a role given) ends here: they log in again and set it up. The
    organisation's account brings its own MFA."""
    user = user_of(signed_id)
    if user is None:
        return None
    if totp.required_for(user) and not user.has_second_step and user.oidc_subject is None:
        return None
    return user


def start_session(user: User, remember: bool = False) -> None:
    """A fresh session at login: nothing planted before it (session fixation) carries over."""
    session.clear()
    login_user(user, remember=remember)
    session[SEEN_KEY] = int(time.time())
    note_seen(user)


def note_seen(user: User) -> None:
    """Remember the day the account was last used, for the retention of inactive accounts
    (privacy.retention): one write a day per user at most, not one per request. Use clears
    an inactivity warning. Written after the response in a short transaction of its own
    (`_write_seen`), so the request's transaction stays the one place its work commits."""
    seen = user.last_seen_at
    if user.inactivity_warned_at is None and seen is not None and seen.date() >= utcnow().date():
        return
    g.setdefault(SEEN_USERS, set()).add(user.id)


def _write_seen(_error) -> None:
    """Ends the request's transaction (it committed already, or its work is refused) and
    writes the last-seen day alone. A database that cannot take it now costs a day's mark,
    never the page."""
    seen = g.pop(SEEN_USERS, None)
    if not seen:
        return
    db.session.rollback()
    try:
        db.session.execute(
            sa.update(User).where(User.id.in_(seen)).values(last_seen_at=utcnow(), inactivity_warned_at=None)
        )
        db.session.commit()
    except SQLAlchemyError:
        db.session.rollback()
        log.exception("the last-seen day was not written")


def end_session() -> None:
    logout_user()
    session.clear()


def _expire_idle_session() -> None:
    """Log out a session that was not used for a while; the remember-me cookie, when the
    person chose it, logs them in again on its own terms."""
    if not current_user.is_authenticated:
        return
    now, seen = int(time.time()), session.get(SEEN_KEY)
    if seen is not None and now - seen > current_app.config["SESSION_IDLE_MINUTES"] * 60:
        end_session()
        flash(_l("U was een tijd niet actief. Log opnieuw in om verder te gaan."), "info")
        return
    if seen is None or now - seen >= 60:  # write the cookie at most once a minute
        session[SEEN_KEY] = now
    note_seen(current_user._get_current_object())


class SessionCookie(SecureCookieSessionInterface):
    """Flask's signed session cookie, without building its signer for a visitor who brings
    no session: most requests to public pages, which then get none."""

    def open_session(self, app, request):
        if app.secret_key and not request.cookies.get(self.get_cookie_name(app)):
            return self.session_class()
        return super().open_session(app, request)


def init_login(app: Flask) -> None:
    app.session_interface = SessionCookie()
    login_manager.init_app(app)
    login_manager.login_view = "accounts.login"
    login_manager.login_message_category = "info"
    login_manager.login_message = _l("Log in om verder te gaan.")
    login_manager.user_loader(_load_user)
    app.before_request(_expire_idle_session)
    app.teardown_request(_write_seen)
