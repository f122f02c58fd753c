"""Administration of accounts: the global roles and account state, and the user list.
There is always an active admin left."""

import sqlalchemy as sa
from flask import current_app

from app.accounts.models import User
from app.accounts.services import end_other_sessions, send_reset_link
from app.core.audit import record
from app.core.errors import RuleViolated
from app.core.i18n import lazy_gettext as _l
from app.core.models import utcnow
from app.core.pagination import Cursor, Keyset, keyset
from app.core.policy import authorize
from app.core.text import contains_pattern
from app.extensions import db


def _other_active_admins(user: User) -> int:
    """How many other active admins there are, with their rows locked until the commit: two
    admins demoting each other at the same moment must not leave nobody in charge."""
    # All admin rows, always in id order: two requests that each locked "the others" would
    # wait for each other's rows (a deadlock) instead of one waiting its turn.
    admins = db.session.scalars(
        sa.select(User.id)
        .where(User.is_admin.is_(True), User.deactivated_at.is_(None))
        .order_by(User.id)
        .with_for_update()
    ).all()
    return len([id_ for id_ in admins if id_ != user.id])


def keep_an_admin(user: User) -> None:
    if user.is_admin and user.is_active and _other_active_admins(user) == 0:
        raise RuleViolated(_l("Er moet altijd minstens één beheerder overblijven."))


def set_roles(actor: User, user: User, is_admin: bool, is_coordinator: bool) -> None:
    """Admins grant and revoke the global roles; an admin cannot drop their own admin role,
    and the last admin stays one."""
    authorize(actor, "user.manage_roles", user)
    if user.id == actor.id and not is_admin:
        raise RuleViolated(_l("U kunt uw eigen beheerdersrol niet intrekken."))
    if user.email is None and (is_admin or is_coordinator):
        raise RuleViolated(_l("Dit account heeft geen e-mailadres: er kan niemand mee inloggen."))
    if (user.is_admin, user.is_coordinator) == (is_admin, is_coordinator):
        return
    if not is_admin:
        keep_an_admin(user)
    record(actor, "user.roles_changed", user, admin=is_admin, coordinator=is_coordinator)
    user.is_admin, user.is_coordinator = is_admin, is_coordinator
    db.session.flush()


def deactivate(actor: User, user: User, reason: str) -> None:
    """Stop an account (abuse): its sessions and remember-me cookies die at once and it
    cannot log in until an admin reactivates it. Not oneself, not the last admin."""
    authorize(actor, "user.manage_roles", user)
    if user.id == actor.id:
        raise RuleViolated(_l("U kunt uw eigen account niet stopzetten."))
    if not user.is_active:
        raise RuleViolated(_l("Dit account is al stopgezet."))
    keep_an_admin(user)
    user.deactivated_at, user.deactivation_reason = utcnow(), reason.strip()
    end_other_sessions(user)
    record(actor, "user.deactivated", user, reason=user.deactivation_reason)
    db.session.flush()


def reactivate(actor: User, user: User) -> None:
    authorize(actor, "user.manage_roles", user)
    if user.is_active:
        raise RuleViolated(_l("Dit account is al actief."))
    if user.erased_at is not None:
        raise RuleViolated(_l("Dit account is verwijderd op verzoek van de bewoner; het kan niet meer aan."))
    user.deactivated_at, user.deactivation_reason = None, ""
    record(actor, "user.reactivated", user)
    db.session.flush()


def admin_send_reset(actor: User, user: User) -> None:
    """An admin mails a person a reset link (for someone who cannot get in)."""
    authorize(actor, "user.manage_roles", user)
    if not user.is_active:
        raise RuleViolated(_l("Zet het account eerst weer aan."))
    if user.email is None:
        raise RuleViolated(_l("Dit account heeft geen e-mailadres. Een coördinator kan het aan de bewoner overdragen."))
    send_reset_link(user)
    record(actor, "user.reset_link_sent", user)
    db.session.flush()


USER_FILTERS = {
    "admin": User.is_admin.is_(True),
    "coordinator": User.is_coordinator.is_(True),
    "resident": sa.and_(User.is_admin.is_(False), User.is_coordinator.is_(False)),
    "active": User.deactivated_at.is_(None),
    "deactivated": User.deactivated_at.is_not(None),
    "unconfirmed": User.email_confirmed_at.is_(None),
}


def search_users(term: str, role: str, state: str, cursor: Cursor) -> Keyset:
    """Every account in name order, keyset pages on ix_user_name_id (there are hundreds of
    thousands); the search and filters narrow it."""
    query = sa.select(User)
    if term.strip():
        pattern = contains_pattern(term.strip().lower())
        query = query.where(
            sa.or_(sa.func.lower(User.name).like(pattern, escape="\\"), User.email.like(pattern, escape="\\"))
        )
    for key in (role, state):
        if key in USER_FILTERS:
            query = query.where(USER_FILTERS[key])
    return keyset(query, (User.name, User.id), User, cursor, current_app.config["PAGE_SIZE"])
