"""Small builders for outreach tests: an area and its visit rounds, written straight to the
database (the services are tested on their own)."""

from datetime import date

import sqlalchemy as sa

from app.extensions import db
from app.outreach.models import FIGURES, AreaKind, OutreachArea, OutreachRecord


def make_area(neighbourhood, name: str = "Esdoornstraat", homes: int | None = 100, kind=AreaKind.STREET):
    area = OutreachArea(neighbourhood_id=neighbourhood.id, name=name, kind=kind, homes=homes)
    db.session.add(area)
    db.session.flush()
    return area


def make_record(area, on: date, willing: int = 0, recorded_by=None, **figures) -> OutreachRecord:
    values = dict.fromkeys(FIGURES, 0) | {"doors_visited": 20, "conversations": 8} | figures
    values["willing_to_act"] = willing
    entry = OutreachRecord(
        area_id=area.id, visited_on=on, recorded_by_id=recorded_by.id if recorded_by else None, **values
    )
    db.session.add(entry)
    db.session.flush()
    return entry


def bulk_records(area, count: int, on: date, recorded_by=None) -> None:
    """Many rounds at once (for statement counts), one willing resident each."""
    rows = [
        {name: 0 for name in FIGURES}
        | {"area_id": area.id, "visited_on": on, "doors_visited": 5, "willing_to_act": 1}
        | {"recorded_by_id": recorded_by.id if recorded_by else None}
        for _ in range(count)
    ]
    db.session.execute(sa.insert(OutreachRecord), rows)
