"""Expected answers for the report routes, per role (see tests/test_permissions.py):
coordinators and admins read the reports; everyone reads the impact page."""

from tests.permission_rules import STAFF, everyone, only

CASES: dict[str, dict[str, str]] = {
    "reports.index": only(*STAFF),
    "reports.download": only(*STAFF),
    "reports.impact": everyone(),
}


def url_args(team, people) -> dict[str, object]:
    return {"tabel": "teams"}
