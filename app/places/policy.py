from app.core.policy import is_staff, rule


@rule("places.manage")
def manage(user, _obj) -> bool:
    return is_staff(user)
