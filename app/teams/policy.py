"""Who may do what with a team. Team roles are memberships, looked up once per request."""

import sqlalchemy as sa

from app.core.policy import is_staff, rule
from app.core.request_cache import request_cache
from app.extensions import db
from app.teams.models import MemberRole, Membership, MembershipState, Team, TeamStatus


def remember_membership(user, team: Team, membership: Membership | None) -> None:
    """The user's membership of the team as read with the team (teams.services): asked
    again only after a write."""
    if user.is_authenticated:
        request_cache("memberships")[user.id, team.id] = membership


def membership_of(user, team: Team) -> Membership | None:
    """The user's membership of the team (requested or active)."""
    if not user.is_authenticated:
        return None
    cache, key = request_cache("memberships"), (user.id, team.id)
    if key not in cache:
        # As the row is now, also when the session holds it from before a lock (teams.memberships).
        cache[key] = db.session.scalar(
            sa.select(Membership)
            .where(Membership.team_id == team.id, Membership.user_id == user.id)
            .execution_options(populate_existing=True)
        )
    return cache[key]


def active_role(user, team: Team) -> MemberRole | None:
    membership = membership_of(user, team)
    if membership is None or membership.state != MembershipState.ACTIVE:
        return None
    return membership.role


def is_trekker(user, team: Team) -> bool:
    return active_role(user, team) == MemberRole.TREKKER


def is_open(team: Team) -> bool:
    return team.status != TeamStatus.ARCHIVED


@rule("team.create")
def create(user, _obj) -> bool:
    return user.is_authenticated


@rule("team.edit")
def edit(user, team) -> bool:
    return is_open(team) and is_trekker(user, team) or is_staff(user, team)


@rule("team.view_members")
def view_members(user, team) -> bool:
    return is_trekker(user, team) or is_staff(user, team)


@rule("team.see_members")
def see_members(user, team) -> bool:
    """Who is in the team, by first name and role: for its own members (never e-mail)."""
    return active_role(user, team) is not None or is_staff(user, team)


@rule("team.manage_members")
def manage_members(user, team) -> bool:
    return is_open(team) and is_trekker(user, team)


@rule("team.request_join")
def request_join(user, team) -> bool:
    return user.is_authenticated and is_open(team) and membership_of(user, team) is None


@rule("team.join_by_invitation")
def join_by_invitation(user, team) -> bool:
    return user.is_authenticated and is_open(team)


@rule("team.leave")
def leave(user, team) -> bool:
    return membership_of(user, team) is not None


@rule("team.set_status")
def set_status(user, team) -> bool:
    return is_trekker(user, team) or is_staff(user, team)


@rule("team.correct_birth_year")
def correct_birth_year(user, team) -> bool:
    return is_staff(user, team)
