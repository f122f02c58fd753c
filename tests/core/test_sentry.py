"""Issue 25, item 5: with SENTRY_DSN set, an error in a route reaches Sentry (here a local
server that receives what the SDK sends, as sentry.io would) without form values, cookies,
query strings, tokens or e-mail addresses. The app runs under gunicorn, so the SDK's global
set-up stays in its worker."""

import gzip
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import quote_plus

import pytest
import requests

from app.core.sentry import SAFE_HEADERS
from tests.core.served_ops import gunicorn_with

pytestmark = pytest.mark.no_db_transaction

EMAIL = "pieter.de.wit@example.org"
NAME = "Pieter de Wit"
PASSWORD = "Mijn-geheime-zin-5521"  # noqa: S105
TOKEN = "tok-8XhQ2mZ"  # noqa: S105
COOKIE = "sessie-koekje-91Kd"


class Envelopes(BaseHTTPRequestHandler):
    def do_POST(self):  # noqa: N802 - http.server's name
        body = self.rfile.read(int(self.headers["Content-Length"]))
        if self.headers.get("Content-Encoding") == "gzip":
            body = gzip.decompress(body)
        assert self.headers.get("Content-Encoding") in (None, "gzip"), self.headers["Content-Encoding"]
        self.server.received.append((self.path, body.decode()))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def sentry():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Envelopes)
    server.received = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    thread.join(5)
    server.server_close()


def _events(received: list[tuple[str, str]]) -> list[dict]:
    events = []
    for _path, envelope in received:
        lines = envelope.splitlines()
        for header, payload in zip(lines[1::2], lines[2::2], strict=False):
            if json.loads(header).get("type") == "event":
                events.append(json.loads(payload))
    return events


def test_an_error_reaches_sentry_without_personal_data(redis_url, sentry):
    dsn = f"http://public@127.0.0.1:{sentry.server_port}/1"
    with gunicorn_with(redis_url, "--workers", "1", env={"SENTRY_DSN": dsn}) as base:
        answer = requests.post(
            f"{base}/test/crash",
            params={"email": EMAIL, "token": TOKEN},
            data={"email": EMAIL, "password": PASSWORD, "name": NAME},
            headers={"Cookie": f"session={COOKIE}", "Authorization": f"Bearer {TOKEN}", "X-Request-ID": "req-42"},
            timeout=30,
        )
        assert answer.status_code == 500
        deadline = time.monotonic() + 15
        while not _events(sentry.received) and time.monotonic() < deadline:
            time.sleep(0.1)

    assert all(path == "/api/1/envelope/" for path, _body in sentry.received)
    everything = "\n".join(body for _path, body in sentry.received)
    for secret in (EMAIL, NAME, PASSWORD, TOKEN, COOKIE, quote_plus(EMAIL), quote_plus(NAME), "Pieter"):
        assert secret not in everything, secret
    event = next(event for event in _events(sentry.received) if event.get("exception"))
    error = event["exception"]["values"][-1]
    assert error["type"] == "DataError" and 'invalid input syntax for type integer: "…@…"' in error["value"]
    request = event["request"]
    assert request["url"] == "/test/crash" and request["method"] == "POST"
    assert set(request) == {"url", "method", "headers"}  # no data, cookies or query string
    sent = {name.lower() for name in request["headers"]}
    assert sent <= SAFE_HEADERS and "x-request-id" in sent  # never Cookie or Authorization
    assert event["tags"]["request_id"] == "req-42"
    assert "user" not in event
    assert not any("vars" in frame for frame in error["stacktrace"]["frames"])
