"""Expected answers for the platform's routes (probes, security.txt), per role (see
tests/test_permissions.py): open to everyone, logged in or not."""

from tests.permission_rules import everyone

CASES: dict[str, dict[str, str]] = {
    "probes.healthz": everyone(),
    "probes.readyz": everyone(),
    "main.security_txt": everyone(),
}


def url_args(team, people) -> dict[str, object]:
    return {}
