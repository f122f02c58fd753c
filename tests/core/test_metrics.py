"""Issue 25, item 4: Prometheus metrics at /metrics, only for the scraper's bearer token, with
the golden signals per route, the database pool, the outbox, the periodic jobs and the
version; under gunicorn one figure for all workers together."""

import os
import signal
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

import pytest
import requests
from prometheus_client.parser import text_string_to_metric_families

from app import create_app
from app.core import jobs
from app.core.mail import queue_mail
from app.core.metrics import JobCollector
from app.core.models import utcnow
from app.extensions import db
from config import VERSION
from tests.conftest import Client
from tests.core.served_ops import gunicorn_with

TOKEN = "scrape-secret-9931"  # noqa: S105
SCRAPER = {"Authorization": f"Bearer {TOKEN}"}


def samples(text: str) -> dict[tuple, float]:
    """(name, sorted labels) -> value for every sample of a scrape."""
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


def value(scrape: dict, name: str, **labels) -> float:
    return scrape.get((name, tuple(sorted(labels.items()))), 0.0)


@pytest.fixture(scope="module")
def scraped_app(app):
    """The test app's database, with a metrics token set."""
    scraped = create_app("test", SQLALCHEMY_DATABASE_URI=app.config["SQLALCHEMY_DATABASE_URI"], METRICS_TOKEN=TOKEN)
    yield scraped
    with scraped.app_context():
        db.engine.dispose()


@pytest.fixture
def scraper(scraped_app):
    client = Client(scraped_app.test_client())

    def scrape() -> dict:
        answer = client.get("/metrics", headers=SCRAPER)
        assert answer.status_code == 200, answer.status_code
        return samples(answer.get_data(as_text=True))

    scrape.client = client
    return scrape


def test_without_the_setting_there_is_no_metrics_page(client):
    assert client.get("/metrics", headers=SCRAPER).status_code == 404


def test_only_the_bearer_token_opens_it(scraped_app):
    client = Client(scraped_app.test_client())
    for given in (None, "Bearer wrong", TOKEN, f"Basic {TOKEN}", f"Bearer {TOKEN}x"):
        headers = {"Authorization": given} if given else {}
        refused = client.get("/metrics", headers=headers)
        assert refused.status_code == 401 and refused.headers["WWW-Authenticate"] == "Bearer", headers
        assert "http_requests" not in refused.get_data(as_text=True)
    answer = client.get("/metrics", headers=SCRAPER)
    assert answer.status_code == 200 and answer.mimetype == "text/plain"
    assert answer.headers["Cache-Control"] == "no-store" and "Set-Cookie" not in answer.headers
    assert f'app_info{{version="{VERSION}"}} 1.0' in answer.get_data(as_text=True)


def test_requests_by_route_and_status(scraper):
    before = scraper()
    for _ in range(3):
        assert scraper.client.get("/contact").status_code == 200
    assert scraper.client.get("/bestaat-niet/jan@example.org").status_code == 404
    after = scraper()
    contact = {"route": "/contact", "method": "GET"}
    assert (
        value(after, "http_requests_total", status="200", **contact)
        - value(before, "http_requests_total", status="200", **contact)
        == 3
    )
    assert (
        value(after, "http_request_duration_seconds_count", **contact)
        - value(before, "http_request_duration_seconds_count", **contact)
        == 3
    )
    unmatched = {"route": "<unmatched>", "method": "GET", "status": "404"}
    assert value(after, "http_requests_total", **unmatched) - value(before, "http_requests_total", **unmatched) == 1
    assert not any("jan@example.org" in str(key) for key in after)
    assert value(after, "http_requests_in_progress") == 1  # the scrape itself
    assert value(after, "db_pool_size") == 5
    assert value(after, "db_pool_connections_checked_out") >= 1  # the test's own transaction holds one


def test_the_outbox_backlog_and_failures(scraper):
    now = utcnow()
    queue_mail("nieuw@example.org", "Welkom", "Hallo")
    retrying = queue_mail("later@example.org", "Welkom", "Hallo")
    retrying.tries, retrying.next_try_at = 1, now + timedelta(minutes=5)
    given_up = queue_mail("weg@example.org", "Welkom", "Hallo")
    given_up.tries, given_up.gave_up_at = 8, now
    sent = queue_mail("klaar@example.org", "Welkom", "Hallo")
    sent.sent_at = now
    scrape = scraper()
    assert value(scrape, "outbox_mails_pending") == 2  # the new one and the one tried again later
    assert value(scrape, "outbox_mails_failed") == 2  # the one tried again later and the one given up


def test_the_last_success_of_each_job(scraper, monkeypatch):
    assert not any(name == "job_last_success_timestamp_seconds" for name, _labels in scraper())
    last = {"outbox send": datetime(2026, 12, 1, 7, 30, tzinfo=UTC), "privacy purge": datetime(2026, 12, 1, tzinfo=UTC)}
    monkeypatch.setattr(jobs, "last_successes", lambda: last, raising=False)
    scrape = scraper()
    for job, when in last.items():
        assert value(scrape, "job_last_success_timestamp_seconds", job=job) == when.timestamp()
    assert list(JobCollector(None).collect())[0].samples == []


@pytest.mark.no_db_transaction
def test_one_figure_for_all_gunicorn_workers(redis_url):
    with gunicorn_with(redis_url, "--workers", "2", env={"METRICS_TOKEN": TOKEN}) as base:
        answered = []

        def slow(seconds: float = 0.05) -> int:
            answer = requests.get(f"{base}/test/slow", params={"seconds": seconds}, timeout=30)
            assert answer.status_code == 200
            answered.append(int(answer.text))
            return answered[-1]

        def scrape() -> dict:
            return samples(requests.get(f"{base}/metrics", headers=SCRAPER, timeout=30).text)

        with ThreadPoolExecutor(4) as pool:
            workers = set(pool.map(lambda _n: slow(), range(40)))
        assert len(workers) == 2, "both workers answered"
        with ThreadPoolExecutor(4) as pool:  # pages that read the database, in both workers
            assert set(pool.map(lambda _n: requests.get(f"{base}/buurten", timeout=30).status_code, range(8))) == {200}
        figures = scrape()
        assert value(figures, "db_pool_connections_checked_out") == 0  # every connection went back
        route = {"route": "/test/slow", "method": "GET", "status": "200"}
        assert value(figures, "http_requests_total", **route) == 40
        assert value(figures, "http_request_duration_seconds_count", route="/test/slow", method="GET") == 40
        assert value(figures, "db_pool_size") == 10  # five connections per worker

        # A request in one worker and the scrape in the other: two in flight.
        with ThreadPoolExecutor(1) as pool:
            busy = pool.submit(slow, 2)
            time.sleep(0.5)
            assert value(scrape(), "http_requests_in_progress") == 2
            killed = busy.result()

        # A worker that died no longer counts in the gauges of the live ones (gunicorn.conf.py's
        # child_exit); the requests it answered still count.
        os.kill(killed, signal.SIGKILL)
        deadline = time.monotonic() + 30
        while not set(answered) - workers and time.monotonic() < deadline:
            with ThreadPoolExecutor(4) as pool:
                list(pool.map(lambda _n: slow(0.2), range(8)))
        assert set(answered) - workers, "gunicorn started a new worker"
        figures = scrape()
        assert value(figures, "db_pool_size") == 10
        assert value(figures, "http_requests_in_progress") == 1
        assert value(figures, "http_requests_total", **route) == len(answered)
