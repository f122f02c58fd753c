"""Issue 25, item 2: /healthz and /readyz as the platform asks them, with each dependency of
/readyz failing for real: a database port that is closed or a server that never answers, a
Redis port that is closed, an upload folder that cannot be written, migrations behind."""

import contextlib
import logging
import os
import socket
import subprocess
import sys
import time

import pytest
import sqlalchemy as sa
from alembic.script import ScriptDirectory

from app import create_app
from app.main import probes
from config import VERSION
from tests.databases import drop_database, fresh_database
from tests.live import ROOT


def _get(app, path="/readyz"):
    started = time.monotonic()
    response = app.test_client().get(path)
    return response, time.monotonic() - started


def _probe_app(app, **settings):
    return create_app("test", **{"SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"], **settings})


def _closed_port() -> int:
    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        return free.getsockname()[1]


@contextlib.contextmanager
def _silent_server():
    """A port that accepts connections and never says a word (a hung server, a full backlog)."""
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(8)
        yield server.getsockname()[1]


def _failing(response) -> dict:
    body = response.get_json()
    assert (response.status_code, body["status"]) == (503, "fail")
    return {name: state for name, state in body["checks"].items() if state != "ok"}


def test_healthz_answers_without_asking_anything_or_setting_a_cookie(app):
    unready = _probe_app(app, SQLALCHEMY_DATABASE_URI=f"postgresql://x@127.0.0.1:{_closed_port()}/x")
    response, seconds = _get(unready, "/healthz")
    assert (response.status_code, response.get_json()) == (200, {"status": "ok"})
    assert "Set-Cookie" not in response.headers and seconds < 1


def test_readyz_names_every_check_and_the_version_when_all_is_well(app, caplog):
    with caplog.at_level(logging.DEBUG):
        response, seconds = _get(app)
    assert response.status_code == 200, response.get_json()
    checks = {"database": "ok", "migrations": "ok", "storage": "ok"}
    assert response.get_json() == {"status": "ok", "version": VERSION, "checks": checks}
    assert "Set-Cookie" not in response.headers and response.headers["Cache-Control"] == "no-store"
    assert seconds < 1
    assert [record for record in caplog.records if record.levelno >= logging.INFO] == []


# The apps below name Redis for the page cache only: Flask-Limiter keeps one storage for all
# apps, so another app's RATELIMIT_STORAGE_URI would count the rest of the suite's requests.


def test_readyz_checks_redis_when_the_cache_or_the_rate_limits_use_it(app, redis_url):
    response, _seconds = _get(_probe_app(app, CACHE_REDIS_URL=redis_url))
    assert (response.status_code, response.get_json()["checks"]["redis"]) == (200, "ok")
    config = {"CACHE_REDIS_URL": "", "RATELIMIT_STORAGE_URI": "rediss://limits:6379"}
    assert probes._redis_urls(config) == ["rediss://limits:6379"]
    assert probes._redis_urls(config | {"RATELIMIT_STORAGE_URI": "memory://"}) == []


def test_a_closed_redis_port_makes_the_site_unready_within_a_second(app, caplog):
    with caplog.at_level(logging.WARNING):
        response, seconds = _get(_probe_app(app, CACHE_REDIS_URL=f"redis://127.0.0.1:{_closed_port()}"))
    assert _failing(response) == {"redis": "fail"} and seconds < 1
    assert "Not ready: redis fail ConnectionError" in caplog.text


def test_a_redis_that_never_answers_costs_the_probe_half_a_second(app):
    with _silent_server() as port:
        response, seconds = _get(_probe_app(app, CACHE_REDIS_URL=f"redis://127.0.0.1:{port}/1"))
    assert set(_failing(response)) == {"redis"} and seconds < 1


def test_a_database_that_does_not_answer_makes_the_site_unready(app):
    response, seconds = _get(_probe_app(app, SQLALCHEMY_DATABASE_URI=f"postgresql://x@127.0.0.1:{_closed_port()}/x"))
    assert _failing(response) == {"database": "fail"} and seconds < 1
    with _silent_server() as port:
        response, seconds = _get(_probe_app(app, SQLALCHEMY_DATABASE_URI=f"postgresql://x@127.0.0.1:{port}/x"))
    assert _failing(response) == {"database": "timeout"} and seconds < 1


def test_an_upload_folder_that_cannot_be_written_makes_the_site_unready(app, tmp_path):
    (tmp_path / "a-file").write_text("not a folder")  # even root cannot write below a file
    response, seconds = _get(_probe_app(app, UPLOAD_FOLDER=str(tmp_path / "a-file" / "uploads")))
    assert _failing(response) == {"storage": "fail"} and seconds < 1


@pytest.fixture
def unmigrated_database():
    url = fresh_database("probe")
    yield url
    drop_database(url)


def _stamp(url: str, revision: str) -> None:
    engine = sa.create_engine(url)
    with engine.begin() as connection:
        connection.exec_driver_sql("CREATE TABLE IF NOT EXISTS alembic_version (version_num varchar(32) PRIMARY KEY)")
        connection.execute(sa.text("DELETE FROM alembic_version"))
        connection.execute(sa.text("INSERT INTO alembic_version VALUES (:revision)"), {"revision": revision})
    engine.dispose()


def test_migrations_behind_the_code_make_the_site_unready(app, unmigrated_database):
    probe_app = _probe_app(app, SQLALCHEMY_DATABASE_URI=unmigrated_database)
    assert _failing(_get(probe_app)[0]) == {"migrations": "behind"}  # never migrated
    script = ScriptDirectory(app.extensions["migrate"].directory)
    first = script.get_base()
    assert first not in script.get_heads()
    _stamp(unmigrated_database, first)
    assert _failing(_get(probe_app)[0]) == {"migrations": "behind"}
    # Newer code migrated it (a rolling deploy): this process keeps serving until it is replaced.
    _stamp(unmigrated_database, "a1b2c3d4e5f6")
    assert _get(probe_app)[0].status_code == 200


LIMITED = """
from app import create_app
from app.main import probes
client = create_app("test", SQLALCHEMY_DATABASE_URI="{url}", RATELIMIT_DEFAULT="2 per minute").test_client()
print([client.get("/contact").status_code for _ in range(3)])
print(sorted({{client.get(path).status_code for _ in range(5) for path in ("/healthz", "/readyz")}}))
"""


def test_probes_are_exempt_from_rate_limits(app):
    # In a process of its own: a default limit set here would stay on the suite's limiter.
    code = LIMITED.format(url=app.config["SQLALCHEMY_DATABASE_URI"])
    quiet = {**os.environ, "LOG_LEVEL": "ERROR"}  # its stdout holds the answers only
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=quiet, capture_output=True, text=True, timeout=60)  # noqa: S603
    assert done.stdout.split("\n")[:2] == ["[200, 200, 429]", "[200]"], done.stderr[-2000:]
