"""Who may do what in outreach (rules registered with core.policy.rule): the records are
the professionals' working notes, so coordinators and admins only (of the neighbourhood's
municipality); residents never."""

from app.core.policy import is_staff, rule
from app.core.scope import staff_in
from app.places.models import Neighbourhood


@rule("outreach.manage")
def manage(user, place) -> bool:
    """`place`: a neighbourhood or one of its areas, or None for the right to work on outreach
    at all."""
    if isinstance(place, Neighbourhood):
        return staff_in(user, place.id)
    return is_staff(user, place)
