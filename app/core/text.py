"""Search text: lower case without accents, so 'Buurtcafé' is found by 'buurtcafe'. The
folding is Python's, for stored keys and typed queries alike (PostgreSQL's unaccent is not
immutable, so an index cannot be built on it directly)."""

import re
import unicodedata

# Unicode's Default_Ignorable_Code_Point set (DerivedCoreProperties.txt), whole: what a
# screen shows as nothing (zero-width space and joiners, word joiner, byte order mark, soft
# hyphen, variation selectors, tags, Hangul fillers, ...), with the ranges Unicode keeps for
# future ones. "Samen" with one of these in it looks like "Samen", so it folds to it.
DEFAULT_IGNORABLE = re.compile(
    "[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e"
    "\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufff8\U0001bca0-\U0001bca3"
    "\U0001d173-\U0001d17a\U000e0000-\U000e0fff]"
)


def fold(text: str) -> str:
    decomposed = DEFAULT_IGNORABLE.sub("", unicodedata.normalize("NFKD", text or ""))
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
    'ÖZ  Team', 'öz team', 'Oz Team' and 'Oz Team' with a zero-width space are one name."""
    return " ".join(fold(name).split())
