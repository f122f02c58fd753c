"""The vocabulary of the permission matrix (tests/test_permissions.py): the roles and
helpers that say who gets which answer. Features' permission_cases.py use it too.

"regie" and "chair" are residents outside the world's team who sit in the regie-group of
the world's fund (tests/funds/permission_cases.py seats them); elsewhere they are residents.

The voucher routes are also asked in every state of the world's request: each status, and a
draft the team withdrew before submitting it (REQUEST_STATES).

The scope dimension (issue 26): "own" is a coordinator of the world's municipality only, who
gets what the world's coordinator gets; "elsewhere" a coordinator of another municipality
only, to whom the world's records do not exist (`outside_scope`). The world's "coordinator"
works in every municipality (a "regio" coordinator)."""

from app.money.requests.models import RequestStatus

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


SCOPE_ROLES = ("own", "elsewhere")
# URL arguments that name a record of the world, which lies in the world's municipality.
SCOPED = {
    "team_id", "membership_id", "invitation_id", "neighbourhood_id", "municipality_id", "user_id", "note_id",
    "resident_id", "snooze_id", "fund_id", "seat_id", "request_id", "receipt_id", "question_id", "area_id",
    "record_id", "activity_id", "item_id", "photo_id", "sign_up_id",
}  # fmt: skip


def outside_scope(answers: dict[str, str], arguments) -> str:
    """What a coordinator of another municipality gets: where residents are let in, what a
    resident gets (a public page, joining a team); on a record of the world where the world's
    coordinator is let in or refused, 404 (it does not exist for them); and on a page without
    such a record (their own lists), what the world's coordinator gets. A feature names the
    exceptions in ELSEWHERE."""
    if answers["resident"] == "ok":
        return "ok"
    if answers["coordinator"] in ("ok", "forbidden") and SCOPED & set(arguments):
        return "notfound"
    return answers["coordinator"]
