"""A coaching world: Kruiskamp with a starting team (trekker Tess, member Mo), a resident
Rosa who is not in it, a regie member, a coordinator Cor and an admin; and a public,
planned activity of the team next week with two places."""

from datetime import timedelta
from types import SimpleNamespace

import pytest

from app.activities.models import ActivityStatus
from app.core.models import utcnow
from app.extensions import db
from tests.factories import add_member, make_activity, make_fund, make_neighbourhood, make_team, make_user, seat


@pytest.fixture
def w():
    hood = make_neighbourhood("Kruiskamp")
    coordinator = make_user("Cor Coördinator", hood, is_coordinator=True)
    admin = make_user("Ada Admin", hood, is_admin=True)
    trekker = make_user("Tess Trekker", hood)
    member = make_user("Mo Member", hood)
    resident = make_user("Rosa Resident", hood, email="rosa@example.org")
    regie = make_user("Rik Regie", hood)
    team = make_team(hood, trekker, name="Pruimengaarde Samen")
    add_member(team, member)
    seat(make_fund(hood, coordinator), coordinator, regie)
    activity = make_activity(team, trekker, status=ActivityStatus.PLANNED)
    activity.title, activity.is_public, activity.capacity = "Burendag", True, 2
    activity.starts_at = utcnow() + timedelta(days=7)
    db.session.flush()
    return SimpleNamespace(
        hood=hood,
        coordinator=coordinator,
        admin=admin,
        trekker=trekker,
        member=member,
        resident=resident,
        regie=regie,
        team=team,
        activity=activity,
    )
