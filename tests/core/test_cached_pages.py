"""Issue 28, item 1: a stored public page is answered before Flask (core.cached_pages), with
the headers the app gave it, its own request id, an access line and its metrics; a request
that could be anyone's own goes to Flask as before."""

import logging
import re

import pytest
from flask import request, request_started

from app.core.language import LANGUAGE_COOKIE
from app.core.logs import access_log
from app.core.metrics import LOCAL
from tests.factories import make_neighbourhood, make_template, make_user

ROUTE = "/aanpakken/<slug>"


@pytest.fixture
def url():
    return f"/aanpakken/{make_template('Buurtbarbecue').slug}"


@pytest.fixture
def through_flask(app):
    """The requests that reached Flask, by path."""
    reached = []

    def note(sender, **extra):
        reached.append(request.path)

    request_started.connect(note, app)
    yield reached
    request_started.disconnect(note, app)


def _headers(response) -> dict:
    return {name: value for name, value in response.headers.items() if name != "X-Request-ID"}


def test_a_stored_page_is_answered_before_flask_with_the_headers_the_app_gave_it(client, url, through_flask):
    first = client.get(url)
    again = client.get(url)
    known = client.get(url, headers={"If-None-Match": first.headers["ETag"]})
    head = client.http.head(url)

    assert through_flask == [url]  # only the first, which rendered and stored the page
    assert again.status_code == 200 and again.get_data() == first.get_data()
    assert _headers(again) == _headers(first) and again.headers["Cache-Control"] == "public, max-age=60"
    assert re.fullmatch(r"[0-9a-f]{32}", again.headers["X-Request-ID"])
    assert again.headers["X-Request-ID"] != first.headers["X-Request-ID"]
    assert known.status_code == 304 and known.get_data() == b"" and known.headers["ETag"] == first.headers["ETag"]
    assert "Content-Type" not in known.headers and "Content-Length" not in known.headers
    assert head.status_code == 200 and head.get_data() == b""
    assert head.headers["Content-Length"] == first.headers["Content-Length"]


def test_a_page_answered_before_flask_has_its_access_line_and_metrics(client, url, caplog, monkeypatch):
    monkeypatch.setattr(access_log, "disabled", False)  # Alembic's logging setup may have disabled it
    labels = {"route": ROUTE, "method": "GET", "status": "200"}
    client.get(url)
    counted = LOCAL.get_sample_value("http_requests_total", labels) or 0
    with caplog.at_level(logging.INFO, logger=access_log.name):
        answer = client.get(url, headers={"X-Request-ID": "lb-7f3a.2_x"})

    assert answer.headers["X-Request-ID"] == "lb-7f3a.2_x"
    # Only this request's: a server of another test may still answer in this process.
    (line,) = [record for record in caplog.records if getattr(record, "fields", {}).get("request_id") == "lb-7f3a.2_x"]
    assert line.fields | {"duration_ms": 0} == {
        "method": "GET",
        "route": ROUTE,
        "status": 200,
        "duration_ms": 0,
        "sql_statements": 0,
        "request_id": "lb-7f3a.2_x",
    }
    assert LOCAL.get_sample_value("http_requests_total", labels) == counted + 1


@pytest.mark.parametrize(
    "kind",
    ["session cookie", "another cookie", "authorization", "hidden character in the query", "logged in"],
)
def test_a_request_that_could_be_someones_own_goes_to_flask(client, url, through_flask, kind):
    client.get(url)
    client.get(url)  # stored, and answered before Flask
    headers = {}
    if kind == "session cookie":
        with client.http.session_transaction() as session:
            session["seen"] = "x"
    elif kind == "another cookie":
        client.http.set_cookie("tracking", "1")
    elif kind == "authorization":
        headers["Authorization"] = "Bearer something"
    elif kind == "logged in":
        client.login(make_user("Lid Ingelogd", make_neighbourhood()))
    asked = f"{url}?q=a%00b" if kind.startswith("hidden") else url
    answer = client.get(asked, headers=headers)

    assert answer.status_code == 200
    assert through_flask == [url, url]


def test_each_language_and_scheme_has_its_own_stored_page(app, client, url, through_flask, monkeypatch):
    monkeypatch.setitem(app.config, "HSTS", True)
    dutch = [client.get(url, base_url="https://localhost") for _ in range(2)]
    client.http.set_cookie(LANGUAGE_COOKIE, "en")
    english = [client.get(url, base_url="https://localhost") for _ in range(2)]
    plain = [client.get(url, base_url="http://localhost") for _ in range(2)]

    assert through_flask == [url] * 3  # one rendering each, the second from the store
    assert 'lang="nl"' in dutch[1].get_data(as_text=True) and 'lang="en"' in english[1].get_data(as_text=True)
    assert all("Strict-Transport-Security" in answer.headers for answer in (*dutch, *english))
    assert not any("Strict-Transport-Security" in answer.headers for answer in plain)
    assert plain[1].get_data() == english[1].get_data()
