"""Expected answers for the team's voucher routes, per role (see tests/test_permissions.py).

The world's request (tests/funds/permission_cases.py) is SUBMITTED: the trekker's edit,
account and delete answer with a message, still "ok" here, as only the permission is
tested. Team members and the regie-group read the request; only trekkers act for the
team. A receipt answers 404 to whoever may not see receipts (the team's members, other
residents): like a photo without consent, it does not exist for them, so probing ids
tells nothing.

In the other states of the request (tests/permission_rules.py REQUEST_STATES) the answers
are the same, except before the team submitted it: then the regie-group neither reads it
nor its receipts, just as for any other team's request."""

from tests.permission_rules import NOT_SUBMITTED, REGIE, ROLES, STAFF, TEAM, only

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


def in_state(state: str) -> dict[str, dict[str, str]]:
    """The answers that differ from CASES when the world's request is in `state`."""
    if state not in NOT_SUBMITTED:
        return {}
    return {
        "vouchers.show": only(*TEAM, *STAFF),
        "vouchers.receipt": {"visitor": "login"}
        | {role: "ok" if role in ("trekker", *STAFF) else "notfound" for role in ROLES[1:]},
    }


def url_args(team, people) -> dict[str, object]:
    return {}
