"""Public activities for the agenda's tests, straight into the database (as the activity
services leave them once planned)."""

from datetime import datetime, timedelta

import sqlalchemy as sa

from app.activities.models import Activity, ActivityKind, ActivityStatus
from app.core.models import utcnow
from app.extensions import db

NEXT_WEEK = object()


def make_public_activity(team, title: str = "Burendag", starts_at: datetime | None = NEXT_WEEK, **fields) -> Activity:
    activity = Activity(
        team_id=team.id,
        title=title,
        description=fields.pop("description", "Koffie en taart in de binnentuin."),
        kind=fields.pop("kind", ActivityKind.PARTY),
        starts_at=utcnow().replace(microsecond=0) + timedelta(days=7) if starts_at is NEXT_WEEK else starts_at,
        location=fields.pop("location", "Binnentuin Pruimengaarde"),
        is_public=fields.pop("is_public", True),
        status=fields.pop("status", ActivityStatus.PLANNED),
        **fields,
    )
    db.session.add(activity)
    db.session.flush()
    return activity


def bulk_public_activities(team, total: int, start: datetime) -> None:
    """`total` public activities, one an hour from `start`, in one statement."""
    now = utcnow()
    db.session.execute(
        sa.insert(Activity),
        [
            dict(
                team_id=team.id,
                title=f"Activiteit {n}",
                description="",
                kind="party",
                starts_at=start + timedelta(hours=n),
                location="Buurthuis",
                is_public=True,
                status="planned",
                cancel_reason="",
                sequence=0,
                created_at=now,
                updated_at=now,
            )
            for n in range(total)
        ],
    )
