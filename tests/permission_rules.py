"""The vocabulary of the permission matrix (tests/test_permissions.py): the six roles and
helpers that say who gets which answer. Features' permission_cases.py use it too."""

ROLES = ("visitor", "resident", "member", "trekker", "coordinator", "admin")
STAFF = ("coordinator", "admin")
TEAM = ("member", "trekker")


def everyone(answer: str = "ok") -> dict[str, str]:
    return dict.fromkeys(ROLES, answer)


def logged_in(answer: str = "ok") -> dict[str, str]:
    return {"visitor": "login"} | dict.fromkeys(ROLES[1:], answer)


def only(*allowed: str) -> dict[str, str]:
    return {"visitor": "login"} | {role: "ok" if role in allowed else "forbidden" for role in ROLES[1:]}
