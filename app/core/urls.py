from urllib.parse import urlsplit

from flask import current_app, request


def safe_next(target: str | None) -> str | None:
    """Only a path on this site: an open redirect would make phishing links look like ours."""
    if not target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    return target


def external_url(endpoint: str, **values) -> str:
    """An absolute link for a mail, feed or API answer, built on PUBLIC_BASE_URL: the Host
    and X-Forwarded-Host headers are chosen by whoever sends the request, so a reset link
    built from them could point at an attacker's site."""
    return absolute_url(path_for(endpoint, **values))


def path_for(endpoint: str, **values) -> str:
    """The path of an endpoint, inside a request or not (a CLI command, a service in a test)."""
    return current_app.url_map.bind("localhost").build(endpoint, values)


def absolute_url(path: str) -> str:
    """A path in the app as an absolute link on PUBLIC_BASE_URL."""
    return current_app.config["PUBLIC_BASE_URL"].rstrip("/") + path


def query_args() -> dict[str, str]:
    """The request's query parameters (the first value of each) for a link to a page like
    this one. Not those url_for reads itself: `endpoint` (a 500), `_method`, `_scheme`,
    `_anchor` and `_external`, which would build the link on the request's Host header."""
    return {key: value for key, value in request.args.items() if key != "endpoint" and not key.startswith("_")}
