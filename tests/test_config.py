import pytest

from app import create_app

pytestmark = pytest.mark.no_db_transaction


def test_production_refuses_to_start_without_a_secret_key():
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        create_app("production", SECRET_KEY=None)


def test_production_refuses_to_start_with_debug_on():
    with pytest.raises(RuntimeError, match="debug"):
        create_app("production", DEBUG=True, **PRODUCTION)


PRODUCTION = {"SECRET_KEY": "a-real-secret", "PUBLIC_BASE_URL": "https://buurt.example.nl"}


def test_production_refuses_to_start_without_a_public_base_url():
    with pytest.raises(RuntimeError, match="PUBLIC_BASE_URL"):
        create_app("production", SECRET_KEY="a-real-secret", PUBLIC_BASE_URL=None)


def test_production_refuses_to_start_with_an_unknown_mail_security():
    with pytest.raises(RuntimeError, match="MAIL_SECURITY"):
        create_app("production", MAIL_SECURITY="ssl", **PRODUCTION)


def test_production_cookies_are_secure():
    config = create_app("production", SQLALCHEMY_DATABASE_URI="sqlite://", **PRODUCTION).config
    assert config["SESSION_COOKIE_SECURE"] and config["SESSION_COOKIE_HTTPONLY"]
    assert config["REMEMBER_COOKIE_SECURE"] and config["SESSION_COOKIE_SAMESITE"] == "Lax"
