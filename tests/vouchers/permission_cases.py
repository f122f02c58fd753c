"""Expected answers for the team's voucher routes, per role (see tests/test_permissions.py).

The world's request (tests/funds/permission_cases.py) is SUBMITTED: the trekker's edit,
account and delete answer with a message, still "ok" here, as only the permission is
tested. Team members and the regie-group read the request; only trekkers act for the
team. A receipt answers 404 to whoever may not see receipts (the team's members, other
residents): like a photo without consent, it does not exist for them, so probing ids
tells nothing."""

from tests.permission_rules import REGIE, ROLES, STAFF, TEAM, only

TREKKERS_ONLY = only("trekker")

CASES: dict[str, dict[str, str]] = {
    "vouchers.index": only(*TEAM, *STAFF),
    "vouchers.show": only(*TEAM, *REGIE, *STAFF),
    "vouchers.create": TREKKERS_ONLY,
    "vouchers.edit": TREKKERS_ONLY,
    "vouchers.submit": TREKKERS_ONLY,
    "vouchers.delete": TREKKERS_ONLY,
    "vouchers.withdraw": TREKKERS_ONLY,
    "vouchers.object": TREKKERS_ONLY,
    "vouchers.account": TREKKERS_ONLY,
    "vouchers.upload_receipt": TREKKERS_ONLY,
    "vouchers.remove_receipt": TREKKERS_ONLY,
    "vouchers.receipt": {"visitor": "login"}
    | {role: "ok" if role in ("trekker", *REGIE, *STAFF) else "notfound" for role in ROLES[1:]},
}


def url_args(team, people) -> dict[str, object]:
    return {}
