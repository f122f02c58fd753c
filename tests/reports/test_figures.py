"""Issue 28, item 0: the impact page reads figures per neighbourhood that triggers keep in
the transaction of every write (reports.models.NeighbourhoodFigures). After writes through
the services, bulk SQL and the ledger, they equal a count from scratch."""

from datetime import timedelta

import sqlalchemy as sa

from app.activities.models import HAPPENED, Activity, ActivityStatus
from app.core.models import utcnow
from app.extensions import db
from app.money import ledger
from app.money.models import EntryKind, Fund
from app.reports.models import NeighbourhoodFigures
from app.teams.models import Team, TeamStatus
from tests.agenda.helpers import bulk_public_activities
from tests.factories import make_activity, make_neighbourhood, make_team, make_user
from tests.generate import bulk_teams


def from_scratch() -> dict[int, tuple[int, int, int, int]]:
    """Every neighbourhood's figures counted anew, as the page counted them before."""
    figures: dict[int, list[int]] = {}
    teams = sa.select(Team.neighbourhood_id, sa.func.count()).where(Team.status != TeamStatus.ARCHIVED)
    for hood_id, count in db.session.execute(teams.group_by(Team.neighbourhood_id)):
        figures.setdefault(hood_id, [0, 0, 0, 0])[0] = count
    happened = (
        sa.select(
            Team.neighbourhood_id, sa.func.count(), sa.func.coalesce(sa.func.sum(Activity.actual_participants), 0)
        )
        .join(Team, Team.id == Activity.team_id)
        .where(Activity.status.in_(HAPPENED))
        .group_by(Team.neighbourhood_id)
    )
    for hood_id, count, participants in db.session.execute(happened):
        figures.setdefault(hood_id, [0, 0, 0, 0])[1:3] = [count, participants]
    funds = {fund_id: hood_id for fund_id, hood_id in db.session.execute(sa.select(Fund.id, Fund.neighbourhood_id))}
    for fund_id, balances in ledger.balances_of(list(funds)).items():
        figures.setdefault(funds[fund_id], [0, 0, 0, 0])[3] += balances.awarded
    return {hood_id: tuple(values) for hood_id, values in figures.items() if any(values)}


def kept() -> dict[int, tuple[int, int, int, int]]:
    rows = db.session.execute(
        sa.select(
            NeighbourhoodFigures.neighbourhood_id,
            NeighbourhoodFigures.teams,
            NeighbourhoodFigures.activities,
            NeighbourhoodFigures.participants,
            NeighbourhoodFigures.awarded_cents,
        )
    )
    return {hood_id: tuple(values) for hood_id, *values in rows if any(values)}


def test_the_figures_follow_the_services(app, ctx):
    north, south = make_neighbourhood("Noord"), make_neighbourhood("Zuid")
    user = make_user("Fatima", north)
    team = make_team(north, user)
    done = make_activity(team, user, status=ActivityStatus.DONE, actual_participants=12)
    make_activity(team, user)  # an idea: not counted
    assert kept() == from_scratch() == {north.id: (1, 1, 12, 0)}
    done.actual_participants = 15
    done.title = "Anders genoemd"
    db.session.flush()
    assert kept() == from_scratch()
    team.neighbourhood_id = south.id  # the team moves, with what it did
    db.session.flush()
    assert kept() == from_scratch() == {south.id: (1, 1, 15, 0)}
    team.status = TeamStatus.ARCHIVED
    db.session.flush()
    assert kept() == from_scratch() == {south.id: (0, 1, 15, 0)}
    db.session.delete(done)
    db.session.flush()
    assert kept() == from_scratch() == {}


def test_the_figures_follow_bulk_sql(app, ctx):
    hoods = [make_neighbourhood(), make_neighbourhood()]
    team = make_team(hoods[0], make_user("Bram", hoods[0]))
    for hood in hoods:
        bulk_teams(hood.id, 30)
    bulk_public_activities(team, 40, utcnow() - timedelta(days=60))
    assert kept() == from_scratch()
    past = Activity.team_id == team.id
    db.session.execute(sa.update(Activity).where(past).values(status=ActivityStatus.DONE, actual_participants=3))
    assert kept() == from_scratch()
    assert kept()[hoods[0].id] == (31, 40, 120, 0)
    db.session.execute(sa.update(Team).where(Team.neighbourhood_id == hoods[1].id).values(status=TeamStatus.ARCHIVED))
    db.session.execute(sa.update(Team).where(Team.id == team.id).values(neighbourhood_id=hoods[1].id))
    assert kept() == from_scratch()
    db.session.execute(sa.delete(Activity).where(Activity.id.in_(sa.select(Activity.id).where(past).limit(15))))
    assert kept() == from_scratch()
    assert kept()[hoods[1].id] == (1, 25, 75, 0)


def test_the_figures_follow_the_ledger_corrections_included(reports_world):
    assert kept() == from_scratch()
    fund, coordinator = reports_world.funds[0], reports_world.coordinator
    reservation = ledger.post(coordinator, fund, EntryKind.RESERVATION, 50_00, reason="Nog een besluit")
    ledger.post(coordinator, fund, EntryKind.CORRECTION, -20_00, corrects=reservation, reason="Tikfout")
    ledger.post(coordinator, fund, EntryKind.DEPOSIT, 100_00, reason="Meer geld")
    db.session.flush()
    assert kept() == from_scratch()
    assert kept()[fund.neighbourhood_id][3] == ledger.balances(fund).awarded
