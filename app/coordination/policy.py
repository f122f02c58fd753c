"""The dashboard is the coordinators' (and admins') own: residents never see signals."""

from app.core.policy import is_staff, rule


@rule("coordination.view")
def view(user, _obj) -> bool:
    return is_staff(user)


@rule("coordination.snooze")
def snooze(user, _obj) -> bool:
    return is_staff(user)
