"""Row locks for check-then-act: a service that checks a rule on a row and then writes what
follows from it takes the row's lock first and reads the row again, so two requests at the
same moment check one after the other, each on what the other left (READ COMMITTED lets
the second read the first one's commit).

The lock is FOR NO KEY UPDATE: it waits for other writers of the row, but not for requests
that add or remove rows pointing at it (their foreign key takes a key-share lock). A
request that inserted such a row and then changes this one (a new activity touching its
team) would otherwise wait for a lock holder that waits for it: a deadlock."""

from typing import TypeVar

import sqlalchemy as sa

from app.core.errors import Gone
from app.core.request_cache import forget_all
from app.extensions import db

Row = TypeVar("Row")


def locked(obj: Row, *options, keep: bool = False) -> Row:
    """Take `obj`'s row lock until the commit and read it (with `options`, e.g. a collection
    to load) as it is now; Gone when another request deleted it meanwhile. With `keep`, a
    key-share lock only: the row cannot be deleted until the commit, while others may lock
    and change it (what a new row that points at it needs)."""
    model, state = type(obj), sa.inspect(obj)
    key = zip(state.mapper.primary_key, state.identity, strict=True)
    query = sa.select(model).where(*(column == value for column, value in key)).options(*options)
    found = db.session.execute(for_change(query, of=model, keep=keep)).scalar_one_or_none()
    forget_all()  # what the rules read before the lock is read again under it
    if found is None:
        raise Gone()
    return found


def for_change(query: sa.Select, of=None, keep: bool = False) -> sa.Select:
    """`query` taking the lock `locked` takes on the rows it finds (of `of` only, when it
    joins others), and reading them as they are now, also those the session held before."""
    return query.with_for_update(of=of, key_share=True, read=keep).execution_options(populate_existing=True)
