"""Who sees and writes the evaluation: the team's members and trekkers write it and add
photos; the whole team and staff read it. What the public sees is decided in services
(public_story, photo_for): only a public story, and photos with consent."""

from app.activities.policy import is_planner
from app.core.policy import is_staff, rule
from app.teams.policy import active_role


@rule("evaluation.view")
def view(user, team) -> bool:
    return active_role(user, team) is not None or is_staff(user, team)


@rule("evaluation.edit")
def edit(user, team) -> bool:
    return is_planner(user, team)
