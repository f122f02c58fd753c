"""Issue 24, item 5: a resident a coordinator registered without e-mail has an account that
nobody can log in as and that is never mailed: no login, no reset link, no role, and every
message stays in the app."""

import pytest
import sqlalchemy as sa

from app.accounts import admin as accounts_admin
from app.accounts import services
from app.accounts.passwords import NO_PASSWORD, verify_password
from app.core.errors import AuthenticationFailed, RuleViolated
from app.core.mail import OutboxMail
from app.core.notifications import Notification, notify
from app.extensions import db
from tests.factories import PASSWORD, make_neighbourhood, make_resident_without_email, make_user


@pytest.fixture
def gerda(ctx):
    hood = make_neighbourhood("Kruiskamp")
    return make_resident_without_email("Gerda de Vries", hood, make_user("Cor", hood, is_coordinator=True))


def _mails() -> int:
    return db.session.scalar(sa.select(sa.func.count(OutboxMail.id)))


def test_the_account_has_no_address_and_no_password(gerda):
    assert (gerda.email, gerda.password_hash, gerda.email_confirmed_at) == (None, NO_PASSWORD, None)
    for attempt in ("", PASSWORD, NO_PASSWORD, "!none"):
        assert not verify_password(gerda.password_hash, attempt)


@pytest.mark.parametrize("email", ["", " ", "None", "null", "Gerda de Vries"])
def test_nobody_logs_in_as_a_resident_without_email(gerda, email):
    with pytest.raises(AuthenticationFailed):
        services.log_in(email, "")
    assert services.find_user_by_email(email) is None


def test_the_login_form_and_the_reset_form_find_nothing(gerda, client):
    for url in ("/inloggen", "/wachtwoord-vergeten"):
        response = client.post(url, {"email": "", "password": "x"})
        assert "Vul uw e-mailadres in." in response.get_data(as_text=True)
    services.request_password_reset("")
    assert _mails() == 0


def test_no_reset_link_and_no_role_for_an_account_without_address(gerda):
    admin = make_user("Ada", is_admin=True)
    with pytest.raises(RuleViolated, match="geen e-mailadres"):
        accounts_admin.admin_send_reset(admin, gerda)
    with pytest.raises(RuleViolated, match="er kan niemand mee inloggen"):
        accounts_admin.set_roles(admin, gerda, is_admin=False, is_coordinator=True)
    assert not gerda.is_coordinator and _mails() == 0


def test_a_message_stays_in_the_app_and_no_mail_is_queued(gerda):
    notify(gerda, "coaching.behalf_join", "/teams/1", team="Pruimengaarde Samen", coordinator="Cor")
    assert db.session.scalar(sa.select(Notification.kind).where(Notification.user_id == gerda.id))
    assert _mails() == 0


def test_the_admins_list_says_so_instead_of_none(gerda, client):
    admin = make_user("Ada", is_admin=True)
    page = client.login(admin).get("/beheer/gebruikers?q=Gerda").get_data(as_text=True)
    assert "Gerda de Vries" in page and "Zonder e-mail, via een coördinator" in page and "None" not in page
