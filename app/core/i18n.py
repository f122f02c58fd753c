"""The page's language, read fast. A page calls `_()` and its filters a few hundred times
(every heading, label and row), and flask_babel resolves the request's locale and catalogue
anew on each call: four lookups through Flask's context-local proxies and the locale's name
built as a string, some 20 µs a call, a fifth of a list page's render. Here the locale is
read once from where flask_babel keeps it for the request (its namespace on `g`, which
`force_locale` also sets, so a mail in Dutch inside an English request stays Dutch) and the
catalogue found by the locale object itself.

The labels defined once at import (`lazy_gettext`, as `_l`) are translated when a page shows
them: the dashboard shows some sixty, so they take the same fast path."""

from babel import Locale
from babel.support import NullTranslations
from flask import Flask, current_app, g, has_app_context
from flask_babel import LazyString, get_locale, get_translations
from jinja2 import pass_context
from markupsafe import Markup

CATALOGUES = "page_catalogues"  # app.extensions: the catalogue of each locale


def page_locale() -> Locale:
    """flask_babel's get_locale(), after its first call in the request without the lookups."""
    return getattr(g.get("_flask_babel"), "babel_locale", None) or get_locale()


def catalogue() -> NullTranslations:
    """The catalogue of the page's language; outside an app (no language) the source text,
    as flask_babel gives it."""
    if not has_app_context():
        return NullTranslations()
    catalogues = current_app.extensions[CATALOGUES]
    locale = page_locale()
    found = catalogues.get(locale)
    if found is None:
        found = catalogues[locale] = get_translations()
    return found


def gettext(string: str, **variables) -> str:
    text = catalogue().ugettext(string)
    return text % variables if variables else text


def lazy_gettext(string: str, **variables) -> LazyString:
    """flask_babel's lazy_gettext, translated through `catalogue`."""
    return LazyString(gettext, string, **variables)


@pass_context
def _page_gettext(context, string: str, **variables) -> str:
    """Jinja's newstyle gettext in one call instead of three (its `_` looks `gettext` up in
    the context and calls it through the context, which calls the function): the same text,
    escaped the same way, and formatted only when there is something to format."""
    text = catalogue().ugettext(string)
    if context.eval_ctx.autoescape:
        text = Markup(text)  # noqa: S704 - our catalogue's text, as Jinja's own gettext treats it
    return text % variables if variables or "%" in text else text


def install_gettext(app: Flask) -> None:
    """The templates' `_`, `ngettext` and friends through the fast path (in place of the
    ones flask_babel installs)."""
    app.extensions[CATALOGUES] = {}
    app.jinja_env.install_gettext_callables(
        gettext=lambda s: catalogue().ugettext(s),
        ngettext=lambda s, p, n: catalogue().ungettext(s, p, n),
        newstyle=True,
        pgettext=lambda c, s: catalogue().upgettext(c, s),
        npgettext=lambda c, s, p, n: catalogue().unpgettext(c, s, p, n),
    )
    # `_` and `gettext` (a {% trans %} block's) in one call; the plural and context forms as Jinja wraps them.
    app.jinja_env.globals.update(_=_page_gettext, gettext=_page_gettext)
