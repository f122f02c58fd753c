"""Probes for the platform (Kubernetes, compose): /healthz says that the process can serve,
/readyz that what it needs answers: the database with its migrations at head, Redis where it
is configured, and the upload storage. The checks run side by side and the probe waits
CHECK_SECONDS for them, so a dependency that hangs costs half a second, not the platform's
whole timeout.

Probes bypass the session, the rate limits and the page cache. They log nothing at info level,
since the platform asks every few seconds; a failing check is logged as a warning."""

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, wait
from dataclasses import dataclass

import redis
import sqlalchemy as sa
from alembic.script import ScriptDirectory
from flask import Blueprint, Flask, current_app, jsonify
from sqlalchemy.pool import NullPool

from app.core import uploads
from app.extensions import csrf, limiter
from config import VERSION

bp = Blueprint("probes", __name__)
csrf.exempt(bp)
limiter.exempt(bp)

CHECK_SECONDS = 0.5
# libpq's shortest connect timeout; the probe stops waiting long before (CHECK_SECONDS).
CONNECT_SECONDS = 2
OK = "ok"


@bp.get("/healthz")
def healthz():
    return _answer(200, {"status": OK})


@bp.get("/readyz")
def readyz():
    app = current_app._get_current_object()
    checks = _run(_checks(app))
    ready = all(state == OK for state in checks.values())
    return _answer(200 if ready else 503, {"status": OK if ready else "fail", "version": VERSION, "checks": checks})


def _answer(status: int, body: dict):
    response = jsonify(body)
    response.status_code = status
    response.headers["Cache-Control"] = "no-store"
    return response


@dataclass(frozen=True)
class Schema:
    """What the database check compares with: a connection of its own (a short connect timeout,
    no pool to wait for) and the revisions of this code's migrations."""

    engine: sa.Engine
    heads: frozenset[str]
    known: frozenset[str]


def _schema(app: Flask) -> Schema:
    if "probes" not in app.extensions:
        script = ScriptDirectory(app.extensions["migrate"].directory)
        engine = sa.create_engine(
            app.config["SQLALCHEMY_DATABASE_URI"], poolclass=NullPool, connect_args={"connect_timeout": CONNECT_SECONDS}
        )
        known = frozenset(revision.revision for revision in script.walk_revisions())
        app.extensions["probes"] = Schema(engine, frozenset(script.get_heads()), known)
    return app.extensions["probes"]


def _database(schema: Schema) -> dict[str, str]:
    with schema.engine.connect() as connection:
        exists = connection.scalar(sa.text("SELECT to_regclass('alembic_version') IS NOT NULL"))
        current = set(connection.scalars(sa.text("SELECT version_num FROM alembic_version"))) if exists else set()
    # A revision this code does not know was made by newer code (a rolling deploy migrates
    # first): this process still serves then, or the old replicas all drop out at once.
    at_head = current == schema.heads or bool(current - schema.known)
    return {"migrations": OK if at_head else "behind"}


def _redis(urls: list[str]) -> None:
    for url in urls:
        client = redis.Redis.from_url(url, socket_connect_timeout=CHECK_SECONDS, socket_timeout=CHECK_SECONDS)
        try:
            client.ping()
        finally:
            client.close()


def _redis_urls(config) -> list[str]:
    """The cache's Redis and the rate limits' when they are kept in Redis."""
    urls = [config["CACHE_REDIS_URL"], config["RATELIMIT_STORAGE_URI"]]
    return sorted({url for url in urls if url.startswith(("redis://", "rediss://"))})


def _storage(app: Flask) -> None:
    with app.app_context():
        uploads.check()


def _checks(app: Flask) -> dict[str, Callable[[], dict[str, str] | None]]:
    schema = _schema(app)
    checks = {"database": lambda: _database(schema), "storage": lambda: _storage(app)}
    if urls := _redis_urls(app.config):
        checks["redis"] = lambda: _redis(urls)
    return checks


def _run(checks: dict[str, Callable[[], dict[str, str] | None]]) -> dict[str, str]:
    """Each check's state: ok, or why not. A check may add states of its own (the database
    check says whether the migrations are at head)."""
    pool = ThreadPoolExecutor(max_workers=len(checks), thread_name_prefix="readyz")
    futures = {pool.submit(check): name for name, check in checks.items()}
    done, _late = wait(futures, timeout=CHECK_SECONDS)
    # A late check's thread ends on its own timeout; nobody waits for it.
    pool.shutdown(wait=False, cancel_futures=True)
    states: dict[str, str] = {}
    errors: dict[str, str] = {}
    for future, name in futures.items():
        if future not in done:
            states[name] = "timeout"
        elif error := future.exception():
            states[name], errors[name] = "fail", f"{type(error).__name__}: {str(error).splitlines()[0]}"
        else:
            states[name] = OK
            states.update(future.result() or {})
    failing = [f"{name} {state} {errors.get(name, '')}".strip() for name, state in states.items() if state != OK]
    if failing:
        current_app.logger.warning("Not ready: %s", "; ".join(failing))
    return dict(sorted(states.items()))
