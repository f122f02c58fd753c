"""A stored public page answered before Flask: the WSGI layer in front of the app that does
for a visitor without a cookie what the municipality's reverse proxy does (README), for a
site that has none or for a page the proxy no longer holds.

A request qualifies only when it could not be anyone's own: GET or HEAD, no cookie but the
language's, no Authorization header, a query as the views read it (security.clean_query),
and a route that is a public page (cache.public_page). Its answer is the stored entry with
the headers that every hook of the app gave it when it was rendered (cache._keep): Flask's
session, login, hooks and signals have nothing to add to it. The access line and the metrics
count it as they count every request. Anything else, and any page not stored or stored under
versions that are no longer current, goes to Flask as before, which renders and stores it."""

import time
from http import HTTPStatus

from flask import Flask
from werkzeug.exceptions import HTTPException

from app.core.cache import page_key, stored_page
from app.core.language import LANGUAGE_COOKIE
from app.core.logs import log_access, request_id
from app.core.metrics import count_request
from app.core.security import clean_query
from app.core.throttle import limits_every_request

ENTITY_HEADERS = frozenset({"Content-Type", "Content-Length"})  # a 304 sends neither


def init_cached_pages(app: Flask) -> None:
    """In front of the app, unless nothing is ever stored (no Redis in production: the
    NullCache) or a limit on every route needs Flask's request (throttle)."""
    if app.config["CACHE_TYPE"] != "NullCache" and not limits_every_request(app):
        app.wsgi_app = CachedPages(app)


class CachedPages:
    """Wraps `app.wsgi_app`."""

    def __init__(self, app: Flask):
        self.app = app
        self.wsgi_app = app.wsgi_app

    def __call__(self, environ, start_response):
        if environ["REQUEST_METHOD"] in ("GET", "HEAD") and "HTTP_AUTHORIZATION" not in environ:
            answer = self._answer(environ, start_response)
            if answer is not None:
                return answer
        return self.wsgi_app(environ, start_response)

    def _answer(self, environ, start_response):
        start = time.perf_counter()
        request = self.app.request_class(environ)
        if request.cookies.keys() - {LANGUAGE_COOKIE} or not clean_query(request.args):
            return None
        try:
            rule, view_args = self.app.create_url_adapter(request).match(return_rule=True)
        except HTTPException:  # an untrusted host, not found, a redirect, another method: Flask answers those
            return None
        tags = getattr(self.app.view_functions[rule.endpoint], "cache_tags", None)
        if tags is None:
            return None
        with self.app.app_context():
            entry = stored_page(tags(**view_args), page_key(request))
            if entry is None:
                return None
            given = request_id(request.headers)
            if entry.etag in request.if_none_match:
                status, body = HTTPStatus.NOT_MODIFIED, b""
                headers = [header for header in entry.headers if header[0] not in ENTITY_HEADERS]
            else:
                status, body, headers = HTTPStatus.OK, entry.body.encode(), list(entry.headers)
            start_response(f"{status.value} {status.phrase}", [*headers, ("X-Request-ID", given)])
            seconds = time.perf_counter() - start
            log_access(request.path, request.method, rule.rule, status.value, seconds, 0, request_id=given)
            count_request(rule.rule, request.method, status.value, seconds)
        return [] if request.method == "HEAD" else [body]
