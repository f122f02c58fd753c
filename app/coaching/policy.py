"""Who may do what in coaching (rules registered with core.policy.rule): coordinators and
admins only, for the teams and residents in their scope. Residents — members, trekkers,
regie members — never see a note or act for someone else."""

from app.core.policy import is_staff, rule


@rule("coaching.view")
def view(user, team) -> bool:
    return is_staff(user, team)


@rule("coaching.write")
def write(user, team) -> bool:
    """Notes, the support level and the handover."""
    return is_staff(user, team)


@rule("coaching.act_on_behalf")
def act_on_behalf(user, team) -> bool:
    """A join request or a sign-up entered for a resident who asked for it."""
    return is_staff(user, team)


@rule("coaching.residents")
def residents(user, resident=None) -> bool:
    """Registering a resident without e-mail, seeing their contact and consent, and handing
    them an account of their own. With a resident: one who lives in the scope."""
    return is_staff(user, resident)
