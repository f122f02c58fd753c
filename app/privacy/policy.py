"""Who may export or erase whose data. A person handles their own; staff handle a resident's
request (a coordinator: of a resident who lives in their scope; admins also a coordinator's),
never their own through the staff pages."""

from app.core.policy import is_staff, rule


@rule("privacy.own")
def own(user, _obj) -> bool:
    return user.is_authenticated


@rule("privacy.handle_request")
def handle_request(user, target) -> bool:
    """Staff pages; with a target: may this staff member act on that account?"""
    if target is None:
        return is_staff(user)
    if not is_staff(user, target):
        return False
    return target.id != user.id and (user.is_admin or not (target.is_admin or target.is_coordinator))


@rule("privacy.handle")
def handle(user, target) -> bool:
    """The services' check: one's own account, or a request staff may handle."""
    return user.is_authenticated and (target.id == user.id or handle_request(user, target))
