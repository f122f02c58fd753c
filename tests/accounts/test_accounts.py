import re

import sqlalchemy as sa

from app import create_app
from app.accounts.models import User
from app.accounts.services import request_password_reset
from app.core.audit import AuditEntry
from app.core.mail import OutboxMail
from app.extensions import db
from tests.factories import PASSWORD, make_neighbourhood, make_user


def _count(model) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def _link(mail: OutboxMail, path: str) -> str:
    """The path of the link in a mail, which always starts with the configured base URL."""
    return re.search(rf"https://buurtmakers\.test({path}\S+)", mail.body).group(1)


def _register(client, email: str, name: str = "Yara Yilmaz", next_url: str = ""):
    hood = make_neighbourhood()
    return client.post(
        "/registreren" + (f"?next={next_url}" if next_url else ""),
        {
            "name": name,
            "email": email,
            "neighbourhood_id": hood.id,
            "password": "lange zin als wachtwoord",
            "password_repeat": "lange zin als wachtwoord",
        },
    )


def test_a_visitor_registers_activates_by_mail_and_is_logged_in(client):
    response = _register(client, " Yara@Example.org ", next_url="/aanpakken")
    assert response.location == "/registreren/kijk-in-uw-mail"
    user = db.session.scalar(sa.select(User).where(User.email == "yara@example.org"))
    assert user.password_hash.startswith("$argon2id$") and user.email_confirmed_at is None
    assert client.get("/account").status_code == 302  # not logged in before the link is opened

    link = _link(db.session.scalar(sa.select(OutboxMail)), "/account-activeren/")
    assert client.get(link).status_code == 200  # a mail scanner opening the link changes nothing
    db.session.refresh(user)
    assert user.email_confirmed_at is None
    response = client.post(link)
    assert response.location == "/aanpakken"  # where the person was going
    assert client.get("/account").status_code == 200


def test_registration_with_bad_input_explains_each_field_and_stores_nothing(client):
    make_neighbourhood()
    users = _count(User)
    page = client.post(
        "/registreren",
        {"name": "", "email": "geen-adres", "neighbourhood_id": "", "password": "kort", "password_repeat": "anders"},
    ).get_data(as_text=True)
    for message in (
        "Vul uw naam in.",
        "Dit is geen geldig e-mailadres.",
        "Kies uw buurt.",
        "Kies een wachtwoord van minstens 10 tekens.",
        "De twee wachtwoorden zijn niet hetzelfde.",
    ):
        assert message in page
    assert "Er is iets niet goed ingevuld" in page
    assert _count(User) == users


def test_an_unactivated_account_cannot_log_in_and_gets_the_link_again(client):
    _register(client, "yara@example.org")
    page = client.post("/inloggen", {"email": "yara@example.org", "password": "lange zin als wachtwoord"})
    assert "nog niet geactiveerd" in page.get_data(as_text=True)
    assert client.get("/account").status_code == 302
    assert _count(OutboxMail) == 2


def test_login_with_a_wrong_password_says_so_without_telling_which_part(client):
    make_user(email="anna@example.org")
    page = client.post("/inloggen", {"email": "anna@example.org", "password": "fout"}).get_data(as_text=True)
    assert "Het e-mailadres of het wachtwoord klopt niet." in page
    page = client.post("/inloggen", {"email": "niemand@example.org", "password": "fout"}).get_data(as_text=True)
    assert "Het e-mailadres of het wachtwoord klopt niet." in page


def test_login_with_empty_fields_explains_each_field(client):
    page = client.post("/inloggen", {"email": "", "password": ""}).get_data(as_text=True)
    assert "Vul uw e-mailadres in." in page and "Vul uw wachtwoord in." in page


def test_login_starts_a_new_session(client):
    make_user(email="anna@example.org")
    with client.http.session_transaction() as session:
        session["planted"] = "by an attacker"
    response = client.post("/inloggen", {"email": "anna@example.org", "password": PASSWORD})
    assert response.status_code == 302
    with client.http.session_transaction() as session:
        assert "planted" not in session and "_user_id" in session


def test_failed_login_attempts_are_rate_limited(client, app):
    make_user(email="anna@example.org")
    limit = int(app.config["FAILED_LOGIN_LIMIT"].split()[0])
    answers = [
        client.post("/inloggen", {"email": "anna@example.org", "password": "fout"}).status_code
        for _ in range(limit + 1)
    ]
    assert answers[:limit] == [200] * limit and answers[-1] == 429


def test_logout_ends_the_session_on_every_device(app, client):
    anna = make_user(email="anna@example.org")
    phone = type(client)(app.test_client()).login(anna)
    client.login(anna)
    assert phone.get("/account").status_code == 200
    client.post("/uitloggen")
    assert client.get("/account").status_code == 302
    assert phone.get("/account").status_code == 302


def test_changing_the_password_ends_other_sessions_but_keeps_this_one(app, client):
    anna = make_user(email="anna@example.org")
    phone = type(client)(app.test_client()).login(anna)
    client.login(anna)
    response = client.post(
        "/account/wachtwoord",
        {"current_password": PASSWORD, "password": "een nieuwe lange zin", "password_repeat": "een nieuwe lange zin"},
    )
    assert response.status_code == 302
    assert client.get("/account").status_code == 200
    assert phone.get("/account").status_code == 302
    assert client.post("/uitloggen").status_code == 302
    assert (
        client.post("/inloggen", {"email": "anna@example.org", "password": "een nieuwe lange zin"}).status_code == 302
    )


def test_changing_the_password_needs_the_current_one(client):
    anna = make_user()
    old_hash = anna.password_hash
    page = (
        client.login(anna)
        .post(
            "/account/wachtwoord",
            {"current_password": "fout", "password": "een nieuwe lange zin", "password_repeat": "een nieuwe lange zin"},
        )
        .get_data(as_text=True)
    )
    assert "Uw huidige wachtwoord klopt niet." in page
    db.session.refresh(anna)
    assert anna.password_hash == old_hash


def test_password_change_form_with_bad_input_explains_each_field(client):
    page = (
        client.login(make_user())
        .post("/account/wachtwoord", {"current_password": "", "password": "kort", "password_repeat": ""})
        .get_data(as_text=True)
    )
    for message in ("Vul uw huidige wachtwoord in.", "minstens 10 tekens", "Typ het wachtwoord nog een keer."):
        assert message in page


def test_a_forgotten_password_is_reset_with_a_single_use_link(client):
    anna = make_user("Anna de Boer", email="anna@example.org")
    client.post("/wachtwoord-vergeten", {"email": "anna@example.org"})
    mail = db.session.scalar(sa.select(OutboxMail).where(OutboxMail.recipient == "anna@example.org"))
    link = _link(mail, "/wachtwoord-herstellen/")
    assert "Hallo Anna" in mail.body

    response = client.post(link, {"password": "een nieuwe lange zin", "password_repeat": "een nieuwe lange zin"})
    assert response.status_code == 302 and response.location == "/account"
    assert client.get(link).status_code == 302  # used: the link no longer works
    db.session.refresh(anna)
    assert db.session.scalar(
        sa.select(sa.func.count()).where(AuditEntry.action == "user.password_reset", AuditEntry.object_id == anna.id)
    )


def test_a_reset_request_for_an_unknown_address_looks_the_same_and_sends_nothing(client):
    response = client.post("/wachtwoord-vergeten", {"email": "niemand@example.org"})
    assert response.status_code == 302
    assert _count(OutboxMail) == 0


def test_reset_forms_with_bad_input_explain_each_field(client):
    page = client.post("/wachtwoord-vergeten", {"email": "geen"}).get_data(as_text=True)
    assert "Dit is geen geldig e-mailadres." in page
    assert client.get("/wachtwoord-herstellen/vervalst").status_code == 302


def test_residents_update_their_profile_and_bad_input_changes_nothing(client):
    hood, other = make_neighbourhood(), make_neighbourhood("Liendert")
    anna = make_user("Anna", hood)
    client.login(anna)
    page = client.post("/account", {"name": "", "neighbourhood_id": "999999"}).get_data(as_text=True)
    assert "Vul uw naam in." in page and "Not a valid choice" not in page
    db.session.refresh(anna)
    assert (anna.name, anna.neighbourhood_id) == ("Anna", hood.id)

    assert client.post("/account", {"name": "Anna Smit", "neighbourhood_id": other.id}).status_code == 302
    db.session.refresh(anna)
    assert (anna.name, anna.neighbourhood_id) == ("Anna Smit", other.id)


def test_an_admin_grants_the_coordinator_role_and_it_is_audited(client):
    admin, anna = make_user("Ada", is_admin=True), make_user("Anna")
    client.login(admin).post(f"/beheer/gebruikers/{anna.id}/rollen", {"is_coordinator": "y"})
    db.session.refresh(anna)
    assert anna.is_coordinator and not anna.is_admin
    entry = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.action == "user.roles_changed"))
    assert (entry.actor_id, entry.object_id, entry.data["coordinator"]) == (admin.id, anna.id, "True")


def test_an_admin_cannot_remove_their_own_admin_role(client):
    admin = make_user("Ada", is_admin=True)
    page = client.login(admin).post(f"/beheer/gebruikers/{admin.id}/rollen", {}).get_data(as_text=True)
    assert "U kunt uw eigen beheerdersrol niet intrekken." in page
    db.session.refresh(admin)
    assert admin.is_admin


def test_the_user_list_searches_by_name(client):
    admin = make_user("Ada", is_admin=True)
    make_user("Bram Visser")
    page = client.login(admin).get("/beheer/gebruikers?q=visser").get_data(as_text=True)
    assert "Bram Visser" in page and "1 gebruiker" in page


def test_reset_password_form_with_bad_input_explains_each_field_and_keeps_the_password(client, ctx):
    anna = make_user(email="anna@example.org")
    old_hash = anna.password_hash
    request_password_reset("anna@example.org")
    link = _link(db.session.scalar(sa.select(OutboxMail)), "/wachtwoord-herstellen/")
    page = client.post(link, {"password": "kort", "password_repeat": "anders"}).get_data(as_text=True)
    assert "Kies een wachtwoord van minstens 10 tekens." in page
    assert "De twee wachtwoorden zijn niet hetzelfde." in page
    db.session.refresh(anna)
    assert anna.password_hash == old_hash


def test_behind_a_trusted_proxy_each_client_has_its_own_login_limit(app):
    proxied = create_app(
        "test",
        SQLALCHEMY_DATABASE_URI=app.config["SQLALCHEMY_DATABASE_URI"],
        TRUSTED_PROXIES=1,
        FAILED_LOGIN_LIMIT="1 per minute",
        WTF_CSRF_ENABLED=False,  # the limit is under test here, not the token
    )
    http = proxied.test_client()

    def guess(address: str, email: str) -> int:
        data = {"email": email, "password": "fout"}
        return http.post("/inloggen", data=data, environ_base={"HTTP_X_FORWARDED_FOR": address}).status_code

    answers = (guess("203.0.113.1", "a@example.org"), guess("203.0.113.2", "b@example.org"))
    assert answers + (guess("203.0.113.1", "c@example.org"),) == (200, 200, 429)
