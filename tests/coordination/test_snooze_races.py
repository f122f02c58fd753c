"""Snoozing under races (issue 22, the races SQLite hid): two coordinators put the same signal
aside at the same moment, as real parallel requests on PostgreSQL. One snooze is kept; the
other coordinator reads that it is already put aside, as one a moment later would."""

from datetime import timedelta

import pytest
import sqlalchemy as sa

from app.coordination.models import SignalSnooze
from app.core.timezone import local_today
from app.teams.models import TeamStatus
from tests.factories import make_neighbourhood, make_team, make_user
from tests.live import all_at_once, arrange, count_rows, logged_in

pytestmark = [pytest.mark.no_db_transaction, pytest.mark.many_connections]


@pytest.mark.parametrize("attempt", range(10))
def test_two_coordinators_snoozing_one_signal_at_once_keep_one_snooze(served, attempt):
    app, base = served

    def build():
        hood = make_neighbourhood()
        for name in ("cor", "dee"):
            make_user(name, hood, email=f"{name}-snooze{attempt}@example.org", is_coordinator=True)
        team = make_team(hood, make_user("Tess", hood))
        team.status = TeamStatus.DORMANT
        return team.id, (local_today() + timedelta(days=10)).isoformat()

    team_id, until = arrange(app, build)
    url = f"{base}/coordinatie/signalen/dormant/{team_id}/0/uitstellen"
    sessions = [logged_in(base, f"{name}-snooze{attempt}@example.org") for name in ("cor", "dee")]
    answers = all_at_once([lambda s=s: s.post(url, data={"until": until, "reason": "Op vakantie."}) for s in sessions])
    assert all(answer < 500 for answer in answers), answers
    assert count_rows(app, sa.select(sa.func.count()).where(SignalSnooze.team_id == team_id)) == 1
