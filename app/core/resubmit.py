"""A form's page shown again with what the person typed, instead of a page that loses it.

Used where a post is refused before its form could be handled, and for a second action on
a page where a person is typing: an expired form token, a file over its limit, a receipt
added while the accountability is half written. The page is rendered as for GET, so it
writes nothing and carries a fresh token; its forms start from the posted input
(core.forms.Form), and files, which a browser never lets a page fill in, are chosen again."""

from urllib.parse import urlsplit

from flask import current_app, flash, g, make_response, request, session, url_for
from flask_babel import gettext as _
from markupsafe import Markup
from werkzeug.datastructures import MultiDict
from werkzeug.exceptions import HTTPException

from app.core.forms import KEPT, Kept, megabytes
from app.extensions import csrf

# A file up to this many times its limit is still read with its form, so that the form can
# come back with everything else typed in it and a message naming the limit; a larger body is
# refused before it is read (the message comes back, the rest of the form cannot).
OVERSIZE = 4
# Room for the form fields and multipart boundaries around a file.
FORM_OVERHEAD = 64 * 1024


def _page_path(endpoint: str | None) -> str | None:
    """The path of the page to show: the endpoint given (with this request's arguments), else
    this URL when it is a page, else the page on this site that the browser posted from."""
    if endpoint:
        # This request's arguments that the page does not take end up in the query: left off.
        return urlsplit(url_for(endpoint, **(request.view_args or {}))).path
    if request.url_rule is not None and "GET" in request.url_rule.methods:
        return request.path
    referrer = urlsplit(request.referrer or "")
    return referrer.path if referrer.netloc == request.host else None


def page_again(endpoint: str | None = None, *, message=None, errors=None, drop=(), keep: bool = True):
    """The page the posted form was on, rendered as for GET with the posted input (less the
    names in `drop`) in its forms, `errors` ({field: [message, …]}) on their fields and
    `message` (or else the first of the errors, linked to its field) flashed. None when there
    is no such page (a post from elsewhere)."""
    path = _page_path(endpoint)
    if path is None:
        return None
    try:
        rule, args = current_app.url_map.bind_to_environ(request.environ).match(path, "GET", return_rule=True)
    except HTTPException:
        return None
    dropped = {"csrf_token", *drop}
    posted = request.form if keep else MultiDict()
    kept = MultiDict([(name, value) for name, value in posted.items(multi=True) if name not in dropped])
    setattr(g, KEPT, Kept(kept, {name: found[0] for name, found in (errors or {}).items() if found}))
    if not message and errors:
        # The message at the top leads to the field, which on a phone can be far below.
        name, found = next((name, found) for name, found in errors.items() if found)
        message = Markup('<a href="#{}">{}</a>').format(name, found[0])
    if message:
        flash(message, "error")
    request.method, request.url_rule, request.view_args, request.path = "GET", rule, args, path
    g.pop("forms", None)  # the refused post's forms are not on the page shown (its title)
    try:
        return current_app.view_functions[rule.endpoint](**args)
    except HTTPException as error:  # abort() in the page's view, here inside an error handler
        return current_app.handle_http_exception(error)


def _with_status(response, status: int):
    """The page again, answered with the error's status (a browser shows it all the same);
    None when the page does not show itself (it sends elsewhere: no longer logged in, a link
    that expired), so that the error page says what happened."""
    if response is None:
        return None
    response = make_response(response)
    if response.status_code != 200:
        session.pop("_flashes", None)  # meant for the page that is not shown
        return None
    response.status_code = status
    return response


def form_expired(error):
    """An expired or missing form token: the page again with the input and a fresh token."""
    if request.path.startswith("/api/"):
        return None
    if request.files:
        message = _(
            "Deze pagina stond te lang open. Er is nog niets bewaard, maar wat u invulde staat er nog:"
            " kies het bestand opnieuw en verstuur het opnieuw."
        )
    else:
        message = _(
            "Deze pagina stond te lang open. Er is nog niets bewaard, maar wat u invulde staat er nog:"
            " verstuur het opnieuw."
        )
    return _with_status(page_again(message=message), 400)


def too_large(error):
    """A body over the limit: the page again with a message that names the limit. The body was
    not read, so the input cannot come back (a file below OVERSIZE times its limit does)."""
    if request.path.startswith("/api/") or request.method != "POST":
        return None
    limit = g.get("upload_limit")
    if limit:
        message = _(
            "Dit bestand is te groot: hoogstens %(limit)s MB. Kies een kleiner bestand.", limit=megabytes(limit)
        )
    else:
        limit = current_app.config["MAX_CONTENT_LENGTH"]
        message = _("Wat u stuurde is te groot: hoogstens %(limit)s MB. Maak het korter.", limit=megabytes(limit))
    return _with_status(page_again(g.get("upload_page"), message=message, keep=False), 413)


def accept_file(limit: int, page: str) -> None:
    """For a route that takes a file of at most `limit` bytes from the form on `page` (an
    endpoint), before its form is read: a larger body than the rest of the app allows, then
    the form token (a route that takes a file is exempt from the app-wide check, which would
    read the form under the smaller limit)."""
    g.upload_limit, g.upload_page = limit, page
    request.max_content_length = limit * OVERSIZE + FORM_OVERHEAD
    csrf.protect()
