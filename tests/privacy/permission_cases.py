"""Expected answers for the privacy routes, per role (see tests/test_permissions.py).

Everyone logged in downloads and erases their own data (a POST without the form changes
nothing); staff handle the world's resident's request. The matrix posts no form data, so
no one is erased here: tests/privacy/test_erasure.py does that."""

from tests.permission_rules import STAFF, logged_in, only

CASES: dict[str, dict[str, str]] = {
    "privacy.download": logged_in(),
    "privacy.overview": logged_in(),
    "privacy.erase": logged_in(),
    "privacy.find": only(*STAFF),
    "privacy.person": only(*STAFF),
    "privacy.download_for": only(*STAFF),
    "privacy.erase_for": only(*STAFF),
}


def url_args(team, people) -> dict[str, object]:
    return {}  # user_id: the world's resident
