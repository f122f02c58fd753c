"""Who manages the places. Staff manage the neighbourhoods of the municipalities in their
scope (a coordinator) or everywhere (an admin); only an admin adds a municipality, and then
gives coordinators their municipalities (accounts.scope)."""

from app.core.policy import is_staff, rule
from app.core.scope import staff_for, staff_in
from app.places.models import Municipality


@rule("places.manage")
def manage(user, place) -> bool:
    """Without a place: the pages at all. A municipality or a neighbourhood: one in the scope."""
    if place is None:
        return is_staff(user)
    if isinstance(place, Municipality):
        return staff_for(user, place.id)
    return staff_in(user, place.id)


@rule("places.add_municipality")
def add_municipality(user, _obj) -> bool:
    return user.is_authenticated and user.is_admin
