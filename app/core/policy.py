"""One permission check for the whole app, deny by default.

Features register a rule per action (`@rule("team.edit")`); `can()` asks about an
action that nobody registered raises `UnknownAction`, so a forgotten rule fails
a test instead of opening a door.

Staff work within a scope (core.scope): a staff member refused on a record outside their
scope gets 404, not 403, as if the record did not exist.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import abort
from flask_login import current_user

from app.core.errors import NotAllowed, UnknownAction
from app.core.i18n import lazy_gettext as _l
from app.core.scope import staff_in

Rule = Callable[[Any, Any], bool]
_rules: dict[str, Rule] = {}


def rule(action: str) -> Callable[[Rule], Rule]:
    def register(fn: Rule) -> Rule:
        if action in _rules:
            raise ValueError(f"rule for {action!r} registered twice")
        _rules[action] = fn
        return fn

    return register


def can(user, action: str, obj: Any = None) -> bool:
    try:
        check = _rules[action]
    except KeyError:
        raise UnknownAction(action) from None
    return bool(check(user, obj))


def authorize(user, action: str, obj: Any = None, place: Any = None) -> None:
    """Refuse (403) unless `user` may do `action` on `obj`; 404 for staff when the record lies
    outside their scope. `place` is the record with the neighbourhood, when `obj` has none
    (a voucher request's team)."""
    if not can(user, action, obj):
        if outside_scope(user, place if place is not None else obj):
            abort(404)
        raise NotAllowed(_l("U mag dit niet doen."))


def is_staff(user, place: Any = None) -> bool:
    """A coordinator or an admin; with `place` (a record with a neighbourhood: a team, a fund,
    a person), staff for that record: an admin, or a coordinator of its municipality."""
    if place is None:
        return user.is_authenticated and (user.is_coordinator or user.is_admin)
    return staff_in(user, place.neighbourhood_id)


def outside_scope(user, place: Any) -> bool:
    """Staff to whom this record does not exist: its neighbourhood is not in their scope."""
    return hasattr(place, "neighbourhood_id") and is_staff(user) and not is_staff(user, place)


def requires(action: str):
    """For routes whose rule needs no object: check it before anything is loaded, so that a
    refused person gets 403 whether or not the id in the URL exists (no probing)."""

    def decorate(view):
        @wraps(view)
        def guarded(*args, **kwargs):
            authorize(current_user, action)
            return view(*args, **kwargs)

        return guarded

    return decorate
