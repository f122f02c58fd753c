"""Query parameters, parsed once the same way everywhere: a value that cannot be right
falls back to the default instead of reaching the database."""

from flask import request

MAX_PAGE = 10_000
MAX_TEXT = 200


def page_arg(name: str = "pagina") -> int:
    """The page number: 1 for anything that is not a plain number from 1 to MAX_PAGE
    ('²' is a digit to Python but no number)."""
    value = request.args.get(name, "")
    if not (value.isascii() and value.isdigit()) or len(value) > len(str(MAX_PAGE)):
        return 1
    return min(max(int(value), 1), MAX_PAGE)


def text_arg(name: str, default: str = "") -> str:
    return request.args.get(name, default).strip()[:MAX_TEXT]
