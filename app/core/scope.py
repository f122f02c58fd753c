"""A coordinator works within their municipalities (places.models.CoordinatorScope); an
admin within the whole site. Outside the scope a record does not exist for staff: lists
leave it out (`in_scope`) and a refused action on it answers 404 (core.policy.authorize).

The scope is read once per request, in one statement, and only for a coordinator
(core.request_cache: read again after a change): the municipalities, not their
neighbourhoods (thousands in a large municipality); a rule about a neighbourhood looks up
that neighbourhood's municipality, usually already loaded with the record it is about."""

from dataclasses import dataclass

import sqlalchemy as sa

from app.core.request_cache import request_cache
from app.extensions import db
from app.places.models import CoordinatorScope, Neighbourhood


@dataclass(frozen=True)
class Scope:
    municipalities: frozenset[int]


def _read(user_id: int) -> Scope:
    rows = db.session.scalars(sa.select(CoordinatorScope.municipality_id).where(CoordinatorScope.user_id == user_id))
    return Scope(frozenset(rows))


def _role(user) -> str | None:
    if not user.is_authenticated:
        return None
    return "admin" if user.is_admin else "coordinator" if user.is_coordinator else None


NOWHERE = Scope(frozenset())


def scope_of(user) -> Scope | None:
    """The municipalities and neighbourhoods a coordinator works in; None for the whole site
    (an admin). Someone who is neither has an empty scope."""
    role = _role(user)
    if role != "coordinator":
        return None if role == "admin" else NOWHERE
    kept = request_cache("scopes")
    if user.id not in kept:
        kept[user.id] = _read(user.id)
    return kept[user.id]


def staff_for(user, municipality_id: int | None) -> bool:
    """Staff for this municipality: an admin, or a coordinator who has it."""
    if _role(user) is None:
        return False
    scope = scope_of(user)
    return scope is None or municipality_id in scope.municipalities


def staff_in(user, neighbourhood_id: int | None) -> bool:
    """Staff for this neighbourhood: an admin, or a coordinator of its municipality."""
    role = _role(user)
    if role != "coordinator":
        return role == "admin"
    neighbourhood = None if neighbourhood_id is None else db.session.get(Neighbourhood, neighbourhood_id)
    return neighbourhood is not None and neighbourhood.municipality_id in scope_of(user).municipalities


def municipality_in_scope(user, municipality_column) -> sa.ColumnElement[bool]:
    """A where-clause: the rows of a municipality in the user's scope (all for an admin, none
    for someone without staff rights). A subquery: a list reads no scope beforehand."""
    role = _role(user)
    if role is None:
        return sa.false()
    if role == "admin":
        return sa.true()
    return _of_coordinator(user.id, municipality_column)


def _of_coordinator(user_id, municipality_column) -> sa.ColumnElement[bool]:
    return municipality_column.in_(
        sa.select(CoordinatorScope.municipality_id).where(CoordinatorScope.user_id == user_id)
    )


def in_scope(user, neighbourhood_column) -> sa.ColumnElement[bool]:
    """A where-clause: the rows whose neighbourhood lies in the user's scope."""
    if _role(user) == "admin":
        return sa.true()
    return neighbourhood_column.in_(
        sa.select(Neighbourhood.id).where(municipality_in_scope(user, Neighbourhood.municipality_id))
    )


def in_scope_of(coordinator_id, neighbourhood_column) -> sa.ColumnElement[bool]:
    """`in_scope` of a coordinator given by id, which can be a parameter of a statement that
    is built once."""
    return neighbourhood_column.in_(
        sa.select(Neighbourhood.id).where(_of_coordinator(coordinator_id, Neighbourhood.municipality_id))
    )


def scope_key(user) -> str:
    """The scope in a cache key: pages remembered for one scope are never shown in another."""
    scope = scope_of(user)
    return "all" if scope is None else "m" + ",".join(map(str, sorted(scope.municipalities)))


def coordinators_of(neighbourhood_id: int) -> sa.Select:
    """The ids of the coordinators whose scope holds this neighbourhood (for `User.id.in_`):
    who is told about, or can be given, a team's question."""
    return (
        sa.select(CoordinatorScope.user_id)
        .join(Neighbourhood, Neighbourhood.municipality_id == CoordinatorScope.municipality_id)
        .where(Neighbourhood.id == neighbourhood_id)
    )
