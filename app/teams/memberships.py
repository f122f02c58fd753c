"""Who is in a team: join requests, invitations, leaving, handing over, removing, and
correcting a birth year; with the messages these send. Services flush; the request commits.

A change that depends on who is in the team (a decision on a request, a hand-over, a
removal, leaving, joining by link) takes the team's row lock first and reads the
memberships after it (`_lock`): two such changes to one team at the same moment happen
one after the other, each on what the other left, so a request is decided once and a
team keeps its trekker."""

import functools
import secrets
from datetime import timedelta

import sqlalchemy as sa
from flask import abort, current_app
from flask_babel import gettext as _
from sqlalchemy.orm import joinedload

from app.accounts.models import User
from app.core.audit import record
from app.core.errors import RuleViolated
from app.core.i18n import lazy_gettext as _l
from app.core.locks import locked
from app.core.models import utcnow
from app.core.notifications import message, notify
from app.core.policy import authorize
from app.core.urls import path_for
from app.extensions import db
from app.teams.models import (
    Invitation,
    MemberRole,
    Membership,
    MembershipState,
    Team,
    TeamKind,
)
from app.teams.policy import is_trekker, membership_of
from app.teams.services import is_young, junior_role, touch, trekkers_of

# --- reading ----------------------------------------------------------------------


def _waiting(user) -> sa.ColumnElement[bool]:
    """`user` may be the User entity: the menu reads this with the account (main.menu), and
    then its teams' memberships are the subquery's own rows, never the outer query's."""
    led = (
        sa.select(Membership.team_id)
        .where(
            Membership.user_id == user.id,
            Membership.role == MemberRole.TREKKER,
            Membership.state == MembershipState.ACTIVE,
        )
        .correlate_except(Membership)
    )
    return sa.and_(Membership.team_id.in_(led.scalar_subquery()), Membership.state == MembershipState.REQUESTED)


def pending_requests(user) -> dict[int, int]:
    """Per team that this person leads: how many join requests wait for an answer."""
    if not user.is_authenticated:
        return {}
    rows = db.session.execute(
        sa.select(Membership.team_id, sa.func.count()).where(_waiting(user)).group_by(Membership.team_id)
    )
    return {team_id: count for team_id, count in rows}


def waiting_query(user) -> sa.Select:
    """All join requests waiting for this person's answer (for the menu)."""
    return sa.select(sa.func.count()).select_from(Membership).where(_waiting(user))


def is_only_trekker(user, team: Team) -> bool:
    return is_trekker(user, team) and _trekker_count(team) <= 1


@functools.cache
def _of_team(names_only: bool) -> sa.Select:
    """Built once (the team page reads it), with the team as a parameter."""
    accounts = (
        (joinedload(Membership.user).load_only(User.name, raiseload=True),)
        if names_only
        else (joinedload(Membership.user), joinedload(Membership.entered_by))
    )
    return (
        sa.select(Membership)
        .options(*accounts)
        .where(Membership.team_id == sa.bindparam("team_id"))
        .order_by(Membership.state.desc(), Membership.role, Membership.id)
    )


def of_team(team: Team, names_only: bool = False) -> list[Membership]:
    """Everyone linked to the team, requests first, with their accounts: whole, or only their
    names (the team page, which reads no more of them)."""
    return list(db.session.scalars(_of_team(names_only), {"team_id": team.id}))


def _open_invitations(team: Team) -> sa.Select:
    return sa.select(Invitation).where(
        Invitation.team_id == team.id, Invitation.revoked_at.is_(None), Invitation.expires_at > utcnow()
    )


def open_invitations(team: Team) -> list[Invitation]:
    return list(db.session.scalars(_open_invitations(team).order_by(Invitation.id)))


def open_invitation(team: Team, invitation_id: int) -> Invitation | None:
    """One of the team's links that still works; another team's does not exist here."""
    return db.session.scalar(_open_invitations(team).where(Invitation.id == invitation_id))


def membership_in(team: Team, membership_id: int) -> Membership:
    """For routes: someone's membership of this team with their account, or 404."""
    membership = db.session.scalar(
        sa.select(Membership)
        .options(joinedload(Membership.user))
        .where(Membership.id == membership_id, Membership.team_id == team.id)
    )
    if membership is None:
        abort(404)
    return membership


def teams_of(user) -> list[Membership]:
    return list(
        db.session.scalars(
            sa.select(Membership)
            .options(joinedload(Membership.team), joinedload(Membership.entered_by))
            .where(Membership.user_id == user.id)
            .order_by(Membership.id)
        )
    )


def invitation_by_token(token: str) -> Invitation | None:
    return db.session.scalar(
        sa.select(Invitation).options(joinedload(Invitation.team)).where(Invitation.token == token)
    )


# --- changing ---------------------------------------------------------------------


def _lock(team: Team, trekker=None) -> None:
    """The team's row lock until the commit; who is in the team is read again after it.
    With `trekker`: the person who manages the members must still lead the team then."""
    locked(team)
    if trekker is not None and not is_trekker(trekker, team):
        raise RuleViolated(_l("U bent geen trekker (meer) van dit team."))


def _get_membership(team: Team, membership_id: int) -> Membership:
    membership = db.session.scalar(
        sa.select(Membership)
        .where(Membership.id == membership_id, Membership.team_id == team.id)
        .execution_options(populate_existing=True)
    )
    if membership is None:
        raise RuleViolated(_l("Deze persoon hoort niet (meer) bij het team."))
    return membership


def _trekker_count(team: Team) -> int:
    return db.session.scalar(
        sa.select(sa.func.count()).where(
            Membership.team_id == team.id,
            Membership.role == MemberRole.TREKKER,
            Membership.state == MembershipState.ACTIVE,
        )
    )


def request_to_join(
    actor, team: Team, message: str, birth_year: int | None = None, entered_by: User | None = None
) -> Membership:
    """Ask to join; a trekker accepts or declines. One request or membership per person.
    A coordinator may enter it for a resident who asked (`entered_by`): then the coordinator
    is the actor in the audit log, and the caller tells the resident."""
    authorize(actor, "team.request_join", team)
    if entered_by is not None:
        authorize(entered_by, "coaching.act_on_behalf", team)
    role = junior_role(actor, birth_year) if team.is_junior else MemberRole.MEMBER
    membership = Membership(
        team_id=team.id,
        user_id=actor.id,
        role=role,
        state=MembershipState.REQUESTED,
        message=(message or "").strip(),
        entered_by_id=entered_by.id if entered_by is not None else None,
    )
    db.session.add(membership)
    behalf = {"on_behalf_of": actor.id} if entered_by is not None else {}
    record(entered_by or actor, "membership.requested", team, user_id=actor.id, role=role, **behalf)
    for trekker in trekkers_of([team.id]).get(team.id, []):
        notify(
            trekker,
            "team.join_requested",
            _members_page(team),
            about=actor,
            team_id=team.id,
            team=team.name,
            name=actor.first_name,
        )
    db.session.flush()
    return membership


def decide_request(actor, team: Team, membership_id: int, accept: bool) -> Membership:
    """A trekker accepts a request (it becomes a membership) or declines it (it is removed)."""
    authorize(actor, "team.manage_members", team)
    _lock(team, trekker=actor)
    membership = _get_membership(team, membership_id)
    if membership.state != MembershipState.REQUESTED:
        raise RuleViolated(_l("Over dit verzoek is al beslist."))
    person = db.session.get(User, membership.user_id)
    if accept:
        membership.state = MembershipState.ACTIVE
        touch(actor, team)
        record(actor, "membership.accepted", team, user_id=membership.user_id, role=membership.role)
        notify(
            person, "team.request_accepted", path_for("teams.show", team_id=team.id), team_id=team.id, team=team.name
        )
    else:
        db.session.delete(membership)
        record(actor, "membership.declined", team, user_id=membership.user_id)
        notify(person, "team.request_declined", team_id=team.id, team=team.name)
    db.session.flush()
    return membership


def create_invitation(actor, team: Team) -> Invitation:
    """A link that lets anyone with an account join directly, until it expires or is revoked."""
    authorize(actor, "team.manage_members", team)
    invitation = Invitation(
        team_id=team.id,
        token=secrets.token_urlsafe(24),
        created_by_id=actor.id,
        expires_at=utcnow() + timedelta(days=current_app.config["INVITATION_DAYS"]),
    )
    db.session.add(invitation)
    db.session.flush()
    record(actor, "invitation.created", team, invitation_id=invitation.id)
    return invitation


def revoke_invitation(actor, team: Team, invitation_id: int) -> None:
    authorize(actor, "team.manage_members", team)
    invitation = db.session.scalar(
        sa.select(Invitation).where(Invitation.id == invitation_id, Invitation.team_id == team.id)
    )
    if invitation is None or invitation.revoked_at is not None:
        raise RuleViolated(_l("Deze uitnodiging bestaat niet meer."))
    invitation.revoked_at = utcnow()
    record(actor, "invitation.revoked", team, invitation_id=invitation.id)
    db.session.flush()


def join_by_invitation(actor, token: str, birth_year: int | None = None) -> Membership:
    """Whoever holds a valid link joins at once, as supporter when 25+ in a JUNIOR team."""
    invitation = invitation_by_token(token)
    if invitation is None or not invitation.is_usable(utcnow()):
        raise RuleViolated(_l("Deze uitnodiging is verlopen of ingetrokken. Vraag het team om een nieuwe link."))
    team = invitation.team
    _lock(team)
    existing = membership_of(actor, team)
    if existing is not None and existing.state == MembershipState.ACTIVE:
        raise RuleViolated(_l("U bent al lid van dit team."))
    authorize(actor, "team.join_by_invitation", team)
    role = junior_role(actor, birth_year) if team.is_junior else MemberRole.MEMBER
    membership = existing or Membership(team_id=team.id, user_id=actor.id)
    membership.role, membership.state = role, MembershipState.ACTIVE
    db.session.add(membership)
    touch(actor, team)
    record(actor, "membership.joined_by_invitation", team, user_id=actor.id, invitation_id=invitation.id)
    db.session.flush()
    return membership


def leave(actor, team: Team) -> None:
    """A member leaves, or withdraws a request; the last trekker must hand the role on first.
    Under the team's lock two trekkers leaving at once count one after the other, so the
    second finds itself the last."""
    authorize(actor, "team.leave", team)
    _lock(team)
    membership = membership_of(actor, team)
    if membership is None:
        raise RuleViolated(_l("U hoort niet (meer) bij dit team."))
    if is_trekker(actor, team) and _trekker_count(team) <= 1:
        raise RuleViolated(_l("U bent de enige trekker. Geef de rol eerst aan iemand anders in het team."))
    db.session.delete(membership)
    record(actor, "membership.left", team, user_id=actor.id)
    db.session.flush()


def hand_over(actor, team: Team, membership_id: int) -> None:
    """A trekker makes another member trekker and becomes a member; supporters cannot lead
    a JUNIOR team."""
    authorize(actor, "team.manage_members", team)
    _lock(team, trekker=actor)
    target = _get_membership(team, membership_id)
    if target.state != MembershipState.ACTIVE or target.role == MemberRole.TREKKER:
        raise RuleViolated(_l("Kies iemand die lid is van het team en nog geen trekker is."))
    if target.role == MemberRole.SUPPORTER and team.is_junior:
        raise RuleViolated(_l("In een JUNIOR-team is de trekker jonger dan 25."))
    own = membership_of(actor, team)
    target.role = MemberRole.TREKKER
    own.role = MemberRole.MEMBER
    touch(actor, team)
    record(actor, "membership.trekker_handed_over", team, from_user_id=actor.id, to_user_id=target.user_id)
    db.session.flush()


def remove_member(actor, team: Team, membership_id: int) -> None:
    """A trekker removes someone from the team; their access ends at once and they are told
    in-app. Trekkers hand their role on or leave themselves instead of being removed."""
    authorize(actor, "team.manage_members", team)
    _lock(team, trekker=actor)
    membership = _get_membership(team, membership_id)
    if membership.state != MembershipState.ACTIVE:
        raise RuleViolated(_l("Deze persoon is nog geen lid. Wijs de aanmelding af."))
    if membership.role == MemberRole.TREKKER:
        raise RuleViolated(_l("Een trekker kan niet worden verwijderd. Een trekker kan zelf het team verlaten."))
    db.session.delete(membership)
    record(actor, "membership.removed", team, user_id=membership.user_id)
    notify(db.session.get(User, membership.user_id), "team.member_removed", team_id=team.id, team=team.name)
    db.session.flush()


def correct_birth_year(actor, team: Team, membership_id: int, birth_year: int) -> list[Membership]:
    """A coordinator corrects someone's year of birth (the person declared it once) and every
    JUNIOR role of that person is checked again: 25 or older makes a member a supporter, and
    a trekker a supporter too (a team left without trekker shows up for its coordinator).
    Returns the memberships whose role changed."""
    authorize(actor, "team.correct_birth_year", team)
    user = db.session.get(User, _get_membership(team, membership_id).user_id)
    record(actor, "user.birth_year_corrected", user, old=user.birth_year, new=birth_year)
    user.birth_year = birth_year
    changed: list[Membership] = []
    if is_young(birth_year):
        db.session.flush()
        return changed
    junior_memberships = db.session.scalars(
        sa.select(Membership)
        .join(Team)
        .options(joinedload(Membership.team))
        .where(
            Membership.user_id == user.id,
            Team.kind == TeamKind.JUNIOR,
            Membership.state == MembershipState.ACTIVE,
            Membership.role != MemberRole.SUPPORTER,
        )
    )
    for membership in junior_memberships:
        membership.role = MemberRole.SUPPORTER
        record(actor, "membership.role_rechecked", membership.team, user_id=user.id, role=MemberRole.SUPPORTER)
        changed.append(membership)
    db.session.flush()
    return changed


# --- telling people ---------------------------------------------------------------


@message("team.member_removed")
def _removed_text(data) -> str:
    return _("U bent door een trekker uit het team %(team)s gehaald.", team=data["team"])


@message("team.join_requested")
def _requested_text(data) -> str:
    return _("%(name)s wil meedoen met %(team)s. Wilt u de aanmelding bekijken?", name=data["name"], team=data["team"])


@message("team.request_accepted")
def _accepted_text(data) -> str:
    return _("Welkom! U doet nu mee met %(team)s.", team=data["team"])


@message("team.request_declined")
def _declined_text(data) -> str:
    return _("De trekkers van %(team)s hebben uw aanmelding niet aangenomen.", team=data["team"])


def _members_page(team: Team) -> str:
    return path_for("teams.members", team_id=team.id)
