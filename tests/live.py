"""A served app for tests with real parallel requests: the app in a thread on its own
committed database, and helpers to arrange data, count rows, log
in and fire requests that start together. Import `served` into a test module to use it."""

import contextlib
import os
import re
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import pytest
import redis
import requests
from werkzeug.serving import make_server

from app import create_app
from app.core.storage import S3, from_config
from app.extensions import db
from tests.databases import drop_database, migrated_database
from tests.factories import PASSWORD

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
S3_REGION = "eu-west-1"
ROOT = Path(__file__).resolve().parents[1]


@contextlib.contextmanager
def migrated_app(name: str, **settings):
    """A test app on a fresh database of its own (committed, so other connections and
    processes see its rows), migrated to head; yields (app, url) and drops it afterwards."""
    url = migrated_database(name)
    app = create_app("test", SQLALCHEMY_DATABASE_URI=url, **settings)
    try:
        yield app, url
    finally:
        with app.app_context():
            db.session.remove()
            db.engine.dispose()
        drop_database(url)


@pytest.fixture(scope="module")
def served(request):
    # Its requests fire together: such a module takes its turn on the first worker (tests/parallel.py).
    assert request.node.get_closest_marker("many_connections"), f"mark {request.node.name} many_connections"
    with migrated_app(
        "race",
        WTF_CSRF_ENABLED=False,  # many clients at once; CSRF has its own tests
        FAILED_LOGIN_LIMIT="1000 per minute",
        LOGIN_RATE_LIMIT="1000 per minute",
        MAILS_PER_ADDRESS_LIMIT="1000 per minute",
        SIGNUP_RATE_LIMIT="1000 per minute",
    ) as (app, _url):
        server = make_server("127.0.0.1", 0, app, threaded=True)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        yield app, f"http://127.0.0.1:{server.server_port}"
        server.shutdown()
        thread.join(5)
        server.server_close()


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


@pytest.fixture
def redis_url():
    """This machine's Redis; without it the test skips locally and fails in CI (REQUIRE_REDIS=1)."""
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except redis.exceptions.ConnectionError as error:
        message = f"Redis not reachable at {REDIS_URL}: {error}"
        if os.environ.get("REQUIRE_REDIS") == "1":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    return REDIS_URL


@contextlib.contextmanager
def gunicorn(database_url: str, redis_url: str, prefix: str, *options: str, stdout=None):
    """`tests/worker_app.py` served by gunicorn with these options (each process its own
    port); yields the base URL once its workers have booted. `prefix` keeps the Redis keys of
    one test apart; they are removed afterwards. The app's log lines go to `stdout` (a file)."""
    workers = int(options[options.index("--workers") + 1]) if "--workers" in options else 1
    env = os.environ | {"WORKER_DATABASE_URL": database_url, "WORKER_REDIS_URL": redis_url}
    env["WORKER_KEY_PREFIX"] = prefix
    command = [sys.executable, "-m", "gunicorn", "--bind", "127.0.0.1:0", *options, "tests.worker_app:app"]
    server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=stdout, stderr=subprocess.PIPE, text=True)  # noqa: S603
    base, booted, deadline = None, 0, time.monotonic() + 30
    while (base is None or booted < workers) and time.monotonic() < deadline:
        line = server.stderr.readline()
        found = re.search(r"Listening at: (http://127\.0\.0\.1:\d+)", line)
        base = found.group(1) if found else base
        booted += "Booting worker" in line
    # The rest of its log is kept and shown when the test fails: a master that crashed
    # mid-test (see gunicorn.conf.py) otherwise shows only as a reset connection.
    log: list[str] = []
    reader = threading.Thread(target=lambda: log.extend(server.stderr), daemon=True)
    reader.start()
    try:
        assert base is not None, "gunicorn did not start"
        yield base
    except BaseException as failure:
        _stop(server, reader)
        failure.add_note("gunicorn's log after it started:\n" + "".join(log))
        raise
    _stop(server, reader)


def _stop(server: subprocess.Popen, reader: threading.Thread) -> None:
    server.terminate()
    server.wait(10)
    reader.join(10)
    server.stderr.close()


def forget_keys(redis_url: str, prefix: str) -> None:
    store = redis.Redis.from_url(redis_url)
    keys = list(store.scan_iter(f"{prefix}*"))
    if keys:
        store.delete(*keys)


def new_prefix() -> str:
    return f"buurtmakers-test-{uuid.uuid4().hex}"


def csrf_of(html: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


def together(app, calls) -> list:
    """Run each call in its own thread, app context and transaction, all starting together;
    what each returned, or the exception that escaped."""
    barrier, results = threading.Barrier(len(calls)), [None] * len(calls)

    def run(n, call):
        try:
            with app.app_context(), app.test_request_context(method="POST"):
                barrier.wait(30)
                results[n] = call()
        except BaseException as error:  # noqa: BLE001 - reported by the test, not lost in a thread
            results[n] = error

    threads = [threading.Thread(target=run, args=(n, call)) for n, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return results


@pytest.fixture(scope="session")
def s3_endpoint():
    """A real S3-compatible server for the session (moto's standalone server, over HTTP on a
    free port); without it the S3 tests skip locally and fail in CI (REQUIRE_S3=1)."""
    try:
        from moto.server import ThreadedMotoServer

        server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
        server.start()
    except (ImportError, OSError) as error:
        message = f"no S3-compatible server for the tests: {error}"
        if os.environ.get("REQUIRE_S3") == "1":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


def s3_settings(endpoint: str) -> dict[str, str]:
    """The settings of a new, empty bucket of its own on the test server (created here)."""
    settings = {
        "UPLOAD_STORAGE": "s3",
        "S3_ENDPOINT_URL": endpoint,
        "S3_BUCKET": f"buurtmakers-test-{uuid.uuid4().hex[:16]}",
        "S3_REGION": S3_REGION,
        "S3_ACCESS_KEY_ID": "test",
        "S3_SECRET_ACCESS_KEY": "test",
    }
    bucket = S3(settings)
    bucket.client.create_bucket(Bucket=bucket.bucket, CreateBucketConfiguration={"LocationConstraint": S3_REGION})
    return settings


def empty_bucket(settings: dict[str, str]) -> None:
    """Removes the bucket of `s3_settings` with what is in it."""
    bucket = S3(settings)
    for kind, name in list(bucket.names()):
        bucket.delete(kind, name)
    bucket.client.delete_bucket(Bucket=bucket.bucket)


@pytest.fixture(params=["disk", "s3"])
def storage(request, app, tmp_path, monkeypatch):
    """Runs the test twice: its uploads in a folder of its own, then in a bucket of its own on
    the S3 server. Yields the storage backend, to look at the files the test made."""
    settings = {"UPLOAD_STORAGE": "disk", "UPLOAD_FOLDER": str(tmp_path)}
    if request.param == "s3":
        settings |= s3_settings(request.getfixturevalue("s3_endpoint"))
    for name, value in settings.items():
        monkeypatch.setitem(app.config, name, value)
    yield from_config(app.config)
    if request.param == "s3":
        empty_bucket(settings)
