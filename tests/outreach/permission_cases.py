"""Expected answers for the outreach routes, per role (see tests/test_permissions.py): the
records are the professionals' working notes, so coordinators and admins only.

url_args builds an area with one visit round in the world's neighbourhood."""

from app.core.timezone import local_today
from app.extensions import db
from app.places.models import Neighbourhood
from tests.outreach.factories import make_area, make_record
from tests.permission_rules import STAFF, only

STAFF_ONLY = only(*STAFF)

CASES: dict[str, dict[str, str]] = {
    "outreach.index": STAFF_ONLY,
    "outreach.neighbourhood": STAFF_ONLY,
    "outreach.add_area": STAFF_ONLY,
    "outreach.add_record": STAFF_ONLY,
    "outreach.edit_area": STAFF_ONLY,
    "outreach.delete_record": STAFF_ONLY,
}


def url_args(team, people) -> dict[str, object]:
    area = make_area(db.session.get(Neighbourhood, team.neighbourhood_id), "Flat Zonnehof", homes=120)
    entry = make_record(area, local_today(), willing=2, recorded_by=people["coordinator"])
    return {"area_id": area.id, "record_id": entry.id}
