"""One permission check for the whole app, deny by default.

Features register a rule per action (`@rule("team.edit")`); `can()` asks about an
action that nobody registered raises `UnknownAction`, so a forgotten rule fails
a test instead of opening a door.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any

from flask_babel import lazy_gettext as _l
from flask_login import current_user

from app.core.errors import NotAllowed, UnknownAction

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


def authorize(user, action: str, obj: Any = None) -> None:
    if not can(user, action, obj):
        raise NotAllowed(_l("U mag dit niet doen."))


def is_staff(user) -> bool:
    return user.is_authenticated and (user.is_coordinator or user.is_admin)


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
