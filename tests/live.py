"""A served app for tests with real parallel requests: the app in a thread on its own
committed database of the session's backend, and helpers to arrange data, count rows, log
in and fire requests that start together. Import `served` into a test module to use it."""

import threading

import flask_migrate
import pytest
import requests
from werkzeug.serving import make_server

from app import create_app
from app.extensions import db
from tests.databases import database_url, drop_database
from tests.factories import PASSWORD


@pytest.fixture(scope="module")
def served(backend, tmp_path_factory):
    url = database_url(backend, "race", tmp_path_factory.mktemp("race"))
    app = create_app(
        "test",
        SQLALCHEMY_DATABASE_URI=url,
        WTF_CSRF_ENABLED=False,  # many clients at once; CSRF has its own tests
        FAILED_LOGIN_LIMIT="1000 per minute",
        LOGIN_RATE_LIMIT="1000 per minute",
        MAILS_PER_ADDRESS_LIMIT="1000 per minute",
        SIGNUP_RATE_LIMIT="1000 per minute",
    )
    with app.app_context():
        flask_migrate.upgrade()
        db.session.remove()
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield app, f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(5)
    server.server_close()
    with app.app_context():
        db.session.remove()
        db.engine.dispose()
    drop_database(url)


def arrange(app, build):
    with app.app_context():
        result = build()
        db.session.commit()
        db.session.remove()
        return result


def count_rows(app, query) -> int:
    with app.app_context():
        try:
            return db.session.scalar(query)
        finally:
            db.session.remove()


def logged_in(base: str, email: str) -> requests.Session:
    session = requests.Session()
    response = session.post(f"{base}/inloggen", data={"email": email, "password": PASSWORD}, allow_redirects=False)
    assert response.status_code == 302, response.text[:300]
    return session


def all_at_once(calls) -> list[int]:
    """Run the calls in threads that start together; their HTTP status codes."""
    barrier, answers = threading.Barrier(len(calls)), [None] * len(calls)

    def run(n, call):
        barrier.wait()
        answers[n] = call().status_code

    threads = [threading.Thread(target=run, args=(n, call)) for n, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return answers
