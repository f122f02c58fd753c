"""Logs: one line per event on stdout, JSON in production (LOG_FORMAT=json) and readable text
in development, at LOG_LEVEL. Every request gets an id (the proxy's trace id when it sends
one, else a new one), returned as X-Request-ID and written on each line of that request, and
one access line: method, route, status, duration and SQL statements.

No personal data: the access line names the route's rule (`/teams/<int:team_id>`), never the
path or its query string, and no header, cookie or form value is written anywhere. What a
message or a traceback quotes anyway (a database error repeating a value) passes `Redact`,
which masks e-mail addresses and query strings; the engine hides bound parameters
(config: hide_parameters)."""

import json
import logging
import re
import secrets
import sys
import time
from datetime import UTC, datetime

import sqlalchemy as sa
from flask import Flask, g, has_request_context, request, request_finished, request_started
from flask.logging import default_handler

from app.extensions import db

access_log = logging.getLogger("buurtmakers.access")
# Probes and the scraper ask every few seconds: their lines only at debug level.
QUIET_PATHS = frozenset({"/healthz", "/readyz", "/metrics"})
HANDLER_NAME = "buurtmakers"
# Any other method is written as "other": a client chooses it, and each would be a series of its own.
METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})

TRACEPARENT = re.compile(r"[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}")
REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")
EMAIL = re.compile(r"[\w.!#$%&'*+=^`{|}~-]+(?:@|%40)[\w-]+(?:\.[\w-]+)+", re.IGNORECASE)
# A query string after a path or URL ("GET /x?email=..."), not a question mark in a sentence.
QUERY_STRING = re.compile(r"(?<=[\w/.-])\?[^\s\"']+")


def redact(text: str) -> str:
    return EMAIL.sub("…@…", QUERY_STRING.sub("?…", text))


class Redact(logging.Filter):
    """Masks e-mail addresses and query strings in the message and the traceback."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg, record.args = redact(record.getMessage()), None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if has_request_context() and "request_id" in g:
            line["request_id"] = g.request_id
        line |= getattr(record, "fields", {})
        if record.exc_info and not record.exc_text:
            record.exc_text = self.formatException(record.exc_info)
        if record.exc_text:
            line["exc_info"] = record.exc_text
        if record.stack_info:
            line["stack_info"] = record.stack_info
        return json.dumps(line, ensure_ascii=False, default=str)


class StdoutHandler(logging.StreamHandler):
    """Writes to sys.stdout as it is at each line (a test runner swaps it)."""

    @property
    def stream(self):
        return sys.stdout

    @stream.setter
    def stream(self, _value):
        pass


def init_logging(app: Flask) -> None:
    """The process's log lines, and the request id and access line of every request."""
    root = logging.getLogger()
    for handler in [h for h in root.handlers if h.name == HANDLER_NAME]:
        root.removeHandler(handler)  # an app created again (tests) replaces its handler
    handler = StdoutHandler()
    handler.name = HANDLER_NAME
    handler.addFilter(Redact())
    if app.config["LOG_FORMAT"] == "json":
        handler.setFormatter(JsonFormatter())
    else:
        handler.setFormatter(logging.Formatter("[%(asctime)s] %(levelname)s in %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(app.config["LOG_LEVEL"].upper())
    # No line names its source file, thread or process: the logging HOWTO's switches that
    # spare every record the work of finding them (the access line is one per request).
    logging._srcfile = None
    logging.logThreads = logging.logProcesses = logging.logMultiprocessing = False
    app.logger.removeHandler(default_handler)  # the root's handler writes its lines
    app.log_exception = _log_exception(app)
    request_started.connect(_start, app)
    request_finished.connect(_finish, app)
    with app.app_context():
        if not sa.event.contains(db.engine, "before_cursor_execute", _count_statement):
            sa.event.listen(db.engine, "before_cursor_execute", _count_statement)


def route() -> str:
    """The matched rule (`/teams/<int:team_id>`): never the path, which may hold a token or an address."""
    return request.url_rule.rule if request.url_rule else "<unmatched>"


def request_id(headers) -> str:
    """The proxy's trace id (W3C traceparent) or X-Request-ID when it is safe to repeat, else a new one."""
    traced = TRACEPARENT.fullmatch(headers.get("traceparent", "").strip().lower())
    if traced and traced.group(1) != "0" * 32:
        return traced.group(1)
    given = headers.get("X-Request-ID", "")
    return given if REQUEST_ID.fullmatch(given) else secrets.token_hex(16)


def elapsed() -> float:
    """Seconds since this request started."""
    return time.perf_counter() - g.request_start


def _start(sender: Flask, **extra) -> None:
    g.request_id, g.request_start, g.sql_statements = request_id(request.headers), time.perf_counter(), 0
    # Taken now: a refused form is shown again as its page (core.resubmit), which changes both.
    g.request_method = request.method if request.method in METHODS else "other"
    g.request_route = route()


def _finish(sender: Flask, response, **extra) -> None:
    response.headers["X-Request-ID"] = g.request_id
    log_access(request.path, g.request_method, g.request_route, response.status_code, elapsed(), g.sql_statements)


def log_access(path: str, method: str, route: str, status: int, seconds: float, statements: int, **more) -> None:
    """The access line of a request; `more` for fields that the request's `g` does not hold
    (a page answered before Flask, core.cached_pages, gives its request id)."""
    fields = {
        "method": method,
        "route": route,
        "status": status,
        "duration_ms": round(seconds * 1000, 1),
        "sql_statements": statements,
    } | more
    level = logging.DEBUG if path in QUIET_PATHS else logging.INFO
    message = "%(method)s %(route)s %(status)s %(duration_ms)s ms %(sql_statements)s SQL"
    access_log.log(level, message, fields, extra={"fields": fields})


def _count_statement(*args) -> None:
    if has_request_context() and "sql_statements" in g:
        g.sql_statements += 1


def _log_exception(app: Flask):
    """Flask's own line names the raw path; this one the route."""

    def log_exception(exc_info) -> None:
        app.logger.error("Exception on %s %s", request.method, route(), exc_info=exc_info)

    return log_exception
