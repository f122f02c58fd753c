"""Search text: lower case without accents, so 'Buurtcafé' is found by 'buurtcafe'
the same way on SQLite and PostgreSQL (we store the folded text; no DB extension needed)."""

import unicodedata


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def like_pattern(term: str) -> str:
    escaped = fold(term).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"
