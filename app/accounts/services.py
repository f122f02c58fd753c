"""Accounts: registration, login, passwords, profile, the global roles and account state.

Every path that starts from an e-mail address (register, log in, reset) answers the same
way and does the same work (one password hash, the same statements) whether or not the
address has an account, so none of them tells an outsider who is registered."""

import hashlib

import sqlalchemy as sa
from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _
from itsdangerous import BadSignature, URLSafeTimedSerializer
from sqlalchemy.exc import IntegrityError

from app.accounts.models import User, new_session_token
from app.accounts.passwords import NO_PASSWORD, hash_password, verify_password, weakness
from app.core.audit import record, record_event
from app.core.errors import AuthenticationFailed, RuleViolated
from app.core.i18n import lazy_gettext as _l
from app.core.mail import queue_mail
from app.core.models import utcnow
from app.core.urls import external_url
from app.extensions import db
from app.places.models import Neighbourhood

ACTIVATION_MAX_AGE = 7 * 24 * 3600
WRONG_LOGIN = _l("Het e-mailadres of het wachtwoord klopt niet.")


def normalize_email(email: str) -> str:
    return email.strip().lower()


def find_user_by_email(email: str) -> User | None:
    return db.session.scalar(sa.select(User).where(User.email == normalize_email(email)))


def _neighbourhood(neighbourhood_id: int) -> Neighbourhood:
    neighbourhood = db.session.get(Neighbourhood, neighbourhood_id)
    if neighbourhood is None:
        raise RuleViolated(_l("Kies een buurt uit de lijst."))
    return neighbourhood


def _check_strength(password: str, email: str, name: str) -> None:
    problem = weakness(password, email, name)
    if problem is not None:
        raise RuleViolated(problem)


def _mail(user: User, subject, body: str, **values) -> None:
    if user.email is None:  # registered by a coordinator without e-mail: nothing to send to
        return
    # Mails go out in Dutch, the language of the service, whatever page the request came from.
    with force_locale("nl"):
        queue_mail(user.email, _(subject), _(body, name=user.first_name, **values))


def _serializer(salt: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=salt)


# --- registration and activation -------------------------------------------------------


def register(name: str, email: str, password: str, neighbourhood_id: int, next_url: str | None = None) -> None:
    """Create a resident account and mail its activation link. When the address already has
    an account, its owner gets a mail instead; the answer to the visitor is the same."""
    _check_strength(password, email, name)
    neighbourhood = _neighbourhood(neighbourhood_id)
    password_hash = hash_password(password)  # hashed on both paths: the same time either way
    existing = find_user_by_email(email)
    if existing is None:
        user = User(
            name=name.strip(), email=normalize_email(email), password_hash=password_hash, neighbourhood=neighbourhood
        )
        try:
            with db.session.begin_nested():  # a parallel registration may have won the race
                db.session.add(user)
                db.session.flush()
        except IntegrityError:
            return
        record(user, "user.registered", user)
        send_activation(user, next_url)
        return
    record_event(None, "user.registration_for_existing_email", existing)
    _mail(
        existing,
        _l("Uw account bij Buurtmakers"),
        _l(
            "Hallo %(name)s,\n\nIemand wilde een account maken met dit e-mailadres. "
            "U heeft al een account. Log in via %(login)s\n\n"
            "Wachtwoord vergeten? Vraag een nieuw wachtwoord aan via %(reset)s\n\n"
            "Was u dit niet? Dan hoeft u niets te doen."
        ),
        login=external_url("accounts.login"),
        reset=external_url("accounts.forgot_password"),
    )


def _activation_token(user: User, next_url: str | None = None) -> str:
    # Bound to the address it was mailed to: a link sent to a mistyped address dies when a
    # coordinator hands the account over again with the right one.
    return _serializer("activate").dumps({"id": user.id, "next": next_url, "email": user.email})


def send_activation(user: User, next_url: str | None = None) -> None:
    token = _activation_token(user, next_url)
    _mail(
        user,
        _l("Activeer uw account bij Buurtmakers"),
        _l(
            "Hallo %(name)s,\n\nWelkom bij Buurtmakers! Open deze link om uw account te activeren. "
            "De link werkt 7 dagen.\n\n%(link)s\n\nHeeft u geen account gemaakt? Dan hoeft u niets te doen."
        ),
        link=external_url("accounts.activate", token=token),
    )


def activation(token: str) -> tuple[User | None, str | None]:
    """The account an activation link is for, and where the person was going."""
    try:
        data = _serializer("activate").loads(token, max_age=ACTIVATION_MAX_AGE)
    except BadSignature:
        return None, None
    user = db.session.get(User, data["id"]) if isinstance(data.get("id"), int) else None
    if user is not None and "email" in data and data["email"] != user.email:
        return None, None
    return user, data.get("next")


def activate(token: str) -> User:
    """The activation link proves the address: the account can log in from now on."""
    user, _next = activation(token)
    if user is None or not user.is_active:
        raise RuleViolated(_l("Deze link werkt niet meer. Log in om een nieuwe link te krijgen."))
    if user.email_confirmed_at is not None:
        # Single use: an old activation mail must not stay a way into the account.
        raise RuleViolated(_l("Uw account is al actief. Log in met uw e-mailadres en wachtwoord."))
    user.email_confirmed_at = utcnow()
    record(user, "user.activated", user)
    db.session.flush()
    return user


def needs_password(user: User) -> bool:
    """An account handed over by a coordinator has none until the person chooses one."""
    return user.password_hash == NO_PASSWORD


# --- accounts made by a coordinator ----------------------------------------------------


def register_without_email(name: str, neighbourhood_id: int) -> User:
    """The account of a resident without e-mail, made by a coordinator (coaching.residents
    checks who may, and keeps the consent): no address and no password, so nobody can log
    in as it and nothing is mailed to it."""
    neighbourhood = _neighbourhood(neighbourhood_id)
    user = User(name=name.strip(), email=None, password_hash=NO_PASSWORD, neighbourhood=neighbourhood)
    db.session.add(user)
    db.session.flush()
    return user


def give_address(user: User, email: str, coordinator: User) -> None:
    """Hand an account without a password to its owner: it gets this address and the
    activation mail, whose link leads to choosing a password. Handing over again (a typo)
    replaces the address, and the earlier link stops working."""
    email = normalize_email(email)
    owner = find_user_by_email(email)
    if owner is not None and owner.id != user.id:
        raise RuleViolated(
            _l(
                "Er is al een account met dit e-mailadres. Vraag de bewoner om een ander adres, "
                "of om met dat account in te loggen."
            )
        )
    user.email = email
    db.session.flush()
    _mail(
        user,
        _l("Activeer uw account bij Buurtmakers"),
        _l(
            "Hallo %(name)s,\n\n%(coordinator)s heeft voor u een account gemaakt bij Buurtmakers, met dit "
            "e-mailadres. Open deze link om uw account te activeren en een wachtwoord te kiezen. "
            "De link werkt 7 dagen.\n\n%(link)s\n\nKent u Buurtmakers niet? Dan hoeft u niets te doen."
        ),
        coordinator=coordinator.name,
        link=external_url("accounts.activate", token=_activation_token(user)),
    )


# --- logging in and out ----------------------------------------------------------------


def log_in(email: str, password: str, next_url: str | None = None) -> User:
    """The account with this e-mail and password. A wrong pair raises AuthenticationFailed
    after one password hash, whichever part was wrong. An account not yet activated gets
    its activation mail again (leading to `next_url`), in the same transaction."""
    user = find_user_by_email(email)
    if not verify_password(user.password_hash if user else None, password):
        raise AuthenticationFailed(WRONG_LOGIN, "user.login_failed", user)
    if user.is_active and user.email_confirmed_at is None:
        send_activation(user, next_url)
    elif user.is_active:
        record_event(user, "user.logged_in", user)
    return user


def end_other_sessions(user: User) -> None:
    """A new session token: every cookie issued with the old one stops working."""
    user.session_token = new_session_token()


# --- profile and passwords -------------------------------------------------------------


def update_profile(user: User, name: str, neighbourhood_id: int) -> None:
    user.name = name.strip()
    user.neighbourhood_id = _neighbourhood(neighbourhood_id).id
    record(user, "user.profile_changed", user)
    db.session.flush()


def change_password(user: User, current_password: str, new_password: str) -> None:
    """Requires the current password (a wrong one counts as a failed attempt); ends every
    other session of the user and tells them by mail."""
    if not verify_password(user.password_hash, current_password):
        raise AuthenticationFailed(_l("Uw huidige wachtwoord klopt niet."), "user.password_check_failed", user)
    _set_password(user, new_password, "user.password_changed")


def _set_password(user: User, password: str, action: str) -> None:
    _check_strength(password, user.email or "", user.name)
    user.password_hash = hash_password(password)
    user.password_changed_at = utcnow()
    end_other_sessions(user)
    record(user, action, user)
    _mail(
        user,
        _l("Uw wachtwoord is gewijzigd"),
        _l(
            "Hallo %(name)s,\n\nHet wachtwoord van uw account bij Buurtmakers is zojuist gewijzigd. "
            "Op andere apparaten bent u uitgelogd.\n\n"
            "Was u dit niet? Vraag dan meteen een nieuw wachtwoord aan via %(reset)s "
            "en neem contact op met de helpdesk."
        ),
        reset=external_url("accounts.forgot_password"),
    )
    db.session.flush()


def _password_fingerprint(user: User) -> str:
    return hashlib.sha256(user.password_hash.encode()).hexdigest()[:16]


def request_password_reset(email: str) -> None:
    """Mail a reset link when the address is known; say nothing either way (no account probing)."""
    user = find_user_by_email(email)
    record_event(None, "user.password_reset_requested", user)
    if user is None or not user.is_active:
        return
    send_reset_link(user)


def reset_token(user: User) -> str:
    # The hash fragment makes the link single-use: it dies with the old password.
    return _serializer("password-reset").dumps({"id": user.id, "h": _password_fingerprint(user)})


def send_reset_link(user: User) -> None:
    token = reset_token(user)
    _mail(
        user,
        _l("Nieuw wachtwoord voor Buurtmakers"),
        _l(
            "Hallo %(name)s,\n\nMet deze link kiest u een nieuw wachtwoord. "
            "De link werkt één uur.\n\n%(link)s\n\n"
            "Heeft u dit niet gevraagd? Dan hoeft u niets te doen."
        ),
        link=external_url("accounts.reset_password", token=token),
    )


def user_for_reset_token(token: str) -> User | None:
    max_age = current_app.config["PASSWORD_RESET_MAX_AGE"]
    try:
        data = _serializer("password-reset").loads(token, max_age=max_age)
    except BadSignature:
        return None
    user = db.session.get(User, data["id"]) if isinstance(data.get("id"), int) else None
    if user is None or not user.is_active or _password_fingerprint(user) != data.get("h"):
        return None
    return user


def reset_password(token: str, password: str) -> User:
    """The link from the mail proves the address, so it also activates a new account."""
    user = user_for_reset_token(token)
    if user is None:
        raise RuleViolated(_l("Deze link werkt niet meer. Vraag een nieuwe link aan."))
    _set_password(user, password, "user.password_reset")
    user.email_confirmed_at = user.email_confirmed_at or utcnow()
    return user
