"""Times are stored in UTC and entered and shown in the municipality's time zone
(Europe/Amsterdam), summer time included."""

from datetime import UTC, date, datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

from babel import Locale
from babel.dates import format_date
from flask import current_app

from app.core.i18n import page_locale


def local_zone() -> ZoneInfo:
    return ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])


def from_local(value: datetime | None) -> datetime | None:
    """A time as a resident typed it (no zone) as an aware UTC time."""
    return value.replace(tzinfo=local_zone()).astimezone(UTC) if value is not None else None


def to_local(value: datetime | None) -> datetime | None:
    """A stored time as the resident reads and edits it (no zone)."""
    return value.astimezone(local_zone()).replace(tzinfo=None) if value is not None else None


def local_today() -> date:
    """Today as residents count days: application windows and deadlines are local dates."""
    return datetime.now(local_zone()).date()


# Dates people may enter: far enough back for what happened, far enough ahead for any plan,
# and near enough that time zones and date arithmetic never run out of years.
FIRST_YEAR = 2000
YEARS_AHEAD = 10


def date_window() -> tuple[date, date]:
    """The first and the last day a date may be."""
    return date(FIRST_YEAR, 1, 1), date(local_today().year + YEARS_AHEAD, 12, 31)


def day_text(value: date | datetime | None, pattern: str) -> str:
    """A day in the page's language ("3 maart 2026"), as flask_babel's format_date writes it
    (a time counts on its local day). A list's rows share a few days, and babel spends far
    more on one than the lookup does: each (day, pattern, locale) is formatted once."""
    if not value:
        return ""
    if isinstance(value, datetime):
        value = to_local(value).date()
    return _formatted_day(value, pattern, page_locale())


@lru_cache(maxsize=4096)
def _formatted_day(value: date, pattern: str, locale: Locale) -> str:
    return format_date(value, pattern, locale=locale)
