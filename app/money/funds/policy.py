"""Who may set up a fund and look inside it. Coordinators manage; the regie-group reads
its own fund during its term; everyone reads the public summary and decision list."""

from app.core.policy import is_staff, rule
from app.money.regie import in_regie_group


@rule("fund.manage")
def manage(user, fund) -> bool:
    """Without a fund: the right to manage funds at all (a fund in the scope)."""
    return is_staff(user, fund)


@rule("fund.view")
def view(user, fund) -> bool:
    return is_staff(user, fund) or in_regie_group(user, fund)


@rule("fund.correct")
def correct(user, fund) -> bool:
    return is_staff(user, fund)
