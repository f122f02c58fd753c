"""Money is integer euro cents everywhere; people read and type it the Dutch way."""

import re

# 1250 | 1250,5 | 1.250,00 | 12.50 | € 12 — Dutch thousands dots and decimal comma first.
_DUTCH = re.compile(r"^(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d{1,2}))?$")
_POINT = re.compile(r"^(\d+)(?:\.(\d{1,2}))?$")
MAX_CENTS = 100_000_000_00  # a hundred million euro: far above any neighbourhood fund


def euros(cents: int | None) -> str:
    """€ 1.250,00"""
    if cents is None:
        return ""
    sign = "-" if cents < 0 else ""
    whole, part = divmod(abs(cents), 100)
    return f"€ {sign}{whole:,}".replace(",", ".") + f",{part:02d}"


def parse_cents(text: str) -> int | None:
    """The amount typed, in cents; None when it is not an amount of money."""
    text = text.strip().removeprefix("€").replace(" ", "").replace("\u00a0", "")
    match = _DUTCH.match(text) or _POINT.match(text)
    if not match:
        return None
    whole, part = match.group(1).replace(".", ""), (match.group(2) or "").ljust(2, "0")
    cents = int(whole) * 100 + int(part)
    return cents if cents <= MAX_CENTS else None
