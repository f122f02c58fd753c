"""Background jobs (`flask outbox send`, `reminders`, `teams mark-dormant`, `privacy purge`).

They may be started on every machine at once (a CronJob per replica, a crontab on each
server): `periodic` lets one run at a time do the work, under a PostgreSQL advisory lock on a
connection of its own, and the others stop at once, successfully. Each success is recorded
(`JobRun`), so the metrics show when a job last did its work.

Within a run, jobs work item by item, each item in its own savepoint (`each_item`): an item
that fails rolls back only its own work, is logged and counted, and the others' work stays to
be committed. The failed item is tried again on the next run."""

import contextlib
import functools
import hashlib
import time
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from typing import TypeVar

import click
import sqlalchemy as sa
from flask import current_app, g
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Mapped, mapped_column

from app.core.models import Base, UTCDateTime, utcnow
from app.extensions import db

Item = TypeVar("Item")
Result = TypeVar("Result")


class JobRun(Base):
    """The last successful run of a periodic job."""

    __tablename__ = "job_run"

    name: Mapped[str] = mapped_column(sa.String(60), primary_key=True)
    last_success_at: Mapped[datetime] = mapped_column(UTCDateTime)
    duration_ms: Mapped[int]


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


def periodic(name: str) -> Callable[[Callable], Callable]:
    """For a job's command: run it only while no other process runs it, and record its
    success. A run that raises (its command exits with an error) is no success."""

    def decorate(command: Callable) -> Callable:
        @functools.wraps(command)
        def run(*args, **kwargs):
            with exclusive(name) as ours:
                if not ours:
                    click.echo(f"{name}: another run is busy; this one stops")
                    return
                started = time.monotonic()
                command(*args, **kwargs)
                _record_success(name, time.monotonic() - started)

        return run

    return decorate


@contextlib.contextmanager
def exclusive(name: str) -> Iterator[bool]:
    """Holds the advisory lock of `name` while the block runs, if no other process holds it
    (yields whether it got it). The lock lives on a connection of its own in autocommit, so
    it spans the job's commits without keeping a transaction open, and it goes with the
    connection if the process dies. Needs a direct (or session-pooled) connection: a pooler
    in transaction mode would hand the lock to someone else."""
    key = lock_key(name)
    with db.engine.connect() as connection:
        connection.execution_options(isolation_level="AUTOCOMMIT")
        ours = connection.scalar(sa.select(sa.func.pg_try_advisory_lock(key)))
        try:
            yield ours
        finally:
            if ours:
                connection.scalar(sa.select(sa.func.pg_advisory_unlock(key)))


def lock_key(name: str) -> int:
    """A 64-bit key for PostgreSQL's advisory locks, the same in every process."""
    return int.from_bytes(hashlib.sha256(f"buurtmakers job: {name}".encode()).digest()[:8], "big", signed=True)


def _record_success(name: str, seconds: float) -> None:
    values = {"last_success_at": utcnow(), "duration_ms": round(seconds * 1000)}
    upsert = insert(JobRun).values(name=name, **values)
    db.session.execute(upsert.on_conflict_do_update(index_elements=[JobRun.name], set_=values))
    db.session.commit()


def last_successes() -> dict[str, datetime]:
    """When each periodic job last finished without error (UTC), by job name ("outbox send")."""
    return dict(db.session.execute(sa.select(JobRun.name, JobRun.last_success_at)).all())
