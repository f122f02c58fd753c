"""The second step: after the password, a code from an authenticator app (TOTP, RFC 6238) or
one of ten single-use recovery codes.

The app's secret is stored encrypted with a key derived from SECRET_KEY and never shown again
after setup. A code works once: the time step of the last code accepted is kept, and a code
of that step or an earlier one is refused. Checking a code locks the account's row, so two
requests with the same code at the same moment cannot both pass."""

import base64
import hmac
import secrets
import time

import pyotp
from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives.hashes import SHA256
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from flask import current_app
from flask_babel import gettext as _
from markupsafe import Markup

from app.accounts.models import User
from app.accounts.passwords import hash_password, verify_password
from app.accounts.services import _mail, end_other_sessions
from app.core import qr
from app.core.audit import record, record_event
from app.core.errors import AuthenticationFailed, RuleViolated
from app.core.i18n import lazy_gettext as _l
from app.core.locks import locked
from app.core.policy import authorize, is_staff
from app.core.urls import external_url
from app.extensions import db

ISSUER_NAME = "Buurtmakers"
RECOVERY_CODES = 10
# Read off paper: no 0/o, 1/l/i. Ten of these carry about 50 bits.
RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
RECOVERY_LENGTH = 10
# One time step (30 s) either side: a phone's clock is often a little off.
WINDOW = 1
WRONG_CODE = _l("Deze code klopt niet. Typ de code die de app nu toont, of een herstelcode.")
USED_CODE = _l("Deze code is al gebruikt. Wacht tot de app een nieuwe code toont en typ die.")


def required_for(user: User) -> bool:
    """Coordinators and admins must have a second step when the setting says so."""
    return current_app.config["TOTP_REQUIRED_FOR_STAFF"] and is_staff(user)


def asks_code(user: User) -> bool:
    return user.has_second_step or required_for(user)


# --- the secret ------------------------------------------------------------------------


def _fernet() -> Fernet:
    key = HKDF(algorithm=SHA256(), length=32, salt=None, info=b"buurtmakers second step").derive(
        current_app.config["SECRET_KEY"].encode()
    )
    return Fernet(base64.urlsafe_b64encode(key))


def seal(secret: str) -> str:
    return _fernet().encrypt(secret.encode()).decode()


def new_sealed_secret() -> str:
    """A fresh secret (160 bits), encrypted: the setup page carries it in the session."""
    return seal(pyotp.random_base32())


def unseal(sealed: str | None) -> str | None:
    """The secret, or None when there is none or it was sealed with another SECRET_KEY."""
    try:
        return _fernet().decrypt(sealed.encode()).decode() if sealed else None
    except InvalidToken:
        return None


def qr_code(user: User, secret: str) -> Markup:
    """The otpauth:// link as a QR code in SVG, drawn here: no script, nothing fetched."""
    uri = pyotp.TOTP(secret).provisioning_uri(name=user.email or user.name, issuer_name=ISSUER_NAME)
    return qr.svg(uri, _("QR-code voor uw app"))


def spaced(secret: str) -> str:
    """The secret in groups of four, to type over by hand."""
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def _normalize(code: str) -> str:
    return "".join(c for c in code.lower() if c.isalnum())


def _step_of(secret: str, code: str) -> int | None:
    """The time step near now whose code this is."""
    totp, now = pyotp.TOTP(secret), int(time.time()) // 30
    for step in range(now - WINDOW, now + WINDOW + 1):
        if hmac.compare_digest(totp.generate_otp(step), code):
            return step
    return None


# --- passing the step ------------------------------------------------------------------


def check(user: User, code: str) -> None:
    """Pass the second step with a code from the app (once per code) or an unused recovery
    code (which is then gone). A wrong or used code raises AuthenticationFailed: it counts
    for the guessing limits and is audited."""
    user, code = locked(user), _normalize(code)
    if len(code) == 6 and code.isdigit():
        step = _step_of(unseal(user.totp_secret) or "", code) if user.has_second_step else None
        if step is not None and user.totp_last_step is not None and step <= user.totp_last_step:
            raise AuthenticationFailed(USED_CODE, "user.second_step_code_replayed", user)
        if step is not None:
            user.totp_last_step = step
            record_event(user, "user.second_step_passed", user)
            return
    elif len(code) == RECOVERY_LENGTH:
        used = next((hashed for hashed in user.recovery_code_hashes if verify_password(hashed, code)), None)
        if used is not None:
            user.recovery_code_hashes = [hashed for hashed in user.recovery_code_hashes if hashed != used]
            record_event(user, "user.recovery_code_used", user, left=len(user.recovery_code_hashes))
            return
    raise AuthenticationFailed(WRONG_CODE, "user.second_step_failed", user)


# --- turning it on and off -------------------------------------------------------------


def _recovery_codes() -> list[str]:
    codes = ["".join(secrets.choice(RECOVERY_ALPHABET) for _ in range(RECOVERY_LENGTH)) for _ in range(RECOVERY_CODES)]
    return [f"{code[:5]}-{code[5:]}" for code in codes]


def enable(user: User, sealed: str, code: str) -> list[str]:
    """Turn the second step on with the secret the setup page showed, once the person typed
    a code their app makes from it. Returns ten recovery codes, to be shown this once; only
    their hashes are kept. The person's other sessions end."""
    user = locked(user)
    if user.has_second_step:
        raise RuleViolated(_l("De tweede stap staat al aan."))
    secret = unseal(sealed)
    step = _step_of(secret, _normalize(code)) if secret else None
    if step is None:
        raise RuleViolated(
            _l("Deze code klopt niet. Kijk of de tijd op uw telefoon goed staat en typ de code die de app nu toont."),
            field="code",
        )
    codes = _recovery_codes()
    user.totp_secret, user.totp_last_step = sealed, step
    user.recovery_code_hashes = [hash_password(_normalize(code)) for code in codes]
    end_other_sessions(user)
    record(user, "user.second_step_enabled", user)
    _tell(
        user, _l("De tweede stap voor inloggen staat aan. Bij het inloggen vragen we voortaan ook een code uit uw app.")
    )
    db.session.flush()
    return codes


def _clear(user: User) -> None:
    user.totp_secret, user.totp_last_step, user.recovery_code_hashes = None, None, []
    end_other_sessions(user)


def disable(user: User, code: str) -> None:
    """The person turns the step off with a code (not when it is required of them)."""
    if required_for(user):
        raise RuleViolated(_l("Voor coördinatoren en beheerders is de tweede stap verplicht."))
    check(user, code)
    _clear(user)
    record(user, "user.second_step_disabled", user)
    _tell(user, _l("De tweede stap voor inloggen staat uit. U logt voortaan in met alleen uw wachtwoord."))
    db.session.flush()


def reset(actor: User, user: User) -> None:
    """An admin takes away someone's second step (a lost phone and no recovery codes): their
    sessions end, and at the next login they set it up again when it is required of them."""
    authorize(actor, "user.manage_roles", user)
    if not user.has_second_step:
        raise RuleViolated(_l("Dit account heeft geen tweede stap."))
    _clear(user)
    record(actor, "user.second_step_reset", user)
    _tell(
        user,
        _l(
            "Een beheerder heeft de tweede stap voor inloggen van uw account uitgezet. "
            "Bij de volgende keer inloggen kunt u hem opnieuw instellen."
        ),
    )
    db.session.flush()


def _tell(user: User, what) -> None:
    _mail(
        user,
        _l("De tweede stap van uw account bij Buurtmakers"),
        _l(
            "Hallo %(name)s,\n\n%(what)s\n\nWas u dit niet? Neem dan meteen contact op met de helpdesk, "
            "en kies een nieuw wachtwoord via %(reset)s"
        ),
        what=what,
        reset=external_url("accounts.forgot_password"),
    )
