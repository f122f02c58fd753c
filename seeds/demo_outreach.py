"""The demo's outreach (`flask seed demo`): in the first demo neighbourhood a flat and a street
where a coordinator went door to door over the last months. The flat now has enough willing
residents for a first resident meeting (the hint shows); the street held one and sits in
the 5–8 % band. Built through the services; an area that exists is left as it is."""

from datetime import timedelta

import sqlalchemy as sa

from app.accounts.models import User
from app.core.timezone import local_today
from app.extensions import db
from app.outreach import services as outreach
from app.outreach.models import FIGURES, AreaKind, OutreachArea
from app.places.models import Neighbourhood

# Per area: days ago, then doors, conversations, house visits, meetings, attendance, willing.
ROUNDS = {
    ("Flat Zonnehof", AreaKind.FLAT, 180): [
        (150, 60, 22, 0, 0, 0, 1),
        (118, 70, 25, 2, 0, 0, 2),
        (85, 45, 18, 3, 0, 0, 2),
        (50, 55, 20, 2, 0, 0, 1),
        (20, 40, 16, 4, 0, 0, 2),
        (6, 30, 12, 2, 0, 0, 1),
    ],
    ("Esdoornstraat", AreaKind.STREET, 64): [
        (140, 64, 30, 1, 0, 0, 1),
        (100, 40, 19, 3, 0, 0, 2),
        (65, 20, 9, 2, 1, 11, 1),
        (25, 15, 7, 1, 1, 9, 1),
    ],
}


def build(coordinator: User, neighbourhoods: list[Neighbourhood]) -> None:
    hood, today = neighbourhoods[0], local_today()
    for (name, kind, homes), rounds in ROUNDS.items():
        exists = db.session.scalar(
            sa.select(OutreachArea.id).where(OutreachArea.neighbourhood_id == hood.id, OutreachArea.name == name)
        )
        if exists is not None:
            continue
        area = outreach.add_area(coordinator, hood, name, kind, homes)
        for days_ago, *figures in rounds:
            outreach.record_round(
                coordinator, area, today - timedelta(days=days_ago), dict(zip(FIGURES, figures, strict=True))
            )
