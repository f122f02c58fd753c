"""Errors to Sentry (or a compatible service such as GlitchTip) when SENTRY_DSN is set, without
personal data: no request body, cookies, query string, user or local variables are sent, only
a few harmless headers, the route instead of the path, and messages with e-mail addresses
masked as in the logs."""

import sentry_sdk
from flask import Flask, g, has_request_context
from sentry_sdk.integrations.flask import FlaskIntegration
from sentry_sdk.integrations.sqlalchemy import SqlalchemyIntegration

from app.core.logs import redact, route

SAFE_HEADERS = frozenset({"accept", "accept-language", "content-length", "content-type", "host", "x-request-id"})


def init_sentry(app: Flask) -> None:
    if not app.config["SENTRY_DSN"]:
        return
    sentry_sdk.init(
        dsn=app.config["SENTRY_DSN"],
        release=app.config["RELEASE"],
        integrations=[FlaskIntegration(), SqlalchemyIntegration()],
        auto_enabling_integrations=False,
        send_default_pii=False,
        max_request_body_size="never",
        include_local_variables=False,  # a frame's variables hold what people typed
        before_send=scrub,
    )


def scrub(event: dict, hint: dict) -> dict:
    """The event without what could name a person (before it leaves the process)."""
    given = event.get("request") or {}
    headers = given.get("headers") or {}
    event["request"] = {
        "method": given.get("method"),
        "headers": {name: value for name, value in headers.items() if name.lower() in SAFE_HEADERS},
    }
    if has_request_context():
        event["request"]["url"] = route()
        event.setdefault("tags", {})["request_id"] = g.get("request_id")
    event.pop("user", None)
    for exception in (event.get("exception") or {}).get("values", []):
        exception["value"] = redact(exception.get("value") or "")
    if "logentry" in event:
        entry = event["logentry"]
        event["logentry"] = {"message": redact(entry.get("formatted") or entry.get("message") or "")}
    for crumb in (event.get("breadcrumbs") or {}).get("values", []):
        crumb["message"] = redact(crumb.get("message") or "")
        crumb.pop("data", None)
    return event
