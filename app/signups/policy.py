"""Who sees and works the sign-up list: the team (never the public), and coordinators."""

from app.activities.policy import is_planner
from app.core.policy import is_staff, rule
from app.teams.policy import active_role


@rule("signup.view_list")
def view_list(user, team) -> bool:
    return active_role(user, team) is not None or is_staff(user, team)


@rule("signup.check_in")
def check_in(user, team) -> bool:
    """The team's members and trekkers at the door, and staff who help out there."""
    return is_planner(user, team) or is_staff(user, team)
