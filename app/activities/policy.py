"""Who may see and work on a team's activities. Rules take the team: activities are
always loaded through it. Supporters (adults helping a JUNIOR team) may look along, but
the plan is made and ticked off by the team's members and trekkers."""

from app.core.policy import is_staff, rule
from app.teams.models import MemberRole
from app.teams.policy import active_role, is_open, is_trekker

PLANNERS = (MemberRole.TREKKER, MemberRole.MEMBER)


def is_planner(user, team) -> bool:
    return is_open(team) and active_role(user, team) in PLANNERS


@rule("activity.view")
def view(user, team) -> bool:
    return active_role(user, team) is not None or is_staff(user, team)


@rule("activity.plan")
def plan(user, team) -> bool:
    return is_planner(user, team)


@rule("activity.delete")
def delete(user, team) -> bool:
    return is_open(team) and is_trekker(user, team)
