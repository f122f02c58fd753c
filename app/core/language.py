"""What residents and the seeds wrote (team texts, activities, the method templates) is
Dutch, also on a page in the English interface. Marked so, a screen reader reads it with
Dutch pronunciation instead of English (WCAG 3.1.2)."""

from markupsafe import Markup, escape

from app.core.i18n import page_locale


def in_dutch(text) -> Markup:
    """The text, escaped; wrapped in lang="nl" when the page is in another language. For
    element content only: an attribute or the <title> takes the plain text."""
    if not text or page_locale().language == "nl":
        return escape(text if text is not None else "")
    return Markup('<span lang="nl">{}</span>').format(text)
