"""Who may do what with templates: everyone reads the library, staff edit it, and team
members and trekkers adopt a template for a team they plan for."""

from app.activities.services import planning_teams
from app.core.policy import is_staff, rule


@rule("template.manage")
def manage(user, _obj) -> bool:
    return is_staff(user)


@rule("template.adopt")
def adopt(user, _template) -> bool:
    return user.is_authenticated and bool(planning_teams(user))
