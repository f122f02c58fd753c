"""The two databases every database test runs on: SQLite and PostgreSQL.

PostgreSQL is found through TEST_POSTGRES_URL (a server URL ending in a maintenance
database). Without a server the PostgreSQL tests skip with a message, unless
REQUIRE_POSTGRES=1 (as in CI), where a missing server fails the run."""

import os

import pytest
import sqlalchemy as sa

POSTGRES_ADMIN_URL = os.environ.get("TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
REQUIRE_POSTGRES = os.environ.get("REQUIRE_POSTGRES") == "1"
BACKENDS = ["sqlite", "postgresql"]


def _admin(*statements: str) -> None:
    engine = sa.create_engine(sa.make_url(POSTGRES_ADMIN_URL), isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            for statement in statements:
                connection.exec_driver_sql(statement)
    finally:
        engine.dispose()


def fresh_postgres_database(name: str) -> str:
    """Drop and create database `name`; return its URL. Skips (or fails in CI) without a server."""
    admin_url = sa.make_url(POSTGRES_ADMIN_URL)
    try:
        _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)', f'CREATE DATABASE "{name}"')
    except sa.exc.OperationalError as error:
        message = f"PostgreSQL not reachable at {admin_url.render_as_string()}: {error.orig}"
        if REQUIRE_POSTGRES:
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    return admin_url.set(database=name).render_as_string(hide_password=False)


def database_url(backend: str, name: str, tmp_dir) -> str:
    """A fresh, empty database of the backend; `name` keeps a run's databases apart and the
    process id keeps parallel runs (two developers' suites on one server) apart."""
    if backend == "postgresql":
        return fresh_postgres_database(f"buurtmakers_{name}_{os.getpid()}")
    return f"sqlite:///{tmp_dir / (name + '.db')}"


def drop_database(url: str) -> None:
    """Remove a PostgreSQL test database after use (SQLite files go with pytest's tmp dir)."""
    parsed = sa.make_url(url)
    if parsed.get_backend_name() == "postgresql":
        _admin(f'DROP DATABASE IF EXISTS "{parsed.database}" WITH (FORCE)')
