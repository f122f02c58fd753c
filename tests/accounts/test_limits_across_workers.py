"""Issue 11, finding 3: with several processes the failed-login limit holds across all of
them. Two gunicorn workers share the real Redis of this machine (127.0.0.1:6379), and each
worker is replaced by a fresh process after a few requests, so the 22 requests are served by
many processes: a per-process count could never reach the limit. The 11th failed attempt is
refused whichever process answers. Without Redis the test skips locally and
fails in CI (REQUIRE_REDIS=1)."""

import contextlib
import time

import pytest
import requests
import sqlalchemy as sa

from app.core.audit import AuditEntry
from app.extensions import db
from tests.factories import make_user
from tests.live import all_at_once, count_rows, csrf_of, forget_keys, gunicorn, migrated_app, new_prefix

pytestmark = [pytest.mark.no_db_transaction, pytest.mark.many_connections]


@contextlib.contextmanager
def _workers(redis_url, *options):
    """Anna's account in a database of its own, served by gunicorn with these options; yields
    the app (to count rows) and the base URL."""
    with migrated_app("workers") as (app, url):
        with app.app_context():
            make_user("Anna", email="anna@example.org")
            db.session.commit()
            db.session.remove()
        prefix = new_prefix()
        try:
            with gunicorn(url, redis_url, prefix, *options) as base:
                yield app, base
        finally:
            forget_keys(redis_url, prefix)


@pytest.fixture
def two_workers(redis_url, tmp_path):
    access_log = tmp_path / "access.log"
    options = ("--workers", "2", "--max-requests", "4", "--access-logfile", str(access_log))
    with _workers(redis_url, *options, "--access-logformat", "%(p)s %(s)s") as (_app, base):
        yield base, access_log


@pytest.fixture
def threaded_workers(redis_url):
    """Two processes of eight threads each: sixteen requests are handled at the same time."""
    options = ("--workers", "2", "--worker-class", "gthread", "--threads", "8")
    with _workers(redis_url, *options) as served:
        yield served


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


def test_30_wrong_passwords_at_once_are_checked_no_more_than_the_limit(threaded_workers):
    """Issue 23, finding 12: the count was read before the password check and written after
    it, so 30 wrong logins sent at once were checked 11 times (2 sync workers) before the
    limit held, more with more requests in flight. Now each attempt takes its place in one
    atomic step of Redis first: exactly the limit is checked, the rest is refused."""
    app, base = threaded_workers
    limit = int(app.config["FAILED_LOGIN_LIMIT"].split()[0])
    visitors = [requests.Session() for _ in range(30)]
    tokens = [csrf_of(visitor.get(f"{base}/inloggen", timeout=30).text) for visitor in visitors]

    def guess(visitor, token, n):
        data = {"csrf_token": token, "email": "anna@example.org", "password": f"gok {n}"}
        return lambda: visitor.post(f"{base}/inloggen", data=data, timeout=60)

    answers = all_at_once(
        [guess(visitor, token, n) for n, (visitor, token) in enumerate(zip(visitors, tokens, strict=True))]
    )
    checked = count_rows(app, sa.select(sa.func.count()).where(AuditEntry.action == "user.login_failed"))
    assert (sorted(answers), checked) == ([200] * limit + [429] * (30 - limit), limit)
