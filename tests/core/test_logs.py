"""Issue 25, item 3: JSON log lines on stdout with a request id and one access line per
request, and no personal data in any of them. Read from the real output of gunicorn's
worker (LOG_FORMAT=json)."""

import json
import logging
import re
from urllib.parse import quote, quote_plus

import pytest
import requests

from app import create_app
from app.core.logs import access_log, redact
from tests.core.served_ops import gunicorn_with
from tests.databases import UNCONNECTED
from tests.factories import make_user
from tests.live import csrf_of

pytestmark = pytest.mark.no_db_transaction

EMAIL = "jozefien.verbeek@example.org"
NAME = "Jozefien Verbeek-Jansen"
PASSWORD = "Geheim-wachtwoord-8127"  # noqa: S105 - what a person typed, to be found nowhere
TOKEN = "reset-tok3n-Qx81fZk2"  # noqa: S105
COOKIE = "cookie-value-7hG2mPq"
SECRETS = (EMAIL, NAME, PASSWORD, TOKEN, COOKIE, "Jozefien", "Verbeek")
METRICS_TOKEN = "scrape-secret-4471"  # noqa: S105


class Output:
    """What the worker writes to stdout, read as it comes."""

    def __init__(self, file):
        self.file = file

    def new(self) -> str:
        return self.file.read()


@pytest.fixture
def served(redis_url, tmp_path):
    def build():
        make_user(NAME, email=EMAIL)

    env = {"LOG_FORMAT": "json", "LOG_LEVEL": "INFO", "METRICS_TOKEN": METRICS_TOKEN}
    path = tmp_path / "stdout"
    with path.open("w") as stdout, path.open() as reader:
        with gunicorn_with(redis_url, "--workers", "1", env=env, build=build, stdout=stdout) as base:
            yield base, Output(reader)


def _lines(output: Output) -> list[dict]:
    return [json.loads(line) for line in output.new().splitlines()]


def _access(lines: list[dict]) -> list[dict]:
    return [line for line in lines if line["logger"] == "buurtmakers.access"]


def test_personal_data_reaches_no_log_line(served):
    served, output = served
    output.new()  # the start-up
    query = {"email": EMAIL, "token": TOKEN, "naam": NAME}
    form = {"email": EMAIL, "password": PASSWORD, "name": NAME}
    visitor = requests.Session()
    visitor.cookies.update({"session": COOKIE, "remember_token": f"{EMAIL}|{TOKEN}"})
    visitor.headers["Authorization"] = f"Bearer {TOKEN}"
    answers = [
        visitor.post(f"{served}/inloggen", params=query, data=form, timeout=30),  # no CSRF token: 400
        visitor.get(f"{served}/wachtwoord-herstellen/{TOKEN}", params=query, allow_redirects=False, timeout=30),
        visitor.get(f"{served}/{EMAIL}/{quote(NAME)}", params=query, timeout=30),  # 404
        visitor.post(f"{served}/test/crash", params=query, data=form, timeout=30),  # a warning, then a 500
    ]
    assert [answer.status_code for answer in answers] == [400, 302, 404, 500]
    # Reset links asked for one address until its mailbox limit refuses (429, and Flask-Limiter's line).
    asker = requests.Session()
    token = csrf_of(asker.get(f"{served}/wachtwoord-vergeten", timeout=30).text)
    asked = [
        asker.post(f"{served}/wachtwoord-vergeten", data={"csrf_token": token, "email": EMAIL}, timeout=30)
        for _ in range(6)
    ]
    assert [answer.status_code for answer in asked][-1] == 429

    out = output.new()
    lines = [json.loads(line) for line in out.splitlines()]  # every line is JSON
    for secret in SECRETS:
        for form_of_it in {secret, quote(secret), quote_plus(secret), quote(secret, safe="")}:
            assert form_of_it not in out, form_of_it

    routes = [(line["route"], line["status"]) for line in _access(lines)]
    assert routes[:4] == [
        ("/inloggen", 400),
        ("/wachtwoord-herstellen/<token>", 302),  # an unknown link
        ("<unmatched>", 404),
        ("/test/crash", 500),
    ]
    assert routes[-1] == ("/wachtwoord-vergeten", 429)
    refused = next(line for line in lines if "exceeded" in line["message"])
    assert refused["logger"] == "flask-limiter" and "(mailto:…@…)" in refused["message"]
    warning = next(line for line in lines if line["level"] == "WARNING")
    assert warning["message"] == "could not handle the sign-up of …@…"
    error = next(line for line in lines if line["level"] == "ERROR")
    assert error["message"] == "Exception on POST /test/crash"
    assert "Traceback" in error["exc_info"] and 'invalid input syntax for type integer: "…@…"' in error["exc_info"]
    assert "SQL parameters hidden" in error["exc_info"]
    # The lines of one request carry its id, the one in the answer.
    crash_id = answers[3].headers["X-Request-ID"]
    assert {line.get("request_id") for line in (warning, error, _access(lines)[3])} == {crash_id}


def test_access_line_and_request_ids(served):
    served, output = served
    output.new()
    trace_id = "4bf92f3577b34da6a3ce929d0e0e4736"
    traceparent = f"00-{trace_id}-00f067aa0ba902b7-01"
    traced = requests.get(f"{served}/buurten", headers={"traceparent": traceparent}, timeout=30)
    named = requests.get(f"{served}/buurten", headers={"X-Request-ID": "lb-7f3a.2_x"}, timeout=30)
    unsafe = [
        requests.get(f"{served}/buurten", headers={"X-Request-ID": given}, timeout=30)
        for given in ("<script>", "a" * 65, f"id {EMAIL}")
    ]
    plain = requests.get(f"{served}/buurten", timeout=30)
    scraped = requests.get(f"{served}/metrics", headers={"Authorization": f"Bearer {METRICS_TOKEN}"}, timeout=30)
    assert scraped.status_code == 200

    assert traced.headers["X-Request-ID"] == trace_id
    assert named.headers["X-Request-ID"] == "lb-7f3a.2_x"
    made = [answer.headers["X-Request-ID"] for answer in (*unsafe, plain)]
    assert all(re.fullmatch(r"[0-9a-f]{32}", given) for given in made) and len(set(made)) == 4

    access = _access(_lines(output))
    assert [line["request_id"] for line in access] == [trace_id, "lb-7f3a.2_x", *made]  # /metrics: debug only
    line = access[0]
    assert line["method"] == "GET" and line["route"] == "/buurten" and line["status"] == 200
    assert line["level"] == "INFO" and line["sql_statements"] >= 1 and line["duration_ms"] > 0
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00", line["time"])
    assert line["message"] == f"GET /buurten 200 {line['duration_ms']} ms {line['sql_statements']} SQL"


def test_development_keeps_readable_text_at_the_level_set(capsys, monkeypatch):
    app = create_app("test", SQLALCHEMY_DATABASE_URI=UNCONNECTED, LOG_FORMAT="text")
    # Alembic's logging setup (migrations/env.py), when other tests ran it in this process,
    # disables the loggers that existed at that moment.
    monkeypatch.setattr(access_log, "disabled", False)
    monkeypatch.setattr(logging.getLogger("app"), "disabled", False)
    capsys.readouterr()
    assert app.test_client().get("/contact").status_code == 200
    with app.test_request_context():
        app.logger.warning("mail to %s refused", EMAIL)
    out = capsys.readouterr().out
    assert re.search(r"^\[.+\] INFO in buurtmakers\.access: GET /contact 200 [\d.]+ ms 0 SQL$", out, re.M), out
    assert "WARNING in app: mail to …@… refused" in out

    quieter = create_app("test", SQLALCHEMY_DATABASE_URI=UNCONNECTED, LOG_LEVEL="warning")
    assert quieter.test_client().get("/contact").status_code == 200
    with quieter.test_request_context():
        quieter.logger.warning("a warning")
    assert re.fullmatch(r"\[[^]]+\] WARNING in app: a warning\n", capsys.readouterr().out)  # no access line


def test_redact_masks_addresses_and_query_strings():
    assert redact("to jan.de-vries+buurt@gemeente.example.nl: refused") == "to …@…: refused"
    assert redact('"GET /x/jan%40example.org?token=abc&n=1 HTTP/1.1" 404') == '"GET /x/…@…?… HTTP/1.1" 404'
    assert redact("Waarom? Omdat het kan.") == "Waarom? Omdat het kan."
