"""What every request goes through before any view: URL values and query parameters that
cannot be valid are refused early (404/400 instead of a database error), and every answer
carries the security headers."""

from flask import Flask, current_app, request
from werkzeug.datastructures import ImmutableMultiDict
from werkzeug.routing import IntegerConverter, UnicodeConverter, ValidationError

from app.core.forms import blank_hidden_characters, has_hidden_characters, remove_hidden_characters

# Ids are 32-bit integers on PostgreSQL; a larger number in a URL names nothing.
MAX_ID = 2**31 - 1
MAX_QUERY_VALUE = 500

CSP = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}
# The same for every answer, so written once: no inline script or style, no framing, no
# sniffing, no referrer beyond this site and none of the devices a page never needs.
SECURITY_HEADERS = {
    "Content-Security-Policy": "; ".join(f"{directive} {value}" for directive, value in CSP.items()),
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Permissions-Policy": "geolocation=(), camera=(), microphone=()",
}
STRICT_TRANSPORT = "max-age=31556926; includeSubDomains"  # a year, when config HSTS is on


class IdConverter(IntegerConverter):
    """`<int:...>` in every route: a positive id that fits the database, else 404."""

    def __init__(self, map, *args, **kwargs):  # noqa: A002 - werkzeug's signature
        kwargs.setdefault("max", MAX_ID)
        super().__init__(map, *args, **kwargs)


class TextConverter(UnicodeConverter):
    """`<slug>` and `<token>`: no control characters (a NUL breaks PostgreSQL), else 404."""

    def to_python(self, value: str) -> str:
        if has_hidden_characters(value) or len(value) > MAX_QUERY_VALUE:
            raise ValidationError()
        return value


def register_converters(app: Flask) -> None:
    """Before any blueprint adds its routes."""
    app.url_map.converters["int"] = IdConverter
    app.url_map.converters["default"] = TextConverter
    app.url_map.converters["string"] = TextConverter


def clean_query(args) -> bool:
    """Whether every query value is as a view may read it (see _clean_query)."""
    return not any(has_hidden_characters(v) or len(v) > MAX_QUERY_VALUE for v in args.values())


def _clean_query() -> None:
    """Query parameters lose their hidden characters and are cut to a sane length before any
    view reads them: a search for "a\x00b" is a search for "ab", not a database error."""
    if not clean_query(request.args):
        # The API keeps each value's length (a hidden character becomes a space), so that a
        # value longer than its OpenAPI document allows is refused, not shortened into one.
        clean = blank_hidden_characters if request.path.startswith("/api/") else remove_hidden_characters
        request.args = ImmutableMultiDict(
            [(key, clean(value)[:MAX_QUERY_VALUE]) for key, value in request.args.items(multi=True)]
        )


def over_https(request) -> bool:
    """TLS ends at the proxy, which says so in X-Forwarded-Proto."""
    return request.is_secure or request.headers.get("X-Forwarded-Proto") == "https"


def _security_headers(response):
    response.headers.update(SECURITY_HEADERS)
    # Over https only: a browser ignores the header over http anyway.
    if over_https(request) and current_app.config["HSTS"]:
        response.headers["Strict-Transport-Security"] = STRICT_TRANSPORT
    return response


def init_security(app: Flask) -> None:
    app.before_request(_clean_query)
    app.after_request(_security_headers)
