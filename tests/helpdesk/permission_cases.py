"""Expected answers for the helpdesk routes, per role (see tests/test_permissions.py).

The world's member asks a question for the world's team: the team's members and trekkers
and the staff read the thread and write in it; only the staff assign, set any status, see
the list of all questions and enter a question for a resident. Everyone logged in may
follow "Hulp krijgen" (it leads each to their own place)."""

from app.helpdesk import services
from tests.permission_rules import STAFF, TEAM, logged_in, only

IN_THREAD = only(*TEAM, *STAFF)

CASES: dict[str, dict[str, str]] = {
    "helpdesk.start": logged_in(),
    "helpdesk.team_questions": IN_THREAD,
    "helpdesk.ask": only(*TEAM),
    "helpdesk.show": IN_THREAD,
    "helpdesk.reply": IN_THREAD,
    "helpdesk.resolve": IN_THREAD,
    "helpdesk.set_status": only(*STAFF),
    "helpdesk.assign": only(*STAFF),
    "helpdesk.index": only(*STAFF),
    "helpdesk.behalf_team": only(*STAFF),
    "helpdesk.ask_on_behalf": only(*STAFF),
}


def url_args(team, people) -> dict[str, object]:
    question = services.ask(people["member"], team, "Hoe vragen we geld aan?", "Wij willen een buurtfeest houden.")
    return {"question_id": question.id}
