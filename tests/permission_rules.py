"""The vocabulary of the permission matrix (tests/test_permissions.py): the roles and
helpers that say who gets which answer. Features' permission_cases.py use it too.

"regie" and "chair" are residents outside the world's team who sit in the regie-group of
the world's fund (tests/funds/permission_cases.py seats them); elsewhere they are residents.

The voucher routes are also asked in every state of the world's request: each status, and a
draft the team withdrew before submitting it (REQUEST_STATES)."""

from app.vouchers.models import RequestStatus

ROLES = ("visitor", "resident", "member", "trekker", "regie", "chair", "coordinator", "admin")
STAFF = ("coordinator", "admin")
TEAM = ("member", "trekker")
REGIE = ("regie", "chair")

WITHDRAWN_DRAFT = "withdrawn_draft"
REQUEST_STATES = (*(status.value for status in RequestStatus), WITHDRAWN_DRAFT)
# The states in which the team never sent the request: it is the team's own.
NOT_SUBMITTED = (RequestStatus.DRAFT.value, WITHDRAWN_DRAFT)


def everyone(answer: str = "ok") -> dict[str, str]:
    return dict.fromkeys(ROLES, answer)


def logged_in(answer: str = "ok") -> dict[str, str]:
    return {"visitor": "login"} | dict.fromkeys(ROLES[1:], answer)


def only(*allowed: str) -> dict[str, str]:
    def allows(role: str) -> bool:
        return role in allowed or (role in REGIE and "resident" in allowed)

    return {"visitor": "login"} | {role: "ok" if allows(role) else "forbidden" for role in ROLES[1:]}
