"""The interface's language, and Dutch content in it.

The language is a cookie of its own (LANGUAGE_COOKIE), set by a link (main.set_language):
not the session, which a visitor who only reads never gets. Pages differ by it, so a shared
cache keys them on it (`Vary: Cookie`, and the README's proxy key).

What residents and the seeds wrote (team texts, activities, the method templates) is
Dutch, also on a page in the English interface. Marked so, a screen reader reads it with
Dutch pronunciation instead of English (WCAG 3.1.2)."""

from functools import cache

from babel import Locale
from flask import current_app, request
from markupsafe import Markup, escape

from app.core.i18n import page_locale

LANGUAGE_COOKIE = "taal"
DEFAULT = "nl"
YEAR = 365 * 24 * 3600


def chosen_language() -> str:
    return language_in(request.cookies) if request else DEFAULT


def language_in(cookies) -> str:
    """The language of the cookie when it is one we have, else Dutch."""
    chosen = cookies.get(LANGUAGE_COOKIE, DEFAULT)
    return chosen if chosen in current_app.config["LANGUAGES"] else DEFAULT


def chosen_locale() -> Locale:
    """chosen_language() for Flask-Babel, which takes a Locale as it is and parses a name."""
    return _locale(chosen_language())


@cache
def _locale(code: str) -> Locale:
    """Parsed once per language, not on every request."""
    return Locale.parse(code)


def remember_language(response, code: str) -> None:
    config = current_app.config
    response.set_cookie(
        LANGUAGE_COOKIE,
        code,
        max_age=YEAR,
        secure=config["SESSION_COOKIE_SECURE"],
        httponly=True,
        samesite="Lax",
    )


def in_dutch(text) -> Markup:
    """The text, escaped; wrapped in lang="nl" when the page is in another language. For
    element content only: an attribute or the <title> takes the plain text."""
    if not text or page_locale().language == "nl":
        return escape(text if text is not None else "")
    return Markup('<span lang="nl">{}</span>').format(text)
