"""Acting on a resident's behalf (digital inclusion): a coordinator enters a join request or
a sign-up for a resident who asked for it by phone or at the buurthuis. It goes through the
teams' and sign-ups' own services (capacity, waitlist and membership rules hold), it is
marked "namens ... door ..." wherever it shows, the coordinator is the actor in the audit
log with `on_behalf_of` the resident, and the resident is told in-app and by mail.
Services flush; the request commits."""

import sqlalchemy as sa
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from app.accounts.models import User
from app.accounts.services import find_user_by_email
from app.activities.models import Activity
from app.core.audit import record
from app.core.errors import RuleViolated
from app.core.notifications import message, notify
from app.core.policy import authorize, can
from app.core.urls import path_for
from app.extensions import db
from app.signups import services as signups
from app.signups.models import SignUp, SignUpStatus
from app.teams import memberships
from app.teams.models import Membership, Team, TeamStatus

# The pick list stays short enough for a phone; the e-mail field finds anyone else.
PICK_LIMIT = 300

# --- reading ---------------------------------------------------------------------------


def residents_to_pick(team: Team, not_in_team: bool) -> list[User]:
    """Active residents of the team's neighbourhood by name (not coordinators or admins),
    for the pick list; for a join request without those already in the team."""
    query = (
        sa.select(User)
        .where(
            User.neighbourhood_id == team.neighbourhood_id,
            User.deactivated_at.is_(None),
            User.email_confirmed_at.is_not(None),
            User.is_coordinator.is_(False),
            User.is_admin.is_(False),
        )
        .order_by(User.name, User.id)
        .limit(PICK_LIMIT)
    )
    if not_in_team:
        query = query.where(User.id.not_in(sa.select(Membership.user_id).where(Membership.team_id == team.id)))
    return list(db.session.scalars(query))


def _resident(actor, team: Team, user_id: int | None, email: str) -> User:
    """The resident picked from the list or named by e-mail address, with a plain message
    for each way it can go wrong."""
    email = (email or "").strip()
    if user_id is None and not email:
        raise RuleViolated(_l("Kies een bewoner uit de lijst of vul het e-mailadres van de bewoner in."))
    picked = db.session.get(User, user_id) if user_id is not None else None
    if user_id is not None and (picked is None or picked.neighbourhood_id != team.neighbourhood_id):
        raise RuleViolated(_l("Kies een bewoner uit de lijst."))
    by_email = find_user_by_email(email) if email else None
    if email and by_email is None:
        raise RuleViolated(
            _l("Er is geen account met dit e-mailadres. Vraag de bewoner met welk adres hij of zij zich aanmeldde.")
        )
    if picked is not None and by_email is not None and picked.id != by_email.id:
        raise RuleViolated(_l("De gekozen bewoner en het e-mailadres horen niet bij elkaar. Vul er één van in."))
    resident = picked or by_email
    if resident.id == actor.id or resident.is_coordinator or resident.is_admin:
        raise RuleViolated(_l("Kies een bewoner. Voor uzelf of een collega kunt u dit niet doen."))
    if not resident.is_active or resident.email_confirmed_at is None:
        raise RuleViolated(_l("Het account van deze bewoner is gestopt of nog niet geactiveerd."))
    return resident


# --- changing --------------------------------------------------------------------------


def join_on_behalf(
    actor,
    team: Team,
    user_id: int | None,
    email: str,
    channel: str,
    text: str = "",
    birth_year: int | None = None,
) -> Membership:
    """A join request for a resident (picked from the list or named by e-mail) who asked
    for it; the trekkers decide as always."""
    authorize(actor, "coaching.act_on_behalf", team)
    resident = _resident(actor, team, user_id, email)
    if team.status == TeamStatus.ARCHIVED:
        raise RuleViolated(_l("Dit team is gestopt. Aanmelden kan niet meer."))
    if not can(resident, "team.request_join", team):
        raise RuleViolated(_l("Deze bewoner is al lid van dit team of heeft zich al aangemeld."))
    membership = memberships.request_to_join(resident, team, text, birth_year, entered_by=actor)
    record(actor, "behalf.join_requested", membership, team_id=team.id, on_behalf_of=resident.id, channel=channel)
    notify(
        resident,
        "coaching.behalf_join",
        path_for("teams.show", team_id=team.id),
        about=actor,
        team=team.name,
        coordinator=actor.name,
    )
    return membership


def sign_up_on_behalf(actor, team: Team, activity: Activity, user_id: int | None, email: str, channel: str) -> SignUp:
    """A sign-up for a resident (picked from the list or named by e-mail) who asked for it:
    a place, or the waitlist, as for anyone."""
    authorize(actor, "coaching.act_on_behalf", team)
    resident = _resident(actor, team, user_id, email)
    if not signups.is_open(activity):
        raise RuleViolated(_l("Voor deze activiteit kan niemand zich nu aanmelden."))
    existing = signups.of_user(activity, resident)
    if existing is not None and existing.status in signups.HOLDING:
        raise RuleViolated(_l("Deze bewoner is al aangemeld voor deze activiteit."))
    sign_up = signups.sign_up_resident(resident, activity, entered_by=actor)
    record(actor, "behalf.signed_up", sign_up, activity_id=activity.id, on_behalf_of=resident.id, channel=channel)
    kind = "coaching.behalf_signup" if sign_up.status == SignUpStatus.CONFIRMED else "coaching.behalf_waitlist"
    notify(
        resident,
        kind,
        path_for("agenda.activity", activity_id=activity.id),
        about=actor,
        title=activity.title,
        coordinator=actor.name,
    )
    return sign_up


# --- telling the resident --------------------------------------------------------------


@message("coaching.behalf_join")
def _join_text(data) -> str:
    return _(
        "Zoals u vroeg, heeft %(coordinator)s u aangemeld bij %(team)s. De trekkers van het team beslissen "
        "erover. Klopt dit niet? Op de pagina van het team kunt u de aanmelding intrekken.",
        coordinator=data["coordinator"],
        team=data["team"],
    )


@message("coaching.behalf_signup")
def _signup_text(data) -> str:
    return _(
        "Zoals u vroeg, heeft %(coordinator)s u aangemeld voor %(title)s. Er is een plaats voor u. "
        "Kunt u toch niet? Op de pagina van de activiteit kunt u zich afmelden.",
        coordinator=data["coordinator"],
        title=data["title"],
    )


@message("coaching.behalf_waitlist")
def _waitlist_text(data) -> str:
    return _(
        "Zoals u vroeg, heeft %(coordinator)s u aangemeld voor %(title)s. De activiteit is vol: u staat op de "
        "wachtlijst. Komt er een plaats vrij, dan krijgt u bericht.",
        coordinator=data["coordinator"],
        title=data["title"],
    )
