from datetime import timedelta

from app.activities.models import ActivityStatus
from app.core.models import utcnow
from app.signups.models import SignUp, SignUpStatus
from tests.factories import add_member, make_activity, make_neighbourhood, make_team, make_user


def team_with_people():
    hood = make_neighbourhood("Kruiskamp")
    trekker = make_user("Tess Trekker", hood)
    member = make_user("Mo Member", hood)
    team = make_team(hood, trekker, name="Pruimengaarde Samen")
    add_member(team, member)
    return team, trekker, member


def activity_that_took_place(team, trekker, template=None, status=ActivityStatus.DONE, days_ago=2, public=True):
    activity = make_activity(team, trekker, template=template, status=status)
    activity.starts_at = utcnow() - timedelta(days=days_ago)
    activity.is_public = public
    return activity


def check_in(activity, *names):
    from app.extensions import db

    for name in names:
        db.session.add(
            SignUp(
                activity_id=activity.id,
                name=name,
                email=f"{name.lower()}@example.org",
                status=SignUpStatus.CONFIRMED,
                token=f"token-{name}",
                queued_at=utcnow(),
                checked_in_at=utcnow(),
            )
        )
    db.session.flush()
