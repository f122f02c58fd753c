"""Pagination with a fixed number of statements per page whatever the table size.

`paginate` counts and takes a slice by page number: fine while pages stay shallow; with
`at_most` it stops counting past that many rows (a long agenda says "more than 1,000"), so
the count costs no more than reading that many index entries. `keyset`
continues after (or before) a row by its sort key, so a deep page reads its own rows from an
index instead of skipping every row before it."""

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from flask import request

from app.core.params import page_arg
from app.extensions import db

MAX_ID_DIGITS = 18  # beyond a BIGINT: no row has it


@dataclass
class Page:
    items: list[Any]
    page: int
    per_page: int
    total: int
    capped: bool = False  # there are more than `total` rows: counting stopped there

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.per_page))

    @property
    def has_prev(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages or self.capped

    # The query arguments of the links to the pages around this one (see _macros/pagination).
    @property
    def prev_args(self) -> dict:
        # From a page past the end (an old link, rows gone since) straight back to the last one.
        return {"pagina": min(self.page - 1, self.pages)}

    @property
    def next_args(self) -> dict:
        return {"pagina": self.page + 1}


def paginate(
    query: sa.Select, page: int, per_page: int, at_most: int | None = None, known_total: int | None = None
) -> Page:
    """A page by number. With `at_most`, rows are counted up to that many or up to the end of
    this page, whichever is further; `capped` says there are more. With `known_total` (what
    the database keeps), they are not counted."""
    page = max(1, page)
    limit = None if at_most is None else max(at_most, page * per_page)
    total = known_total
    if total is None:
        counted = query.order_by(None) if limit is None else query.order_by(None).limit(limit + 1)
        total = db.session.scalar(sa.select(sa.func.count()).select_from(counted.subquery())) or 0
    items = db.session.scalars(query.limit(per_page).offset((page - 1) * per_page)).all()
    capped = limit is not None and total > limit
    return Page(items=list(items), page=page, per_page=per_page, total=min(total, limit or total), capped=capped)


@dataclass
class Cursor:
    """Where a keyset page starts: after or before the row with this id, or (for old links
    and the first page) at a page number."""

    after: int | None = None
    before: int | None = None
    page: int = 1


@dataclass
class Keyset(Page):
    """A page that links to its neighbours by the id of its first and last row. `position`
    is the number of rows before it, so it still says which page of how many it is."""

    position: int = 0
    first_id: int | None = field(default=None)
    last_id: int | None = field(default=None)

    @property
    def has_prev(self) -> bool:
        return self.position > 0

    @property
    def has_next(self) -> bool:
        return self.position + len(self.items) < self.total

    @property
    def prev_args(self) -> dict:
        return {"voor": self.first_id, "na": None, "pagina": None}

    @property
    def next_args(self) -> dict:
        return {"na": self.last_id, "voor": None, "pagina": None}


def cursor_arg() -> Cursor:
    """The cursor of a keyset page from `?na=` or `?voor=` (a row id), else `?pagina=`; a
    value that is no plain number counts as absent."""

    def row_id(name: str) -> int | None:
        value = request.args.get(name, "")
        return int(value) if value.isascii() and value.isdigit() and len(value) <= MAX_ID_DIGITS else None

    return Cursor(after=row_id("na"), before=row_id("voor"), page=page_arg())


def keyset(
    query: sa.Select, key: tuple, entity, cursor: Cursor, per_page: int, known_total: Callable[[], int] | None = None
) -> Keyset:
    """`query` ordered by `key`, a tuple of columns of `entity` ending in its (unique) id.
    Three statements: the key of the cursor's row, the counts (all, and before the page), and
    the rows. With an index on the key both counts and the rows are index range scans.
    `known_total` gives the number of all rows on a first page where the database keeps it
    (a count of thousands of rows per request is what it saves)."""
    base = query.order_by(None)
    row_key = sa.tuple_(*key)
    pivot = None
    if cursor.after is not None or cursor.before is not None:
        row_id = cursor.after if cursor.after is not None else cursor.before
        pivot = db.session.execute(sa.select(*key).where(entity.id == row_id)).first()
    if pivot is None:
        offset = (max(1, cursor.page) - 1) * per_page
        # The rows skipped are read from the key's index only; then the page's rows by id.
        ids = base.with_only_columns(entity.id).order_by(*key).offset(offset).limit(per_page)
        rows = base.where(entity.id.in_(ids.scalar_subquery())).order_by(*key)
        if known_total is None:
            total = db.session.scalar(sa.select(sa.func.count()).select_from(base.subquery()))
        else:
            total = known_total()
        before_page = min(offset, total or 0)
    elif cursor.after is not None:
        rows = base.where(row_key > sa.tuple_(*pivot)).order_by(*key).limit(per_page)
        total, before_page = _counts(base, row_key <= sa.tuple_(*pivot))
    else:
        rows = base.where(row_key < sa.tuple_(*pivot)).order_by(*(column.desc() for column in key)).limit(per_page)
        total, before_page = _counts(base, row_key < sa.tuple_(*pivot))
    items = list(db.session.scalars(rows))
    if pivot is not None and cursor.after is None:
        items.reverse()
        before_page = max(0, before_page - len(items))
    return Keyset(
        items=items,
        page=before_page // per_page + 1,
        per_page=per_page,
        total=total or 0,
        position=before_page,
        first_id=items[0].id if items else None,
        last_id=items[-1].id if items else None,
    )


def _counts(base: sa.Select, before: sa.ColumnElement) -> tuple[int, int]:
    """All rows, and the rows before the page, in one statement; two counts rather than one
    with a CASE, so the second is a range scan of the key's index."""

    def count(query: sa.Select) -> sa.ScalarSelect:
        return query.with_only_columns(sa.func.count(), maintain_column_froms=True).scalar_subquery()

    total, before_page = db.session.execute(sa.select(count(base), count(base.where(before)))).one()
    return total, before_page
