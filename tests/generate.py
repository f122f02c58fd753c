"""Many rows at once with bulk SQL, for statement-count tests and `make bench`: teams that
look like the ones residents make, without going through the services one by one."""

import itertools

import sqlalchemy as sa

from app.core.models import utcnow
from app.extensions import db
from app.teams.models import Team

_batch = itertools.count(1)


def bulk_teams(hood_id: int, count: int, **values) -> list[int]:
    """`count` teams in the neighbourhood (active, just active unless `values` say otherwise);
    returns their ids."""
    now, batch = utcnow(), next(_batch)
    rows = [
        dict(
            neighbourhood_id=hood_id,
            name=f"Bulkteam {batch}-{n:05d}",
            name_key=f"bulkteam {batch}-{n:05d}",
            kind="buurtteam",
            area=f"Straat {n}",
            themes=["ontmoeting"],
            question="Meer contact",
            description="",
            search_text=f"bulkteam {batch}-{n:05d} straat {n}",
            status="active",
            last_activity_at=now,
            created_at=now,
        )
        | values
        for n in range(count)
    ]
    db.session.execute(sa.insert(Team), rows)
    return list(db.session.scalars(sa.select(Team.id).where(Team.name.like(f"Bulkteam {batch}-%")).order_by(Team.id)))
