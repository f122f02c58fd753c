"""Expected answers for the regie-group's and coordinators' voucher routes, per role (see
tests/test_permissions.py). The world's request is SUBMITTED without advices; "regie" sits in
the fund's regie-group as a member and "chair" as its chair (tests/funds/permission_cases.py).
The work list answers everyone who is logged in (a friendly explanation without a seat);
the chair's decision page answers with "not enough advices yet"."""

from tests.permission_rules import STAFF, logged_in, only

CASES: dict[str, dict[str, str]] = {
    "vouchers.todo": logged_in(),
    "vouchers.assess": only("regie", "chair"),
    "vouchers.decide": only("chair"),
    "vouchers.payout_page": only(*STAFF),
    "vouchers.pay_out": only(*STAFF),
    "vouchers.review_accountability": only(*STAFF),
}


def url_args(team, people) -> dict[str, object]:
    return {}
