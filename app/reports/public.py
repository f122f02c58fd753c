"""The public impact page: per neighbourhood the teams, the activities that took place, their
participants and the money awarded to teams; and the newest stories teams made public, with
the photos whose people agreed. Team names at most, never a person. Constant statements."""

from dataclasses import dataclass

import sqlalchemy as sa

from app.evaluations.services import PublicStoryOf, public_stories
from app.extensions import db
from app.money import ledger
from app.places.services import neighbourhood_choices
from app.reports.queries import activity_figures, fund_neighbourhoods
from app.teams.models import Team, TeamStatus

STORIES = 6


@dataclass(frozen=True)
class HoodImpact:
    name: str
    teams: int = 0
    activities: int = 0
    participants: int = 0
    awarded: int = 0  # cents

    @property
    def is_empty(self) -> bool:
        return not (self.teams or self.activities or self.participants or self.awarded)


@dataclass(frozen=True)
class Impact:
    hoods: list[HoodImpact]
    total: HoodImpact
    stories: list[PublicStoryOf]


def _teams(ids: list[int]) -> dict[int, int]:
    rows = db.session.execute(
        sa.select(Team.neighbourhood_id, sa.func.count(Team.id))
        .where(Team.neighbourhood_id.in_(ids), Team.status != TeamStatus.ARCHIVED)
        .group_by(Team.neighbourhood_id)
    )
    return {hood_id: int(count) for hood_id, count in rows}


def _awarded(ids: list[int]) -> dict[int, int]:
    """What the funds of each neighbourhood gave teams: as the public fund page counts it."""
    funds = fund_neighbourhoods(ids)
    awarded = dict.fromkeys(ids, 0)
    for fund_id, balances in ledger.balances_of(list(funds)).items():
        awarded[funds[fund_id]] += balances.awarded
    return awarded


def impact() -> Impact:
    hoods = neighbourhood_choices()
    ids = [hood_id for hood_id, _label in hoods]
    teams, activities, awarded = _teams(ids), activity_figures(ids, None, None), _awarded(ids)
    rows = [
        HoodImpact(
            label,
            teams.get(hood_id, 0),
            activities[hood_id].happened,
            activities[hood_id].participants,
            awarded[hood_id],
        )
        for hood_id, label in hoods
    ]
    rows = [row for row in rows if not row.is_empty]
    total = HoodImpact(
        "",
        sum(row.teams for row in rows),
        sum(row.activities for row in rows),
        sum(row.participants for row in rows),
        sum(row.awarded for row in rows),
    )
    return Impact(rows, total, public_stories(STORIES))
