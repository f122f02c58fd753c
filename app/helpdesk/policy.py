"""Who may do what in helpdesk (rules registered with core.policy.rule).

A team's active members ask questions for their team and talk in its threads; coordinators
and admins (staff) see every question of the teams in their scope, answer, assign, set any status and enter a question
for a resident who asked by phone or at the buurthuis. Everyone else meets 403 or 404."""

from app.core.policy import is_staff, rule
from app.teams.policy import active_role, is_open


def _in_team(user, team) -> bool:
    return active_role(user, team) is not None


@rule("question.ask")
def ask(user, team) -> bool:
    return _in_team(user, team) and is_open(team)


@rule("question.view")
def view(user, team) -> bool:
    return _in_team(user, team) or is_staff(user, team)


@rule("question.reply")
def reply(user, team) -> bool:
    return _in_team(user, team) or is_staff(user, team)


@rule("question.resolve")
def resolve(user, team) -> bool:
    return _in_team(user, team) or is_staff(user, team)


@rule("helpdesk.manage")
def manage(user, team) -> bool:
    """The coordinators' list, assigning, any status, and asking for a resident."""
    return is_staff(user, team)
