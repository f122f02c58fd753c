"""The dashboard is the coordinators' (and admins') own: residents never see signals, and a
coordinator sees those of the teams in their scope (the lists are filtered by core.scope)."""

from app.core.policy import is_staff, rule


@rule("coordination.view")
def view(user, _obj) -> bool:
    return is_staff(user)


@rule("coordination.snooze")
def snooze(user, team) -> bool:
    return is_staff(user, team)
