"""Shared fixtures: one app on PostgreSQL for the whole session, the schema built
by the real migrations, and every test inside a rolled-back transaction."""

import contextlib
import contextvars

import pytest
import sqlalchemy as sa
from flask.globals import app_ctx
from flask_wtf.csrf import generate_csrf
from sqlalchemy import orm

from app import create_app
from app.extensions import cache, db, limiter
from tests.databases import drop_database, migrated_database
from tests.e2e.conftest import clear_screenshots
from tests.live import redis_url, s3_endpoint, served, storage  # noqa: F401 - fixtures for the whole suite
from tests.oidc.provider import oidc_provider  # noqa: F401 - the OpenID provider, once per session
from tests.parallel import (  # noqa: F401 - the hooks that run the suite in parallel
    pytest_collection_finish,
    pytest_configure,
    pytest_configure_node,
    pytest_unconfigure,
    pytest_xdist_make_scheduler,
)


def pytest_sessionstart(session):
    clear_screenshots(session.config)


@pytest.fixture(scope="session")
def app():
    url = migrated_database("unit")
    app = create_app("test", SQLALCHEMY_DATABASE_URI=url)
    yield app
    with app.app_context():
        db.engine.dispose()
    drop_database(url)


@contextlib.contextmanager
def session_on(app, connection):
    """An app context whose `db.session` works in `connection`'s transaction: its commits
    become savepoints inside it."""
    with app.app_context():
        original = db.session
        # A plain Session honours bind=connection (Flask-SQLAlchemy's picks the engine per
        # table); scoped per app context like Flask-SQLAlchemy's own.
        factory = orm.sessionmaker(bind=connection, join_transaction_mode="create_savepoint")
        db.session = orm.scoped_session(factory, scopefunc=lambda: id(app_ctx._get_current_object()))
        try:
            yield
        finally:
            db.session.remove()
            db.session = original


@pytest.fixture(scope="module")
def module_transaction(app):
    """One transaction for a module's tests, for rows they all start from (a module-scoped
    fixture makes them with `session_on`): each test runs in a savepoint of it instead of a
    transaction of its own, rolled back to those rows afterwards. A test of such a module with
    a transaction of its own would wait for those rows' locks if it wrote the same unique
    values: it belongs in another module."""
    with app.app_context():
        connection = db.engine.connect()
    outer = connection.begin()
    yield connection
    outer.rollback()
    connection.close()


@pytest.fixture(autouse=True)
def _db_transaction(request, app):
    """Each test runs in one outer transaction (or a savepoint of its module's, with
    `module_transaction`) that is rolled back afterwards; services' flushes and the routes'
    commits become savepoints inside it."""
    if "no_db_transaction" in request.keywords:
        yield
        return
    shared = request.getfixturevalue("module_transaction") if "module_transaction" in request.fixturenames else None
    with app.app_context():
        connection = shared or db.engine.connect()
    outer = connection.begin_nested() if shared else connection.begin()
    try:
        with session_on(app, connection):
            limiter.reset()
            cache.clear()  # pages cached by an earlier test show data its rollback removed
            yield
    finally:
        outer.rollback()
        if not shared:
            connection.close()


@pytest.fixture
def ctx(app):
    with app.test_request_context():
        yield


class Client:
    """A test client that posts forms the way a browser does: with the page's CSRF token.

    Each request runs in an empty context, so it gets its own app context (its own `g`,
    current user and session) as in production, not the test's."""

    def __init__(self, flask_client):
        self.http = flask_client

    def _request(self, call, *args, **kwargs):
        db.session.flush()  # the request sees what the test arranged
        response = contextvars.Context().run(call, *args, **kwargs)
        db.session.expire_all()  # the test's objects show what the request wrote
        return response

    def get(self, url, **kwargs):
        return self._request(self.http.get, url, **kwargs)

    def csrf_token(self) -> str:
        """A real token of this client's session, as a form on a page would carry it, made
        without rendering one (tests/accounts/test_security.py posts one read from a form)."""
        with self.http.session_transaction() as session:
            # An empty context: its own `g`, where Flask-WTF keeps the token of one request.
            return contextvars.Context().run(self._signed_token, session)

    def _signed_token(self, session) -> str:
        context = self.http.application.test_request_context()
        context.session = session  # the client's session, saved back into its cookie
        with context:
            return generate_csrf()

    def post(self, url, data=None, csrf=True, **kwargs):
        data = dict(data or {})
        if csrf:
            data["csrf_token"] = self.csrf_token()
        return self._request(self.http.post, url, data=data, **kwargs)

    def login(self, user) -> "Client":
        with self.http.session_transaction() as session:
            session["_user_id"] = user.get_id()
            session["_fresh"] = True
        return self


@pytest.fixture
def client(app):
    return Client(app.test_client())


@pytest.fixture
def count_statements(app):
    """Counts SQL statements while the returned context is open (for N+1 tests)."""

    class Counter:
        def __init__(self):
            self.statements: list[str] = []

        def __enter__(self):
            sa.event.listen(db.engine, "before_cursor_execute", self._on_execute)
            return self

        def __exit__(self, *exc):
            sa.event.remove(db.engine, "before_cursor_execute", self._on_execute)

        def _on_execute(self, conn, cursor, statement, *args):
            if not statement.startswith(("SAVEPOINT", "RELEASE", "ROLLBACK")):
                self.statements.append(statement)

        @classmethod
        def of_page(cls, client, url: str) -> int:
            """How many statements one GET of `url` makes (it must answer 200)."""
            with cls() as counter:
                assert client.get(url).status_code == 200
            return len(counter.statements)

        @property
        def writes(self) -> list[str]:
            return [s for s in self.statements if s.lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))]

    with app.app_context():
        yield Counter
