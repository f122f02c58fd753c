"""The API's answers as the Dutch government's API Design Rules ask: errors as problem details
(RFC 9457, application/problem+json) with the parameters that were not valid, the API's
version in a header on every answer, and open to every origin (CORS), since all of it is
public and read-only."""

from flask import Response, current_app, json, request
from flask_babel import gettext as _
from werkzeug.http import HTTP_STATUS_CODES

from app.api.openapi import API_VERSION
from app.core.i18n import lazy_gettext as _l

MEDIA_TYPE = "application/problem+json"
PREFIX = "/api/"
# What the error pages say, for a program: the status's own title says the rest.
DETAILS = {
    400: _l("Het verzoek klopt niet."),
    403: _l("Dit mag u niet opvragen."),
    404: _l("Dit adres bestaat niet in de API."),
    405: _l("Deze API kan alleen lezen: gebruik GET."),
    413: _l("Het verzoek is te groot."),
    429: _l("Te veel verzoeken. Probeer het over een paar minuten weer."),
    500: _l("Er ging iets mis bij ons. Probeer het later weer."),
}


def problem(status: int, detail: str, invalid: dict[str, list[str]] | None = None, headers=None) -> Response:
    """An error answer; `invalid` names each parameter that was not valid, with its reasons."""
    body = {"type": "about:blank", "title": HTTP_STATUS_CODES[status], "status": status, "detail": str(detail)}
    if invalid:
        reasons = [(name, reason) for name, messages in invalid.items() for reason in messages]
        body["invalid-params"] = [{"name": name, "reason": reason} for name, reason in reasons]
    return current_app.response_class(json.dumps(body), status=status, mimetype=MEDIA_TYPE, headers=headers)


def invalid_parameters(invalid: dict[str, list[str]]) -> Response:
    return problem(400, _("Niet elke parameter is goed. Bij invalid-params staat wat er mis is."), invalid)


def for_status(status: int, headers) -> Response:
    """The problem for an error page's status (404 of an unknown path, 405, 429, 500 ...)."""
    return problem(status, DETAILS[status], headers=headers)


def is_api_request() -> bool:
    return request.path.startswith(PREFIX)


def add_headers(response: Response) -> Response:
    if is_api_request():
        response.headers["API-Version"] = API_VERSION
        response.headers["Access-Control-Allow-Origin"] = "*"
        response.headers["Access-Control-Expose-Headers"] = "API-Version"
    return response
