"""Background jobs (`flask reminders`) work item by item, each item in its own savepoint:
an item that fails rolls back only its own work, is logged and counted, and the others'
work stays to be committed. The failed item is tried again on the next run."""

from collections.abc import Callable, Iterable
from typing import TypeVar

from flask import current_app, g

from app.extensions import db

Item = TypeVar("Item")
Result = TypeVar("Result")


def each_item(items: Iterable[Item], work: Callable[[Item], Result], job: str) -> list[Result]:
    """Do `work` for every item in a savepoint of its own; returns what it returned for the
    items that did not fail."""
    results = []
    for item in items:
        try:
            with db.session.begin_nested():
                results.append(work(item))
        except Exception:
            current_app.logger.exception("%s: an item failed; the others go on", job)
            g.failed_items = failed_items() + 1
    return results


def failed_items() -> int:
    """How many items failed in this run of a command (its app context)."""
    return g.get("failed_items", 0)
