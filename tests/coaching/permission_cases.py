"""Expected answers for the coaching routes, per role (see tests/test_permissions.py).

Coaching notes, the support level, the handover, acting on a resident's behalf and the
residents without e-mail are for coordinators and admins only: the team's own members and
trekkers, the regie-group and other residents are refused everywhere. url_args adds one
note on the world's team and one resident registered without e-mail (`resident_id`); the
activity (`activity_id`) is the world team's plan from tests/templates_library."""

from app.coaching import residents, services
from app.coaching.models import NoteKind
from app.core.timezone import local_today
from tests.permission_rules import STAFF, only

STAFF_ONLY = only(*STAFF)

CASES: dict[str, dict[str, str]] = {
    "coaching.show": STAFF_ONLY,
    "coaching.add_note": STAFF_ONLY,
    "coaching.edit_note": STAFF_ONLY,
    "coaching.set_level": STAFF_ONLY,
    "coaching.hand_over": STAFF_ONLY,
    "coaching.join_on_behalf": STAFF_ONLY,
    "coaching.sign_up_on_behalf": STAFF_ONLY,
    "coaching.residents_list": STAFF_ONLY,
    "coaching.register_resident": STAFF_ONLY,
    "coaching.resident": STAFF_ONLY,
    "coaching.give_address": STAFF_ONLY,
}


def url_args(team, people) -> dict[str, object]:
    note = services.add_note(people["coordinator"], team, NoteKind.VISIT, local_today(), "Eerste bezoek")
    hood_id = team.neighbourhood_id
    offline = residents.register(people["coordinator"], "Gerda Zonder Mail", hood_id, "033 123 45 67")
    return {"note_id": note.id, "resident_id": offline.user_id}
