"""Who may do what in reports: coordinators and admins read the reports; the impact page is
public (it shows totals and the stories teams made public, never a person)."""

from app.core.policy import is_staff, rule


@rule("report.view")
def view(user, _obj) -> bool:
    return is_staff(user)
