"""Issue 11, finding 3: with several processes the failed-login limit holds across all of
them. Two gunicorn workers share the real Redis of this machine (127.0.0.1:6379), and each
worker is replaced by a fresh process after a few requests, so the 22 requests are served by
many processes: a per-process count could never reach the limit. The 11th failed attempt is
refused whichever process answers. Without Redis the test skips locally and
fails in CI (REQUIRE_REDIS=1)."""

import time

import flask_migrate
import pytest
import requests

from app import create_app
from app.extensions import db
from tests.databases import drop_database, fresh_database
from tests.factories import make_user
from tests.live import csrf_of, forget_keys, gunicorn, new_prefix

pytestmark = pytest.mark.no_db_transaction


@pytest.fixture
def two_workers(redis_url, tmp_path):
    url = fresh_database("workers")
    app = create_app("test", SQLALCHEMY_DATABASE_URI=url)
    with app.app_context():
        flask_migrate.upgrade()
        make_user("Anna", email="anna@example.org")
        db.session.commit()
        db.session.remove()
        db.engine.dispose()
    prefix, access_log = new_prefix(), tmp_path / "access.log"
    options = ("--workers", "2", "--max-requests", "4", "--access-logfile", str(access_log))
    try:
        with gunicorn(url, redis_url, prefix, *options, "--access-logformat", "%(p)s %(s)s") as base:
            yield base, access_log
    finally:
        forget_keys(redis_url, prefix)
        drop_database(url)


def test_the_11th_failed_login_is_refused_whichever_worker_answers(two_workers):
    base, access_log = two_workers
    answers = []
    for n in range(11):
        # A new connection each time, so that either worker may take the request.
        with requests.Session() as visitor:
            token = csrf_of(visitor.get(f"{base}/inloggen", timeout=30).text)
            data = {"csrf_token": token, "email": "anna@example.org", "password": f"gok {n}"}
            answers.append(visitor.post(f"{base}/inloggen", data=data, timeout=30).status_code)
    assert answers == [200] * 10 + [429]
    time.sleep(0.5)  # gunicorn writes its access log after the response
    processes = {line.split()[0] for line in access_log.read_text().splitlines()}
    assert len(processes) >= 4, f"the requests were served by {len(processes)} processes"
