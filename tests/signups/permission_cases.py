"""Expected answers for the sign-up routes, per role (see tests/test_permissions.py).

The world's team gets a public, planned activity next week with a visitor's sign-up:
anyone may sign up (residents with one click, visitors through the form) and use the links
from the mails; only the team sees the list, and its members and trekkers check people in (so do
staff who help at the door), also with the link in a sign-up's QR code."""

from datetime import timedelta

from app.activities.models import ActivityStatus
from app.core.models import utcnow
from app.extensions import db
from app.signups.models import SignUp, SignUpStatus
from tests.factories import make_activity
from tests.permission_rules import STAFF, TEAM, everyone, logged_in, only

CASES: dict[str, dict[str, str]] = {
    "signups.sign_up": everyone(),
    "signups.confirm": everyone(),
    "signups.sign_off": everyone(),
    "signups.sign_off_resident": logged_in(),
    "signups.team_list": only(*TEAM, *STAFF),
    "signups.check_in": only(*TEAM, *STAFF),
    "signups.walk_in": only(*TEAM, *STAFF),
    "signups.check_in_typed": only(*TEAM, *STAFF),
    # The world's `activity_id` is the team's own plan, where Vera's code does not exist: the
    # team and staff are led to the list with a message, everyone else is refused before the
    # code is looked up.
    "signups.check_in_code": only(*TEAM, *STAFF),
}


def url_args(team, people) -> dict[str, object]:
    trekker = people["trekker"]
    activity = make_activity(team, trekker, status=ActivityStatus.PLANNED)
    activity.is_public, activity.starts_at, activity.capacity = True, utcnow() + timedelta(days=7), 10
    sign_up = SignUp(activity_id=activity.id, name="Vera", email="vera@example.org", status=SignUpStatus.PENDING)
    sign_up.token = "vera-token"
    db.session.add(sign_up)
    db.session.flush()
    return {
        "public_activity_id": activity.id,
        "sign_up_id": sign_up.id,
        "signup_token": sign_up.token,
        "checkin_code": sign_up.checkin_code,
    }
