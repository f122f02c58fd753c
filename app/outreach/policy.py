"""Who may do what in outreach (rules registered with core.policy.rule): the records are
the professionals' working notes, so coordinators and admins only; residents never."""

from app.core.policy import is_staff, rule


@rule("outreach.manage")
def manage(user, _obj) -> bool:
    return is_staff(user)
