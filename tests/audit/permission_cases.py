"""Expected answers for the audit log, per role (see tests/test_permissions.py): admins only."""

from tests.permission_rules import only

CASES: dict[str, dict[str, str]] = {"audit.index": only("admin")}


def url_args(team, people) -> dict[str, object]:
    return {}
