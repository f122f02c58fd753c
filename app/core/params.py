"""Query parameters, parsed once the same way everywhere: a value that cannot be right
falls back to the default instead of reaching the database."""

import re
from datetime import date

from flask import request

MAX_PAGE = 10_000
MAX_TEXT = 200
MONTH = re.compile(r"^(\d{4})-(\d{2})$")
DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# Far enough for any plan, near enough that date arithmetic never overflows.
FIRST_YEAR, LAST_YEAR = 2000, 2999


def page_arg(name: str = "pagina") -> int:
    """The page number: 1 for anything that is not a plain number from 1 to MAX_PAGE
    ('²' is a digit to Python but no number)."""
    value = request.args.get(name, "")
    if not (value.isascii() and value.isdigit()) or len(value) > len(str(MAX_PAGE)):
        return 1
    return min(max(int(value), 1), MAX_PAGE)


def text_arg(name: str, default: str = "") -> str:
    return request.args.get(name, default).strip()[:MAX_TEXT]


def parse_month(value: str) -> tuple[int, int] | None:
    """'2026-12' as (2026, 12); None for anything else."""
    match = MONTH.match(value)
    if not match:
        return None
    year, month = int(match.group(1)), int(match.group(2))
    return (year, month) if FIRST_YEAR <= year <= LAST_YEAR and 1 <= month <= 12 else None


def parse_day(value: str) -> date | None:
    """'2026-12-05' as a date; None for anything else (Python would also take '20261205')."""
    if not DAY.match(value):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None
