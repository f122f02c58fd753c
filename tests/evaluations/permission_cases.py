"""Expected answers for the evaluation routes, per role (see tests/test_permissions.py).

The world's team gets an activity that took place, with a photo whose people gave no
consent: the team and staff read the evaluation and see the photo; the team's members and
trekkers write it and add or delete photos; to anyone else the photo does not exist."""

from datetime import timedelta

from app.activities.models import ActivityStatus
from app.core.models import utcnow
from app.evaluations import images
from app.evaluations.models import Photo
from app.extensions import db
from tests.factories import make_activity
from tests.permission_rules import ROLES, STAFF, TEAM, only

CASES: dict[str, dict[str, str]] = {
    "evaluations.show": only(*TEAM, *STAFF),
    "evaluations.edit": only(*TEAM),
    "evaluations.upload": only(*TEAM),
    "evaluations.delete_photo": only(*TEAM),
    "evaluations.photo": {role: "ok" if role in (*TEAM, *STAFF) else "notfound" for role in ROLES},
}


def url_args(team, people) -> dict[str, object]:
    trekker = people["trekker"]
    activity = make_activity(team, trekker, status=ActivityStatus.DONE)
    activity.is_public, activity.starts_at = True, utcnow() - timedelta(days=2)
    photo = Photo(activity_id=activity.id, consent=False, file_name=images.store(b"\xff\xd8 not checked", ".jpg"))
    db.session.add(photo)
    db.session.flush()
    return {"photo_id": photo.id}
