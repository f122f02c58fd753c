"""Search text: lower case without accents, so 'Buurtcafé' is found by 'buurtcafe'. The
folding is Python's, for stored keys and typed queries alike (PostgreSQL's unaccent is not
immutable, so an index cannot be built on it directly)."""

import unicodedata


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _escaped(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def contains_pattern(text: str) -> str:
    """A LIKE pattern (escape character backslash) that finds `text` anywhere."""
    return f"%{_escaped(text)}%"


def prefix_pattern(text: str) -> str:
    """A LIKE pattern (escape character backslash) that finds what starts with `text`: unlike
    one for anywhere, an index on the column can serve it."""
    return f"{_escaped(text)}%"


def like_pattern(term: str) -> str:
    return contains_pattern(fold(term))


def name_key(name: str) -> str:
    """The form of a name that uniqueness is checked on, the same on every database:
    'ÖZ  Team', 'öz team' and 'Oz Team' are one name."""
    return " ".join(fold(name).split())
