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
# Creating the app connects to nothing: any PostgreSQL URL will do.
SERVER = "postgresql+psycopg://buurtmakers@db.example.nl/buurtmakers"


@pytest.mark.parametrize("url", ["sqlite://", "sqlite:////srv/buurtmakers.db", "mysql://db.example.nl/buurtmakers"])
def test_a_database_other_than_postgresql_is_refused_at_start(url):
    with pytest.raises(RuntimeError, match="runs on PostgreSQL only") as refused:
        create_app("production", SQLALCHEMY_DATABASE_URI=url, **PRODUCTION)
    assert "DATABASE_URL" in str(refused.value)


def test_production_refuses_to_start_without_a_database_url():
    with pytest.raises(RuntimeError, match="DATABASE_URL must be set"):
        create_app("production", SQLALCHEMY_DATABASE_URI="", **PRODUCTION)


@pytest.mark.parametrize("scheme", ["postgres", "postgresql", "postgresql+psycopg"])
def test_a_postgresql_url_gets_the_installed_driver(scheme):
    app = create_app("production", SQLALCHEMY_DATABASE_URI=f"{scheme}://u:p%40ss@db.example.nl/bm", **PRODUCTION)
    assert app.config["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://u:p%40ss@db.example.nl/bm"


def test_production_refuses_to_start_without_a_public_base_url():
    with pytest.raises(RuntimeError, match="PUBLIC_BASE_URL"):
        create_app("production", SECRET_KEY="a-real-secret", PUBLIC_BASE_URL=None)


def test_production_refuses_to_start_with_an_unknown_mail_security():
    with pytest.raises(RuntimeError, match="MAIL_SECURITY"):
        create_app("production", MAIL_SECURITY="ssl", **PRODUCTION)


def test_production_cookies_are_secure():
    config = create_app("production", SQLALCHEMY_DATABASE_URI=SERVER, **PRODUCTION).config
    assert config["SESSION_COOKIE_SECURE"] and config["SESSION_COOKIE_HTTPONLY"]
    assert config["REMEMBER_COOKIE_SECURE"] and config["SESSION_COOKIE_SAMESITE"] == "Lax"
