"""A team's status under races (issue 22, the races SQLite hid): a team a coordinator archives
stays archived, whatever a trekker, an activity or the dormancy job does at the same moment.
Real parallel requests and transactions on PostgreSQL."""

from datetime import timedelta
from types import SimpleNamespace

import pytest
import sqlalchemy as sa

from app.accounts.models import User
from app.core.models import utcnow
from app.core.views import perform
from app.extensions import db
from app.teams import services as teams
from app.teams.models import Team, TeamStatus
from tests.factories import make_activity, make_neighbourhood, make_team, make_user
from tests.live import all_at_once, arrange, count_rows, logged_in, together

pytestmark = [pytest.mark.no_db_transaction, pytest.mark.many_connections]
ROUNDS = range(10)
LONG_AGO = timedelta(days=400)


def _team(app, name: str, status: TeamStatus = TeamStatus.STARTING, quiet_since=None) -> SimpleNamespace:
    def build():
        hood = make_neighbourhood()
        tess = make_user("Tess", hood, email=f"tess-{name}@example.org")
        cor = make_user("Cor", hood, email=f"cor-{name}@example.org", is_coordinator=True)
        team = make_team(hood, tess)
        activity = make_activity(team, tess)
        activity.starts_at = utcnow() + timedelta(days=7)
        team.status, team.last_activity_at = status, quiet_since or utcnow()
        return SimpleNamespace(id=team.id, activity=activity.id, coordinator=cor.id)

    return arrange(app, build)


def _status(app, team_id: int) -> TeamStatus:
    return count_rows(app, sa.select(Team.status).where(Team.id == team_id))


def _archive(base: str, name: str, team_id: int):
    coordinator = logged_in(base, f"cor-{name}@example.org")
    return lambda: coordinator.post(f"{base}/teams/{team_id}/status", data={"status": "archived"})


@pytest.mark.parametrize("attempt", ROUNDS)
def test_a_trekker_starting_the_team_while_a_coordinator_archives_it_leaves_it_archived(served, attempt):
    app, base = served
    name = f"start{attempt}"
    team = _team(app, name)
    tess = logged_in(base, f"tess-{name}@example.org")
    start = lambda: tess.post(f"{base}/teams/{team.id}/status", data={"status": "active"})  # noqa: E731
    answers = all_at_once([start, _archive(base, name, team.id)])
    assert all(answer < 500 for answer in answers), answers
    # Started, then archived; or archived, and a trekker cannot start an archived team.
    assert _status(app, team.id) == TeamStatus.ARCHIVED


@pytest.mark.parametrize("attempt", ROUNDS)
def test_planning_in_a_dormant_team_while_a_coordinator_archives_it_leaves_it_archived(served, attempt):
    app, base = served
    name = f"plan{attempt}"
    team = _team(app, name, TeamStatus.DORMANT)
    tess = logged_in(base, f"tess-{name}@example.org")
    plan = lambda: tess.post(f"{base}/teams/{team.id}/activiteiten/{team.activity}/plannen")  # noqa: E731
    answers = all_at_once([plan, _archive(base, name, team.id)])
    assert all(answer < 500 for answer in answers), answers
    # Planning wakes a dormant team, but never an archived one.
    assert _status(app, team.id) == TeamStatus.ARCHIVED


@pytest.mark.parametrize("attempt", range(5))
def test_teams_archived_while_the_dormancy_job_runs_stay_archived(served, attempt):
    app, _base = served
    quiet = [_team(app, f"quiet{attempt}-{n}", TeamStatus.ACTIVE, utcnow() - LONG_AGO) for n in range(8)]

    def mark():
        teams.mark_dormant_teams()
        db.session.commit()

    def archive(team):
        def call():
            user, found = db.session.get(User, team.coordinator), db.session.get(Team, team.id)
            return perform(teams.set_status, user, found, TeamStatus.ARCHIVED)

        return call

    results = together(app, [mark, *(archive(team) for team in quiet)])
    assert not any(isinstance(result, BaseException) for result in results), results
    assert [_status(app, team.id) for team in quiet] == [TeamStatus.ARCHIVED] * len(quiet)
