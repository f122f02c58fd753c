"""Accounts: registration, login, passwords, profile and the global roles."""

import hashlib

import sqlalchemy as sa
from flask import current_app, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from itsdangerous import BadSignature, URLSafeTimedSerializer

from app.accounts.models import User, new_session_token
from app.accounts.passwords import hash_password, verify_password
from app.core.audit import record
from app.core.errors import RuleViolated
from app.core.mail import queue_mail
from app.core.models import utcnow
from app.core.pagination import paginate
from app.core.policy import authorize
from app.extensions import db
from app.places.models import Neighbourhood


def normalize_email(email: str) -> str:
    return email.strip().lower()


def find_user_by_email(email: str) -> User | None:
    return db.session.scalar(sa.select(User).where(User.email == normalize_email(email)))


def _neighbourhood(neighbourhood_id: int) -> Neighbourhood:
    neighbourhood = db.session.get(Neighbourhood, neighbourhood_id)
    if neighbourhood is None:
        raise RuleViolated(_l("Kies een buurt uit de lijst."))
    return neighbourhood


def register(name: str, email: str, password: str, neighbourhood_id: int) -> User:
    """Create a resident account; an e-mail address can hold one account only."""
    if find_user_by_email(email) is not None:
        raise RuleViolated(_l("Er is al een account met dit e-mailadres. Log in of vraag een nieuw wachtwoord aan."))
    user = User(
        name=name.strip(),
        email=normalize_email(email),
        password_hash=hash_password(password),
        neighbourhood_id=_neighbourhood(neighbourhood_id).id,
    )
    db.session.add(user)
    record(user, "user.registered", user)
    db.session.flush()
    return user


def authenticate(email: str, password: str) -> User | None:
    """The user with this e-mail and password, or None; timing does not reveal which was wrong."""
    user = find_user_by_email(email)
    if not verify_password(user.password_hash if user else None, password):
        return None
    return user


def end_other_sessions(user: User) -> None:
    """A new session token: every cookie issued with the old one stops working."""
    user.session_token = new_session_token()


def update_profile(user: User, name: str, neighbourhood_id: int) -> None:
    user.name = name.strip()
    user.neighbourhood_id = _neighbourhood(neighbourhood_id).id
    record(user, "user.profile_changed", user)
    db.session.flush()


def change_password(user: User, current_password: str, new_password: str) -> None:
    """Requires the current password; ends every other session of the user."""
    if not verify_password(user.password_hash, current_password):
        raise RuleViolated(_l("Uw huidige wachtwoord klopt niet."))
    _set_password(user, new_password)


def _set_password(user: User, password: str) -> None:
    user.password_hash = hash_password(password)
    user.password_changed_at = utcnow()
    end_other_sessions(user)
    record(user, "user.password_changed", user)
    db.session.flush()


def _reset_serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="password-reset")


def _password_fingerprint(user: User) -> str:
    return hashlib.sha256(user.password_hash.encode()).hexdigest()[:16]


def request_password_reset(email: str) -> None:
    """Mail a reset link when the address is known; say nothing either way (no account probing)."""
    user = find_user_by_email(email)
    if user is None:
        return
    # The hash fragment makes the link single-use: it dies with the old password.
    token = _reset_serializer().dumps({"id": user.id, "h": _password_fingerprint(user)})
    link = url_for("accounts.reset_password", token=token, _external=True)
    queue_mail(
        user.email,
        _("Nieuw wachtwoord voor Buurtmakers"),
        _(
            "Hallo %(name)s,\n\nMet deze link kiest u een nieuw wachtwoord. "
            "De link werkt één uur.\n\n%(link)s\n\n"
            "Heeft u dit niet gevraagd? Dan hoeft u niets te doen.",
            name=user.first_name,
            link=link,
        ),
    )


def user_for_reset_token(token: str) -> User | None:
    max_age = current_app.config["PASSWORD_RESET_MAX_AGE"]
    try:
        data = _reset_serializer().loads(token, max_age=max_age)
    except BadSignature:
        return None
    user = db.session.get(User, data.get("id"))
    if user is None or _password_fingerprint(user) != data.get("h"):
        return None
    return user


def reset_password(token: str, password: str) -> User:
    user = user_for_reset_token(token)
    if user is None:
        raise RuleViolated(_l("Deze link werkt niet meer. Vraag een nieuwe link aan."))
    _set_password(user, password)
    return user


def set_roles(actor: User, user: User, is_admin: bool, is_coordinator: bool) -> None:
    """Admins grant and revoke the global roles; an admin cannot drop their own admin role."""
    authorize(actor, "user.manage_roles", user)
    if user.id == actor.id and not is_admin:
        raise RuleViolated(_l("U kunt uw eigen beheerdersrol niet intrekken."))
    if (user.is_admin, user.is_coordinator) == (is_admin, is_coordinator):
        return
    record(
        actor,
        "user.roles_changed",
        user,
        admin=is_admin,
        coordinator=is_coordinator,
    )
    user.is_admin, user.is_coordinator = is_admin, is_coordinator
    db.session.flush()


def search_users(term: str, page: int):
    query = sa.select(User).order_by(User.name, User.id)
    if term.strip():
        pattern = f"%{term.strip().lower()}%"
        query = query.where(sa.or_(sa.func.lower(User.name).like(pattern), User.email.like(pattern)))
    return paginate(query, page, current_app.config["PAGE_SIZE"])
