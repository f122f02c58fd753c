"""Prometheus metrics at GET /metrics, for the scraper only (METRICS_TOKEN as a bearer token;
without the setting there is no such page): the four golden signals per route (requests by
status, latency, requests in flight), the database pool, the outbox and the periodic jobs.

Under gunicorn each worker is a process of its own: gunicorn.conf.py sets
PROMETHEUS_MULTIPROC_DIR, every worker writes its samples to files there, and a scrape adds
up the files of all workers, so one figure covers the whole process group whichever worker
answers. Without that folder (tests, `flask run`: one process) the samples stay in memory."""

import hmac
import os
from collections.abc import Callable
from datetime import datetime

import sqlalchemy as sa
from flask import Blueprint, Flask, Response, current_app, g, request, request_finished, request_started
from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest, multiprocess
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.exposition import CONTENT_TYPE_LATEST

from app.core import jobs
from app.core.logs import elapsed
from app.core.mail import outbox_figures
from app.extensions import db, limiter
from config import VERSION

# Samples of this process when it is the only one; under gunicorn they go to files instead.
LOCAL = CollectorRegistry()

REQUESTS = Counter("http_requests", "Requests answered", ["route", "method", "status"], registry=LOCAL)
DURATION = Histogram("http_request_duration_seconds", "Time to answer", ["route", "method"], registry=LOCAL)
IN_PROGRESS = Gauge("http_requests_in_progress", "Requests being answered", registry=LOCAL, multiprocess_mode="livesum")
POOL_IN_USE = Gauge(
    "db_pool_connections_checked_out",
    "Database connections in use, all workers together",
    registry=LOCAL,
    multiprocess_mode="livesum",
)
POOL_SIZE = Gauge(
    "db_pool_size", "Database connections kept open, all workers together", registry=LOCAL, multiprocess_mode="livesum"
)

NOT_KEPT = {"Cache-Control": "no-store"}
bp = Blueprint("metrics", __name__)


@bp.get("/metrics")
@limiter.exempt
def metrics():
    expected = f"Bearer {current_app.config['METRICS_TOKEN']}".encode()
    if not hmac.compare_digest(request.headers.get("Authorization", "").encode(), expected):
        return Response("A bearer token is needed.\n", 401, {"WWW-Authenticate": "Bearer", **NOT_KEPT})
    return Response(generate_latest(_registry()), headers={"Content-Type": CONTENT_TYPE_LATEST, **NOT_KEPT})


def _registry() -> CollectorRegistry:
    registry = CollectorRegistry()
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        multiprocess.MultiProcessCollector(registry)
    else:
        registry.register(_Local())
    registry.register(_AtScrape())
    registry.register(JobCollector(getattr(jobs, "last_successes", None)))
    return registry


class _Local:
    def collect(self):
        return LOCAL.collect()


class _AtScrape:
    """What the database knows, read once per scrape: the version and the outbox."""

    def collect(self):
        info = GaugeMetricFamily("app_info", "The version that runs", labels=["version"])
        info.add_metric([VERSION], 1)
        yield info
        pending, failed = outbox_figures()
        yield GaugeMetricFamily("outbox_mails_pending", "Mails waiting to be sent, retries included", value=pending)
        yield GaugeMetricFamily("outbox_mails_failed", "Unsent mails that failed at least once", value=failed)


class JobCollector:
    """The last success of each periodic job, from `source()` (job name -> when)."""

    def __init__(self, source: Callable[[], dict[str, datetime]] | None):
        self.source = source

    def collect(self):
        family = GaugeMetricFamily(
            "job_last_success_timestamp_seconds", "When each periodic job last succeeded", labels=["job"]
        )
        for job, when in sorted((self.source() if self.source else {}).items()):
            family.add_metric([job], when.timestamp())
        yield family


def init_metrics(app: Flask) -> None:
    if app.config["METRICS_TOKEN"]:
        app.register_blueprint(bp)
    request_started.connect(_started, app)
    request_finished.connect(_finished, app)
    app.teardown_request(_torn_down)
    with app.app_context():
        pool = db.engine.pool
    if not sa.event.contains(pool, "checkout", _checked_out):
        sa.event.listen(pool, "checkout", _checked_out)
        sa.event.listen(pool, "checkin", _checked_in)


def _started(sender: Flask, **extra) -> None:
    IN_PROGRESS.inc()
    g.in_progress = True
    # Here rather than at start-up: a `flask` command (no requests) has a pool that serves nobody.
    pool = db.engine.pool
    POOL_SIZE.set(pool.size() if hasattr(pool, "size") else 0)


def _finished(sender: Flask, response, **extra) -> None:
    count_request(g.request_route, g.request_method, response.status_code, elapsed())


def count_request(route: str, method: str, status: int, seconds: float) -> None:
    REQUESTS.labels(route, method, str(status)).inc()
    DURATION.labels(route, method).observe(seconds)


def _torn_down(error) -> None:
    if g.pop("in_progress", False):
        IN_PROGRESS.dec()


def _checked_out(*args) -> None:
    POOL_IN_USE.inc()


def _checked_in(*args) -> None:
    POOL_IN_USE.dec()
