"""The public impact page: per neighbourhood the teams, the activities that took place, their
participants and the money awarded to teams; and the newest stories teams made public, with
the photos whose people agreed. Team names at most, never a person.

The figures are read from neighbourhood_figures, which triggers keep in the transaction of
every write (reports.models): a page of neighbourhoods and one sum over the kept rows,
instead of adding up every team, activity and ledger entry on each request. Constant
statements."""

from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import contains_eager

from app.core.pagination import Page, paginate
from app.evaluations.services import PublicStoryOf, public_stories
from app.extensions import db
from app.places.models import Municipality, Neighbourhood
from app.reports.models import NeighbourhoodFigures

STORIES = 6
HOODS_PER_PAGE = 50  # cards of neighbourhoods per page


@dataclass(frozen=True)
class HoodImpact:
    name: str
    teams: int = 0
    activities: int = 0
    participants: int = 0
    awarded: int = 0  # cents


@dataclass(frozen=True)
class Impact:
    hoods: Page  # of HoodImpact
    total: HoodImpact
    stories: list[PublicStoryOf]


FIGURES = (
    NeighbourhoodFigures.teams,
    NeighbourhoodFigures.activities,
    NeighbourhoodFigures.participants,
    NeighbourhoodFigures.awarded_cents,
)
# A neighbourhood with nothing to show is left out.
SOMETHING = sa.or_(*(figure != 0 for figure in FIGURES))


def _hoods(page: int, total: int) -> Page:
    query = (
        sa.select(NeighbourhoodFigures)
        .join(NeighbourhoodFigures.neighbourhood)
        .join(Neighbourhood.municipality)
        .options(contains_eager(NeighbourhoodFigures.neighbourhood).contains_eager(Neighbourhood.municipality))
        .where(SOMETHING)
        .order_by(Municipality.name_key, Neighbourhood.name_key, Neighbourhood.id)
    )
    result = paginate(query, page, HOODS_PER_PAGE, known_total=total)
    result.items = [
        HoodImpact(
            f"{row.neighbourhood.name} ({row.neighbourhood.municipality.name})",
            row.teams,
            row.activities,
            row.participants,
            row.awarded_cents,
        )
        for row in result.items
    ]
    return result


def impact(page: int) -> Impact:
    # The sums and the number of neighbourhoods with something to show, in one reading.
    sums = (sa.func.coalesce(sa.func.sum(figure), 0) for figure in FIGURES)
    *total, hoods = db.session.execute(sa.select(*sums, sa.func.count().filter(SOMETHING))).one()
    return Impact(_hoods(page, hoods), HoodImpact("", *(int(value) for value in total)), public_stories(STORIES))
