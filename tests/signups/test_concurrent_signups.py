"""Issue 13's acceptance: 20 residents sign up at the same moment for 10 places: exactly 10
get a place and 10 wait, in order of arrival; a sign-off promotes exactly one, who is told.
Real parallel requests on the served app, on PostgreSQL."""

from datetime import timedelta

import pytest
import sqlalchemy as sa

from app.accounts.models import User
from app.activities.models import ActivityStatus
from app.core.models import utcnow
from app.core.notifications import Notification
from app.extensions import db
from app.signups.models import SignUp, SignUpStatus
from tests.factories import make_activity, make_neighbourhood, make_team, make_user
from tests.live import all_at_once, arrange, logged_in

pytestmark = [pytest.mark.no_db_transaction, pytest.mark.many_connections]
PEOPLE, PLACES = 20, 10


def test_twenty_at_once_for_ten_places(served):
    app, base = served

    def build():
        hood = make_neighbourhood()
        tess = make_user("Tess", hood, email="tess.signups@example.org")
        activity = make_activity(make_team(hood, tess), tess, status=ActivityStatus.PLANNED)
        activity.is_public, activity.capacity, activity.starts_at = True, PLACES, utcnow() + timedelta(days=3)
        for n in range(PEOPLE):
            make_user(f"Buur {n}", email=f"buur{n}.signups@example.org")
        return activity.id

    activity_id = arrange(app, build)
    sessions = [logged_in(base, f"buur{n}.signups@example.org") for n in range(PEOPLE)]
    answers = all_at_once(
        [
            lambda s=s: s.post(f"{base}/activiteiten/{activity_id}/aanmelden", allow_redirects=False, timeout=60)
            for s in sessions
        ]
    )
    assert all(answer < 500 for answer in answers)
    with app.app_context():
        rows = db.session.execute(
            sa.select(SignUp.status, SignUp.queued_at, SignUp.user_id).where(SignUp.activity_id == activity_id)
        ).all()
        db.session.remove()
    confirmed = [row for row in rows if row.status == SignUpStatus.CONFIRMED]
    waiting = [row for row in rows if row.status == SignUpStatus.WAITLISTED]
    assert (len(confirmed), len(waiting)) == (PLACES, PEOPLE - PLACES)
    assert max(row.queued_at for row in confirmed) <= min(row.queued_at for row in waiting)  # order of arrival

    first_waiting = min(waiting, key=lambda row: row.queued_at)
    leaver = sessions[_index_of(app, confirmed[0].user_id)]
    assert leaver.post(f"{base}/activiteiten/{activity_id}/afmelden", timeout=30).status_code < 500
    with app.app_context():
        statuses = db.session.scalars(sa.select(SignUp.status).where(SignUp.activity_id == activity_id)).all()
        promoted = db.session.scalars(
            sa.select(Notification.user_id).where(Notification.kind == "signup.promoted")
        ).all()
        db.session.remove()
    assert (
        statuses.count(SignUpStatus.CONFIRMED) == PLACES
        and statuses.count(SignUpStatus.WAITLISTED) == PEOPLE - PLACES - 1
    )
    assert promoted == [first_waiting.user_id]


def _index_of(app, user_id: int) -> int:
    """Which of the numbered residents this is (buur<n>...)."""
    with app.app_context():
        email = db.session.get(User, user_id).email
        db.session.remove()
    return int(email.removeprefix("buur").split(".")[0])
