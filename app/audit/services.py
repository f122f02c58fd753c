"""Reading the audit log: newest first, in pages, within a period (the last 30 days unless
the admin chooses another), so that the count stays a range scan of the time index."""

from datetime import date, datetime, time, timedelta

import sqlalchemy as sa
from flask import current_app

from app.accounts.models import User
from app.core.audit import AuditEntry
from app.core.pagination import Page, paginate
from app.core.text import contains_pattern
from app.core.timezone import from_local, local_today
from app.extensions import db

DEFAULT_DAYS = 30


def period(start: date | None, end: date | None) -> tuple[date, date]:
    end = end or local_today()
    return start or end - timedelta(days=DEFAULT_DAYS - 1), end


def entries(filters: dict, start: date, end: date, page: int) -> Page:
    """The entries that fit every filter given (wie, soort, nummer, resultaat), newest first."""
    query = (
        sa.select(AuditEntry)
        .where(
            AuditEntry.at >= from_local(datetime.combine(start, time.min)),
            AuditEntry.at < from_local(datetime.combine(end + timedelta(days=1), time.min)),
        )
        .order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
    )
    if who := filters.get("wie"):
        pattern = contains_pattern(who.lower())
        people = sa.select(User.id).where(
            sa.or_(sa.func.lower(User.name).like(pattern, escape="\\"), User.email.like(pattern, escape="\\"))
        )
        query = query.where(AuditEntry.actor_id.in_(people))
    for name, column in (
        ("soort", AuditEntry.object_type),
        ("nummer", AuditEntry.object_id),
        ("resultaat", AuditEntry.result),
    ):
        if (value := filters.get(name)) is not None:
            query = query.where(column == value)
    return paginate(query, page, current_app.config["PAGE_SIZE"])


def actor_names(page: Page) -> dict[int, str]:
    """The names of the page's actors, in one statement (an entry of a deleted account has none)."""
    ids = {entry.actor_id for entry in page.items if entry.actor_id}
    return {row.id: row.name for row in db.session.execute(sa.select(User.id, User.name).where(User.id.in_(ids)))}
