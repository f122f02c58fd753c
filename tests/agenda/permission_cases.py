"""Expected answers for the agenda's routes, per role (see tests/test_permissions.py).

The calendars and feeds of a neighbourhood and a team are open to everyone. The world's
`activity_id` (made by tests/templates_library/permission_cases.py) is a team-only plan:
its public page and its feed do not exist for anyone, staff and the team included (404).
Public activities are opened in tests/agenda/test_public_pages.py."""

from tests.permission_rules import everyone

CASES: dict[str, dict[str, str]] = {
    "agenda.index": everyone(),
    "agenda.neighbourhood": everyone(),
    "agenda.activity": everyone("notfound"),
    "agenda.poster": everyone("notfound"),
    "agenda.neighbourhood_feed": everyone(),
    "agenda.team_feed": everyone(),
    "agenda.activity_feed": everyone("notfound"),
    "api.activities": everyone(),
    "api.neighbourhoods": everyone(),
}


def url_args(team, people) -> dict[str, object]:
    return {}
