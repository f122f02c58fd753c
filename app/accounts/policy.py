from app.core.policy import rule


@rule("user.manage_roles")
def manage_roles(user, _target) -> bool:
    return user.is_authenticated and user.is_admin
