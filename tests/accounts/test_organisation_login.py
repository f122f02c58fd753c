"""Logging in with the organisation's account, against a real OpenID provider (oidc-provider,
tests/oidc): the app through the Flask test client, the provider over HTTP."""

import socket
from urllib.parse import parse_qs, urlsplit

import pytest
import sqlalchemy as sa

from app.accounts.models import User
from app.accounts.passwords import NO_PASSWORD
from app.core.audit import AuditEntry
from app.extensions import db
from tests.accounts.test_second_step import set_up
from tests.factories import PASSWORD, make_user
from tests.oidc.provider import path_of

APP = "https://buurtmakers.test"  # PUBLIC_BASE_URL of the test config: the redirect URI's base


@pytest.fixture(scope="module")
def provider_settings(oidc_provider):
    return oidc_provider.register(APP)


@pytest.fixture
def organisation(app, monkeypatch, oidc_provider, provider_settings):
    for name, value in provider_settings.items():
        monkeypatch.setitem(app.config, name, value)
    return oidc_provider


def _count(model) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def _events(action: str) -> int:
    return db.session.scalar(sa.select(sa.func.count()).where(AuditEntry.action == action))


def _callback(client, provider, account: str) -> str:
    """Start at the button, log in at the provider: the callback URL it sends back."""
    start = client.get("/inloggen/organisatie")
    assert start.status_code == 302 and start.location.startswith(provider.issuer)
    return provider.log_in(start.location, account)


def _log_in(client, provider, account: str):
    return client.get(path_of(_callback(client, provider, account)))


def _logged_in_as(client) -> str | None:
    page = client.get("/account")
    return None if page.status_code != 200 else page.get_data(as_text=True)


def _flashed(client) -> str:
    return client.get("/inloggen").get_data(as_text=True)


def test_the_login_page_offers_the_organisation_button_only_when_configured(app, client, monkeypatch):
    monkeypatch.setitem(app.config, "OIDC_ISSUER", "")
    assert "Inloggen met uw organisatie-account" not in client.get("/inloggen").get_data(as_text=True)
    assert client.get("/inloggen/organisatie").status_code == 404
    monkeypatch.setitem(app.config, "OIDC_ISSUER", "https://login.gemeente.test")
    monkeypatch.setitem(app.config, "OIDC_CLIENT_ID", "buurtmakers")
    assert "Inloggen met uw organisatie-account" in client.get("/inloggen").get_data(as_text=True)


def test_the_first_login_makes_an_account_without_roles_and_asks_with_pkce_state_and_nonce(organisation, client):
    start = client.get("/inloggen/organisatie")
    query = parse_qs(urlsplit(start.location).query)
    assert query["code_challenge_method"] == ["S256"] and len(query["code_challenge"][0]) >= 43
    assert query["state"][0] and query["nonce"][0] and query["scope"] == ["openid email profile"]

    response = client.get(path_of(organisation.log_in(start.location, "nieuw")))

    assert response.location == "/account"
    user = db.session.scalar(sa.select(User).where(User.email == "nieuw.gemeente@example.org"))
    assert (user.name, user.is_admin, user.is_coordinator) == ("Nadia Nieuw", False, False)
    assert (user.oidc_issuer, user.oidc_subject, user.password_hash) == (organisation.issuer, "nieuw", NO_PASSWORD)
    assert "Nadia Nieuw" in _logged_in_as(client)
    assert _events("user.registered_by_organisation") == 1


def test_a_later_login_finds_the_person_by_subject_not_by_email(organisation, client, app):
    _log_in(client, organisation, "nieuw")
    user = db.session.scalar(sa.select(User).where(User.oidc_subject == "nieuw"))
    user.email = "nadia@elders.test"  # the address here changed; the provider still says the old one
    accounts = _count(User)

    other = type(client)(app.test_client())
    _log_in(other, organisation, "nieuw")

    assert _count(User) == accounts
    assert "nadia@elders.test" in _logged_in_as(other)


def test_the_first_login_links_the_account_with_the_same_verified_address(organisation, client):
    cor = make_user("Cor Coördinator", email="cor.gemeente@example.org", is_coordinator=True)
    accounts = _count(User)

    response = _log_in(client, organisation, "coordinator")

    assert response.location == "/coordinatie"
    assert _count(User) == accounts
    assert (cor.oidc_subject, cor.is_coordinator, cor.name) == ("coordinator", True, "Cor Coördinator")
    assert _events("user.linked_to_organisation") == 1


def test_an_unverified_address_is_not_linked_and_nothing_changes(organisation, client):
    otto = make_user("Otto", email="onbevestigd.gemeente@example.org")
    accounts = _count(User)

    response = _log_in(client, organisation, "onbevestigd")

    assert response.location == "/inloggen"
    assert "geen bevestigd e-mailadres" in _flashed(client)
    assert otto.oidc_subject is None and _count(User) == accounts
    assert _logged_in_as(client) is None


def _refusals(caplog) -> str:
    return " ".join(record.getMessage() for record in caplog.records if "refused" in record.getMessage())


def test_a_wrong_state_is_refused(organisation, client, caplog):
    callback = _callback(client, organisation, "nieuw")
    forged = callback.replace("state=", "state=x")

    response = client.get(path_of(forged))

    assert response.location == "/inloggen"
    assert "mismatching_state" in _refusals(caplog)
    assert "is niet gelukt" in _flashed(client)
    assert db.session.scalar(sa.select(User).where(User.oidc_subject == "nieuw")) is None
    assert _logged_in_as(client) is None


def test_a_replayed_code_is_refused_by_the_app_and_by_the_provider(organisation, client, app, caplog):
    callback = _callback(client, organisation, "nieuw")
    cookie_before = client.http.get_cookie("session").value
    assert client.get(path_of(callback)).location == "/account"
    logins = _events("user.logged_in")

    # The same browser again: the state was used up.
    again = type(client)(app.test_client())
    again.http.set_cookie("session", client.http.get_cookie("session").value)
    assert again.get(path_of(callback)).location == "/inloggen"
    assert "mismatching_state" in _refusals(caplog)
    # A copy of the session from before (state and PKCE verifier still in it): the provider
    # refuses the code it already exchanged.
    copy = type(client)(app.test_client())
    copy.http.set_cookie("session", cookie_before)
    assert copy.get(path_of(callback)).location == "/inloggen"
    assert "invalid_grant" in _refusals(caplog)
    assert "is niet gelukt" in _flashed(copy)
    assert _logged_in_as(copy) is None
    assert _events("user.logged_in") == logins


def test_an_expired_id_token_is_refused(organisation, client, caplog):
    callback = _callback(client, organisation, "nieuw")
    organisation.set_clock(-2 * 3600)  # the provider's ID token (an hour valid) expired an hour ago
    try:
        response = client.get(path_of(callback))
    finally:
        organisation.set_clock(0)

    assert response.location == "/inloggen"
    assert "expired_token" in _refusals(caplog)
    assert db.session.scalar(sa.select(User).where(User.oidc_subject == "nieuw")) is None
    assert _logged_in_as(client) is None


def _closed_port_issuer() -> str:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{probe.getsockname()[1]}"


def test_a_provider_that_is_down_gets_a_dutch_message_and_nothing_changes(organisation, client, app, monkeypatch):
    callback = _callback(client, organisation, "nieuw")
    accounts = _count(User)
    monkeypatch.setitem(app.config, "OIDC_ISSUER", _closed_port_issuer())

    assert client.get("/inloggen/organisatie").location == "/inloggen"
    assert "de inlogdienst van uw organisatie antwoordt niet" in _flashed(client)
    assert client.get(path_of(callback)).location == "/inloggen"
    assert "de inlogdienst van uw organisatie antwoordt niet" in _flashed(client)

    assert _count(User) == accounts and _logged_in_as(client) is None
    assert _events("user.organisation_login_failed") == 2


def test_a_resident_gains_no_staff_rights_through_the_organisation(organisation, client):
    """The provider says roles admin and coordinator for this person: nothing comes of it."""
    bert = make_user("Bert", email="bewoner.gemeente@example.org")

    response = _log_in(client, organisation, "bewoner")

    assert response.location == "/account"
    assert (bert.oidc_subject, bert.is_admin, bert.is_coordinator) == ("bewoner", False, False)
    assert client.get("/coordinatie").status_code == 403
    assert client.get("/beheer/gebruikers").status_code == 403


def test_a_stopped_account_cannot_log_in_with_the_organisation(organisation, client):
    make_user("Cor", email="cor.gemeente@example.org", is_coordinator=True, deactivated_at=sa.func.now())

    assert _log_in(client, organisation, "coordinator").location == "/inloggen"
    assert "stopgezet" in _flashed(client)
    assert _logged_in_as(client) is None


def test_with_organisation_login_mandatory_staff_cannot_use_their_password(organisation, client, app, monkeypatch):
    monkeypatch.setitem(app.config, "OIDC_REQUIRED_FOR_STAFF", True)
    make_user("Cor", email="cor.gemeente@example.org", is_coordinator=True)
    resident = make_user("Rosa", email="rosa@example.org")

    refused = client.post("/inloggen", {"email": "cor.gemeente@example.org", "password": PASSWORD})
    assert refused.status_code == 200
    assert "loggen in met hun organisatie-account" in refused.get_data(as_text=True)
    assert _logged_in_as(client) is None

    assert _log_in(client, organisation, "coordinator").location == "/coordinatie"
    other = type(client)(app.test_client())
    assert other.post("/inloggen", {"email": resident.email, "password": PASSWORD}).location == "/account"


def test_logging_out_after_an_organisation_login_offers_the_providers_logout(organisation, client):
    _log_in(client, organisation, "nieuw")

    response = client.post("/uitloggen")

    assert response.location == "/uitgelogd"
    page = client.get("/uitgelogd").get_data(as_text=True)
    assert f"{organisation.issuer}/session/end?client_id=" in page
    assert "Ook uitloggen bij uw organisatie" in page
    assert _logged_in_as(client) is None


def test_logging_out_after_a_password_login_goes_home(organisation, client):
    make_user(email="rosa@example.org")
    client.post("/inloggen", {"email": "rosa@example.org", "password": PASSWORD})

    assert client.post("/uitloggen").location == "/"
    assert client.get("/uitgelogd").location == "/"


def test_an_organisation_login_skips_the_apps_second_step(organisation, client, app, monkeypatch):
    """The provider does the MFA: a coordinator with a second step here is not asked for it."""
    monkeypatch.setitem(app.config, "TOTP_REQUIRED_FOR_STAFF", True)
    cor = make_user("Cor", email="cor.gemeente@example.org", is_coordinator=True)
    set_up(cor)

    assert _log_in(client, organisation, "coordinator").location == "/coordinatie"
    assert client.get("/coordinatie").status_code == 200
