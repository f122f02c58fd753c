"""The suite's PostgreSQL: the server at TEST_POSTGRES_URL (a URL ending in a maintenance
database) when one answers, else an embedded server started for this run, so a machine with
no PostgreSQL installed still runs every test. With REQUIRE_POSTGRES=1 (as in CI) the named
server must answer: a missing one fails the run instead of being replaced."""

import atexit
import functools
import os
import tempfile
from pathlib import Path

import flask_migrate
import pytest
import sqlalchemy as sa

from app import create_app
from app.core.database import embedded
from app.extensions import db

POSTGRES_ADMIN_URL = os.environ.get("TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
REQUIRE_POSTGRES = os.environ.get("REQUIRE_POSTGRES") == "1"


def _answers(url: sa.URL) -> str | None:
    """None when the server answers, else why not."""
    engine = sa.create_engine(url, connect_args={"connect_timeout": 3})
    try:
        with engine.connect():
            return None
    except sa.exc.OperationalError as error:
        return str(error.orig).strip()
    finally:
        engine.dispose()


@functools.cache
def admin_url() -> sa.URL:
    named = sa.make_url(POSTGRES_ADMIN_URL)
    why = _answers(named)
    if why is None:
        return named
    if REQUIRE_POSTGRES:
        pytest.exit(f"REQUIRE_POSTGRES=1 but PostgreSQL at {named.render_as_string()} does not answer: {why}", 3)
    # The folder goes with the run; the server stops when the last process using it ends.
    folder = Path(tempfile.mkdtemp(prefix="buurtmakers-pg-")) / "pgdata"
    return sa.make_url(embedded(folder, "postgres"))


def _admin(*statements: str) -> None:
    engine = sa.create_engine(admin_url(), isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            for statement in statements:
                connection.exec_driver_sql(statement)
    finally:
        engine.dispose()


def named_database(name: str) -> str:
    """Database `name` dropped if it exists and created empty; returns its URL."""
    _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)', f'CREATE DATABASE "{name}"')
    return admin_url().set(database=name).render_as_string(hide_password=False)


def fresh_database(name: str) -> str:
    """A fresh, empty database (see _of_this_run)."""
    return named_database(_of_this_run(name))


def migrated_database(name: str) -> str:
    """A fresh database at the migrations' head: a copy of this process's template, which the
    migrations built once. A copy takes a fraction of a second where the migrations take
    seconds, and a run makes some thirty such databases."""
    named = _of_this_run(name)
    _admin(f'DROP DATABASE IF EXISTS "{named}" WITH (FORCE)', f'CREATE DATABASE "{named}" TEMPLATE "{_template()}"')
    return admin_url().set(database=named).render_as_string(hide_password=False)


@functools.cache
def _template() -> str:
    """Built by the migrations themselves, and left with no connection open (a database is
    copied only while nobody is connected to it); dropped when the process ends."""
    url = fresh_database("template")
    app = create_app("test", SQLALCHEMY_DATABASE_URI=url)
    with app.app_context():
        flask_migrate.upgrade()
        db.session.remove()
        db.engine.dispose()
    atexit.register(drop_database, url)
    return sa.make_url(url).database


def _of_this_run(name: str) -> str:
    """`name` keeps a run's databases apart, the xdist worker (gw0, gw1, …) its workers' and
    the process id parallel runs (two developers' suites on one server)."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    return f"buurtmakers_{name}_{worker}_{os.getpid()}"


def drop_database(url: str) -> None:
    _admin(f'DROP DATABASE IF EXISTS "{sa.make_url(url).database}" WITH (FORCE)')


# For an app that is only read (its routes, when tests are collected): creating an app
# connects to nothing.
UNCONNECTED = "postgresql+psycopg://routes-only.invalid/none"
