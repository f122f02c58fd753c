"""Expected answers for the voucher routes, per role (see tests/test_permissions.py)."""

from tests.permission_rules import logged_in

CASES: dict[str, dict[str, str]] = {
    "vouchers.show": logged_in("notfound"),
    "vouchers.assess": logged_in("notfound"),
}


def url_args(team, people) -> dict[str, object]:
    return {"request_id": 1}
