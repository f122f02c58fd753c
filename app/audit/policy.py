"""Only admins read the audit log: it names who did what, from which address."""

from app.core.policy import rule


@rule("audit.view")
def view(user, _obj) -> bool:
    return user.is_authenticated and user.is_admin
