"""Who may do what in coaching (rules registered with core.policy.rule): coordinators and
admins only. Residents — members, trekkers, regie members — never see a note or act for
someone else."""

from app.core.policy import is_staff, rule


@rule("coaching.view")
def view(user, _team) -> bool:
    return is_staff(user)


@rule("coaching.write")
def write(user, _team) -> bool:
    """Notes, the support level and the handover."""
    return is_staff(user)


@rule("coaching.act_on_behalf")
def act_on_behalf(user, _team) -> bool:
    """A join request or a sign-up entered for a resident who asked for it."""
    return is_staff(user)


@rule("coaching.residents")
def residents(user, _obj=None) -> bool:
    """Registering a resident without e-mail, seeing their contact and consent, and handing
    them an account of their own."""
    return is_staff(user)
