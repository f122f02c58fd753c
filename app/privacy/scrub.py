"""Taking an erased person's name and address out of the free texts of others' records, as
the registry lists them: the e-mail address and the full name in every scrubbed column, and
in the rows that are about the person (Erase.SCRUB keys: a message telling others "Fenna wil
meedoen") the first name too, as such texts name them by it.

Matching ignores case and takes whole words only ("Bas" is not the start of "Basisschool").
The rows that may hold a needle are found in the database and changed one by one, through
statements the page cache sees (core.cache bumps the table), so a cached page that showed
the name is not served again."""

import json
import re
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa

from app.core.text import fold
from app.extensions import db
from app.privacy.registry import REGISTRY, Erase

# (text, replacement), applied in this order: an address before the name in it, a full name
# before its first name.
Replacements = Sequence[tuple[str, str]]
# A needle everywhere must be longer: a short name is a word in other people's texts as often
# as it is this person. In a row about the person a short first name is safe to replace.
SHORTEST_EVERYWHERE = 3
SHORTEST_ABOUT = 2


def scrub(user_id: int, everywhere: Replacements, about_them: Replacements) -> None:
    """Replace `everywhere` in every scrubbed column, and `about_them` in the rows about the
    person (after `everywhere`, so a full name goes whole)."""
    everywhere = _usable(everywhere, SHORTEST_EVERYWHERE)
    about_them = _usable(about_them, SHORTEST_ABOUT)
    for table in REGISTRY:
        columns = db.metadata.tables[table.name].c
        for name in table.scrub:
            _scrub_column(columns[name], everywhere)
        for name in table.folded:
            _scrub_column(columns[name], [(fold(old), fold(new)) for old, new in everywhere])
        about = [columns[key.column] == user_id for key in table.keys if key.erase == Erase.SCRUB]
        if about:
            for name in table.scrub:
                _scrub_column(columns[name], about_them, sa.or_(*about))


def replace_in(value: Any, replacements: Replacements) -> Any:
    """`value` (a text, or JSON of texts) with each needle replaced."""
    if isinstance(value, str):
        for old, new in replacements:
            if old.strip():
                value = _pattern(old.strip()).sub(lambda _match, new=new: new, value)
        return value
    if isinstance(value, dict):
        return {key: replace_in(item, replacements) for key, item in value.items()}
    if isinstance(value, list):
        return [replace_in(item, replacements) for item in value]
    return value


def _usable(replacements: Replacements, shortest: int) -> list[tuple[str, str]]:
    return [(old.strip(), new) for old, new in replacements if len(old.strip()) >= shortest]


def _pattern(text: str) -> re.Pattern:
    start = r"(?<!\w)" if re.match(r"\w", text) else ""
    end = r"(?!\w)" if re.search(r"\w$", text) else ""
    return re.compile(start + re.escape(text) + end, re.IGNORECASE)


def _scrub_column(column: sa.Column, replacements: Replacements, where: sa.ColumnElement[bool] | None = None) -> None:
    if not replacements:
        return
    is_json = isinstance(column.type, sa.JSON)
    # JSON is stored as text with non-ASCII escaped (ö as \u00f6): look for that form.
    forms = {json.dumps(old)[1:-1] if is_json else old for old, _new in replacements}
    text = sa.cast(column, sa.Text) if is_json else column
    found = sa.or_(*(text.icontains(form, autoescape=True) for form in forms))
    table, key = column.table, list(column.table.primary_key.columns)
    query = sa.select(*key, column).where(found)
    rows = db.session.execute(query if where is None else query.where(where)).all()
    length = None if is_json else column.type.length
    for *ids, value in rows:
        changed = replace_in(value, replacements)
        if isinstance(changed, str) and length:
            changed = changed[:length]
        if changed != value:
            at = sa.and_(*(part == id_ for part, id_ in zip(key, ids, strict=True)))
            db.session.execute(sa.update(table).where(at).values({column.name: changed}))
