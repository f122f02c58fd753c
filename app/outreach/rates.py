"""Activation rates: residents willing to be active per home, cumulative up to a day.

The source (Vitale Wijken, Amersfoort 2016) calls 5 to 8 % of residents becoming active a
good result, and a first resident meeting possible once 8 to 16 residents of an area of 60
to 500 homes want to act."""

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa

from app.extensions import db
from app.outreach.models import FIGURES, AreaKind, OutreachArea, OutreachRecord

GOOD_BAND = (0.05, 0.08)
MEETING_FROM = 8  # residents willing to act: from here a first resident meeting is possible
MEETING_UP_TO = 16

Month = tuple[int, int]


@dataclass(frozen=True)
class Activation:
    """homes: the homes the rate counts (None: unknown); willing: residents willing to be
    active, cumulative up to the end day; rate = willing / homes (None without homes).
    monthly: (first day of the month, rate at the month's end or at the end day) for every
    month from start to end; monthly_willing: the willing residents at those moments.
    totals: each figure summed up to the end day; period: each figure summed over start..end."""

    homes: int | None
    willing: int
    rate: float | None
    monthly: list[tuple[date, float | None]]
    monthly_willing: list[int]
    totals: dict[str, int]
    period: dict[str, int]


@dataclass(frozen=True)
class AreaActivation(Activation):
    area_id: int
    name: str
    kind: AreaKind
    started: Month | None  # the month of its first round up to the end day

    @property
    def meeting_possible(self) -> bool:
        """Enough residents for a first resident meeting, and none held yet."""
        return self.willing >= MEETING_FROM and self.totals["meetings"] == 0


@dataclass(frozen=True)
class NeighbourhoodActivation(Activation):
    """The rate over the areas where the rounds have begun and whose homes are known:
    their willing residents / their homes. An area counts from the month of its first round,
    so a new area does not lower the months before. `willing_without_homes` are residents
    found in areas with unknown homes: real people, outside the rate."""

    neighbourhood_id: int
    areas: list[AreaActivation]
    willing_without_homes: int


def months_between(start: date, end: date) -> list[date]:
    """The first day of every month from start's month to end's month."""
    months, year, month = [], start.year, start.month
    while (year, month) <= (end.year, end.month):
        months.append(date(year, month, 1))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def _fraction(willing: int, homes: int | None) -> float | None:
    return willing / homes if homes else None


def _rounds(neighbourhood_ids: list[int], start: date, end: date):
    """Per area, month and inside/before the period: the figures summed (one statement)."""
    in_period = sa.case((OutreachRecord.visited_on >= start, 1), else_=0).label("in_period")
    year = sa.extract("year", OutreachRecord.visited_on).label("year")
    month = sa.extract("month", OutreachRecord.visited_on).label("month")
    sums = [sa.func.sum(getattr(OutreachRecord, name)).label(name) for name in FIGURES]
    query = (
        sa.select(OutreachRecord.area_id, year, month, in_period, *sums)
        .join(OutreachArea, OutreachArea.id == OutreachRecord.area_id)
        .where(OutreachArea.neighbourhood_id.in_(neighbourhood_ids), OutreachRecord.visited_on <= end)
        .group_by(OutreachRecord.area_id, year, month, in_period)
    )
    return db.session.execute(query).all()


def _area(area: OutreachArea, rows, months: list[date]) -> AreaActivation:
    totals, period, by_month = dict.fromkeys(FIGURES, 0), dict.fromkeys(FIGURES, 0), {}
    for row in rows:
        key = (int(row.year), int(row.month))
        by_month[key] = by_month.get(key, 0) + row.willing_to_act
        for name in FIGURES:
            totals[name] += getattr(row, name)
            if row.in_period:
                period[name] += getattr(row, name)
    started = min(by_month) if by_month else None
    monthly, monthly_willing = [], []
    for first in months:
        key = (first.year, first.month)
        monthly_willing.append(sum(n for m, n in by_month.items() if m <= key))
        monthly.append((first, _fraction(monthly_willing[-1], area.homes) if started and started <= key else None))
    willing = totals["willing_to_act"]
    return AreaActivation(
        homes=area.homes,
        willing=willing,
        rate=_fraction(willing, area.homes),
        monthly=monthly,
        monthly_willing=monthly_willing,
        totals=totals,
        period=period,
        area_id=area.id,
        name=area.name,
        kind=area.kind,
        started=started,
    )


def _neighbourhood(neighbourhood_id: int, areas: list[AreaActivation], months: list[date]) -> NeighbourhoodActivation:
    counted = [a for a in areas if a.homes and a.started]
    homes = sum(a.homes for a in counted)
    willing = sum(a.willing for a in counted)
    monthly, monthly_willing = [], []
    for i, first in enumerate(months):
        active = [a for a in counted if a.started <= (first.year, first.month)]
        monthly_willing.append(sum(a.monthly_willing[i] for a in active))
        monthly.append((first, _fraction(monthly_willing[-1], sum(a.homes for a in active))))
    return NeighbourhoodActivation(
        homes=homes or None,
        willing=willing,
        rate=_fraction(willing, homes),
        monthly=monthly,
        monthly_willing=monthly_willing,
        totals={name: sum(a.totals[name] for a in areas) for name in FIGURES},
        period={name: sum(a.period[name] for a in areas) for name in FIGURES},
        neighbourhood_id=neighbourhood_id,
        areas=areas,
        willing_without_homes=sum(a.willing for a in areas if not a.homes),
    )


def activation_rates(neighbourhood_ids, start: date, end: date) -> dict[int, NeighbourhoodActivation]:
    """Activation per neighbourhood (and per area in it) for the period start..end.

    Returns {neighbourhood_id: NeighbourhoodActivation} for every id asked (also without
    areas). Rates are fractions (0.05 is 5 %) or None where no homes are known. `willing`
    is cumulative: every round up to and including `end` counts, also rounds before `start`;
    rounds after `end` do not. `monthly` has one point per calendar month from start to end
    (the last one at `end`); `period` sums the figures of the rounds from start to end.
    An area's rate: its willing residents / its homes. A neighbourhood's rate: the sum over
    its areas with known homes where rounds have begun / the sum of those areas' homes.
    Two statements, whatever the number of areas and rounds."""
    ids = sorted(set(neighbourhood_ids))
    if end < start:
        raise ValueError("end before start")
    months = months_between(start, end)
    areas = (
        db.session.scalars(
            sa.select(OutreachArea).where(OutreachArea.neighbourhood_id.in_(ids)).order_by(OutreachArea.name_key)
        ).all()
        if ids
        else []
    )
    rows_by_area: dict[int, list] = {}
    for row in _rounds(ids, start, end) if areas else []:
        rows_by_area.setdefault(row.area_id, []).append(row)
    per_hood: dict[int, list[AreaActivation]] = {nid: [] for nid in ids}
    for area in areas:
        per_hood[area.neighbourhood_id].append(_area(area, rows_by_area.get(area.id, []), months))
    return {nid: _neighbourhood(nid, per_hood[nid], months) for nid in ids}
