"""Expected answers for the regie-group's and coordinators' voucher routes, per role (see
tests/test_permissions.py). The world's request is SUBMITTED without advices; "regie" sits in
the fund's regie-group as a member and "chair" as its chair (tests/funds/permission_cases.py).
The work list answers everyone who is logged in (a friendly explanation without a seat);
the chair's decision page answers with "not enough advices yet".

In the other states of the request the regie-group's pages still open (they say what can no
longer be done), except before the team submitted it: a draft is not the regie-group's to
read, nor to advise or decide on."""

from tests.permission_rules import NOT_SUBMITTED, STAFF, logged_in, only

CASES: dict[str, dict[str, str]] = {
    "vouchers.todo": logged_in(),
    "vouchers.assess": only("regie", "chair"),
    "vouchers.decide": only("chair"),
    "vouchers.payout_page": only(*STAFF),
    "vouchers.pay_out": only(*STAFF),
    "vouchers.review_accountability": only(*STAFF),
}


def in_state(state: str) -> dict[str, dict[str, str]]:
    """The answers that differ from CASES when the world's request is in `state`."""
    if state not in NOT_SUBMITTED:
        return {}
    return {"vouchers.assess": only(), "vouchers.decide": only()}


def url_args(team, people) -> dict[str, object]:
    return {}
