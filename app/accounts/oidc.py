"""Logging in with the organisation's account over OpenID Connect (Authlib as the client).

The provider is found through its discovery document at OIDC_ISSUER. The login is the
authorisation code flow with PKCE (S256); Authlib keeps state, nonce and the code verifier
in the session and checks them on the way back, and checks the ID token's signature,
issuer, audience, expiry and nonce.

A person is found by the provider's subject, never by e-mail address once linked. The
first login links the account with the same address when the provider says the address is
verified, or makes a new account without any role; an admin gives the roles. Nothing the
provider says (roles, groups) ever gives a role here. The provider does the second factor
(MFA), so this login does not ask for the app's own (accounts.totp)."""

from urllib.parse import urlencode

import requests
import sqlalchemy as sa
from authlib.common.errors import AuthlibBaseError
from authlib.integrations.flask_client import OAuth
from flask import current_app
from joserfc.errors import JoseError

from app.accounts.models import User
from app.accounts.passwords import NO_PASSWORD
from app.accounts.services import find_user_by_email, normalize_email
from app.core.audit import record, record_event
from app.core.errors import AuthenticationFailed
from app.core.i18n import lazy_gettext as _l
from app.core.models import utcnow
from app.core.policy import is_staff
from app.core.urls import external_url
from app.extensions import db

SCOPE = "openid email profile"
# Seconds the provider's clock may differ from ours when the ID token's times are checked.
CLOCK_LEEWAY = 120
PROVIDER_DOWN = _l(
    "Inloggen met uw organisatie-account lukt nu niet: de inlogdienst van uw organisatie antwoordt niet. "
    "Probeer het later nog eens, of log in met uw e-mailadres en wachtwoord als u dat heeft."
)
FAILED = _l("Inloggen met uw organisatie-account is niet gelukt. Probeer het opnieuw.")
UNVERIFIED = _l(
    "Uw organisatie geeft geen bevestigd e-mailadres van u door, dus we kunnen u niet herkennen. "
    "Neem contact op met de helpdesk."
)
LINKED_ELSEWHERE = _l(
    "Het account met dit e-mailadres hoort al bij een ander organisatie-account. Neem contact op met de helpdesk."
)
STOPPED = _l("Dit account is stopgezet. Neem contact op met de helpdesk van uw gemeente.")
PASSWORD_REFUSED = _l(
    "Coördinatoren en beheerders loggen in met hun organisatie-account. "
    "Kies hieronder 'Inloggen met uw organisatie-account'."
)


def configured() -> bool:
    config = current_app.config
    return bool(config["OIDC_ISSUER"] and config["OIDC_CLIENT_ID"])


def password_refused(user: User) -> bool:
    """Staff must use the organisation's account when the setting says so."""
    return configured() and current_app.config["OIDC_REQUIRED_FOR_STAFF"] and is_staff(user)


def _client():
    """The Authlib client for the configured provider; its discovery document is fetched
    once, on first use (so a provider that is down at start costs nothing until then)."""
    config, app = current_app.config, current_app._get_current_object()
    settings = (config["OIDC_ISSUER"], config["OIDC_CLIENT_ID"], config["OIDC_CLIENT_SECRET"])
    cached = app.extensions.get("buurtmakers.oidc")
    if cached is None or cached[0] != settings:
        issuer, client_id, client_secret = settings
        client = OAuth(app).register(
            "organisation",
            client_id=client_id,
            client_secret=client_secret,
            server_metadata_url=f"{issuer}/.well-known/openid-configuration",
            client_kwargs={"scope": SCOPE, "code_challenge_method": "S256", "default_timeout": 10},
        )
        cached = app.extensions["buurtmakers.oidc"] = (settings, client)
    return cached[1]


def redirect_to_provider():
    """The redirect to the provider's login, with a fresh state, nonce and PKCE challenge."""
    try:
        return _client().authorize_redirect(external_url("accounts.organisation_callback"))
    except requests.RequestException as error:
        current_app.logger.warning("OpenID provider not reachable: %s", error)
        raise AuthenticationFailed(PROVIDER_DOWN, "user.organisation_login_failed") from error


def log_in() -> User:
    """The account for the provider's answer on the callback: state, code and ID token are
    checked; any failure raises AuthenticationFailed (audited) and changes nothing."""
    try:
        token = _client().authorize_access_token(leeway=CLOCK_LEEWAY)
    except requests.RequestException as error:
        current_app.logger.warning("OpenID provider not reachable: %s", error)
        raise AuthenticationFailed(PROVIDER_DOWN, "user.organisation_login_failed") from error
    except (AuthlibBaseError, JoseError, ValueError) as error:
        current_app.logger.warning("OpenID Connect login refused: %r", error)
        raise AuthenticationFailed(FAILED, "user.organisation_login_failed") from error
    if not token.get("userinfo"):
        raise AuthenticationFailed(FAILED, "user.organisation_login_failed")
    user = account_for(current_app.config["OIDC_ISSUER"], token["userinfo"])
    if not user.is_active:
        raise AuthenticationFailed(STOPPED, "user.organisation_login_failed", user)
    record_event(user, "user.logged_in", user, via="organisation")
    return user


def account_for(issuer: str, claims: dict) -> User:
    """The account of the person the provider vouches for: by subject; else, once, the
    account with the same verified address (linked from then on); else a new account
    without roles."""
    subject = str(claims["sub"])
    user = db.session.scalar(sa.select(User).where(User.oidc_issuer == issuer, User.oidc_subject == subject))
    if user is not None:
        return user
    email = normalize_email(str(claims.get("email") or ""))
    if not email or len(email) > 254 or claims.get("email_verified") is not True:
        raise AuthenticationFailed(UNVERIFIED, "user.organisation_login_unverified")
    user = find_user_by_email(email)
    if user is not None and user.oidc_subject is not None:
        raise AuthenticationFailed(LINKED_ELSEWHERE, "user.organisation_login_failed", user)
    if user is None:
        name = str(claims.get("name") or email.split("@")[0]).strip()[:100]
        user = User(name=name, email=email, password_hash=NO_PASSWORD, email_confirmed_at=utcnow())
        db.session.add(user)
        action = "user.registered_by_organisation"
    else:
        action = "user.linked_to_organisation"
    user.oidc_issuer, user.oidc_subject = issuer, subject
    user.email_confirmed_at = user.email_confirmed_at or utcnow()
    db.session.flush()
    record(user, action, user, issuer=issuer)
    return user


def logout_url() -> str | None:
    """The provider's own logout (RP-initiated logout), when it has one and answers."""
    try:
        endpoint = _client().load_server_metadata().get("end_session_endpoint")
    except requests.RequestException:
        return None
    if not endpoint:
        return None
    query = {"client_id": current_app.config["OIDC_CLIENT_ID"], "post_logout_redirect_uri": external_url("main.home")}
    return f"{endpoint}?{urlencode(query)}"
