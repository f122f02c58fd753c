"""Expected answers for the routes of the organisation's login and the second step, per role
(see tests/test_permissions.py; the other accounts routes are in its MATRIX).

The test config has no OpenID provider, so its two routes do not exist there (404); the
second step's own page sends everyone who owes no code on (to logging in, or home)."""

from tests.permission_rules import everyone, logged_in, only

CASES: dict[str, dict[str, str]] = {
    "accounts.organisation_login": everyone("notfound"),
    "accounts.organisation_callback": everyone("notfound"),
    "accounts.logged_out": everyone(),
    "accounts.second_step": everyone(),
    "accounts.second_step_setup": logged_in(),
    "accounts.second_step_off": logged_in(),
    "accounts.reset_second_step": only("admin"),
}


def url_args(team, people) -> dict[str, object]:
    return {}
