"""Acting on a resident's behalf (digital inclusion): a coordinator enters a join request or
a sign-up for a resident who asked for it by phone or at the buurthuis. It goes through the
teams' and sign-ups' own services (capacity, waitlist and membership rules hold), it is
marked "namens ... door ..." wherever it shows, the coordinator is the actor in the audit
log with `on_behalf_of` the resident, and the resident is told in-app and by mail (a resident
without e-mail, coaching.residents, in-app only: the coordinator tells them).
Services flush; the request commits."""

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.orm import joinedload

from app.accounts.models import User
from app.activities.models import Activity
from app.coaching import residents
from app.core.audit import record
from app.core.errors import RuleViolated
from app.core.i18n import lazy_gettext as _l
from app.core.notifications import message, notify
from app.core.policy import authorize, can
from app.core.urls import path_for
from app.extensions import db
from app.places.models import Neighbourhood
from app.signups import services as signups
from app.signups.models import SignUp, SignUpStatus
from app.teams import memberships
from app.teams.models import Membership, Team, TeamStatus

# Enough to find a name among namesakes; more means: type more of the name.
FOUND_LIMIT = 20

# --- reading ---------------------------------------------------------------------------


def _in_reach(team: Team) -> sa.ColumnElement[bool]:
    """Residents of the team's municipality: the coordinator works for it, and a neighbour
    from the next neighbourhood may join too."""
    municipality = sa.select(Neighbourhood.municipality_id).where(Neighbourhood.id == team.neighbourhood_id)
    neighbourhoods = sa.select(Neighbourhood.id).where(Neighbourhood.municipality_id == municipality.scalar_subquery())
    return User.neighbourhood_id.in_(neighbourhoods)


def find_residents(team: Team, term: str, not_in_team: bool) -> list[User]:
    """Residents in reach whose name holds `term`, by name, with their neighbourhood (a
    name alone does not tell namesakes apart); for a join request without those already in
    the team. Up to FOUND_LIMIT + 1, so the page can say there were more."""
    if not term.strip():
        return []
    query = (
        sa.select(User)
        .options(joinedload(User.neighbourhood))
        .where(_in_reach(team), residents.can_be_acted_for(), residents.name_matches(term))
        .order_by(User.name, User.id)
        .limit(FOUND_LIMIT + 1)
    )
    if not_in_team:
        query = query.where(User.id.not_in(sa.select(Membership.user_id).where(Membership.team_id == team.id)))
    return list(db.session.scalars(query))


def _resident(actor, team: Team, user_id: int | None) -> User:
    """The resident picked from the names found, with a plain message for each way it can
    go wrong."""
    if user_id is None:
        raise RuleViolated(_l("Zoek de bewoner op naam en kies hem of haar uit de lijst."))
    resident = db.session.scalar(sa.select(User).where(User.id == user_id, _in_reach(team)))
    if resident is None:
        raise RuleViolated(_l("Kies een bewoner uit de lijst."))
    if resident.id == actor.id or resident.is_coordinator or resident.is_admin:
        raise RuleViolated(_l("Kies een bewoner. Voor uzelf of een collega kunt u dit niet doen."))
    if not db.session.scalar(sa.select(residents.can_be_acted_for()).where(User.id == resident.id)):
        raise RuleViolated(_l("Het account van deze bewoner is gestopt of nog niet geactiveerd."))
    return resident


# --- changing --------------------------------------------------------------------------


def join_on_behalf(
    actor,
    team: Team,
    user_id: int | None,
    channel: str,
    text: str = "",
    birth_year: int | None = None,
) -> Membership:
    """A join request for a resident who asked for it; the trekkers decide as always."""
    authorize(actor, "coaching.act_on_behalf", team)
    resident = _resident(actor, team, user_id)
    if team.status == TeamStatus.ARCHIVED:
        raise RuleViolated(_l("Dit team is gestopt. Aanmelden kan niet meer."))
    if not can(resident, "team.request_join", team):
        raise RuleViolated(_l("Deze bewoner is al lid van dit team of heeft zich al aangemeld."))
    membership = memberships.request_to_join(resident, team, text, birth_year, entered_by=actor)
    record(actor, "behalf.join_requested", membership, team_id=team.id, on_behalf_of=resident.id, channel=channel)
    residents.noted_contact(resident)
    notify(
        resident,
        "coaching.behalf_join",
        path_for("teams.show", team_id=team.id),
        about=actor,
        team_id=team.id,
        team=team.name,
        coordinator=actor.name,
    )
    return membership


def sign_up_on_behalf(actor, team: Team, activity: Activity, user_id: int | None, channel: str) -> SignUp:
    """A sign-up for a resident who asked for it: a place, or the waitlist, as for anyone."""
    authorize(actor, "coaching.act_on_behalf", team)
    resident = _resident(actor, team, user_id)
    if not signups.is_open(activity):
        raise RuleViolated(_l("Voor deze activiteit kan niemand zich nu aanmelden."))
    existing = signups.of_user(activity, resident)
    if existing is not None and existing.status in signups.HOLDING:
        raise RuleViolated(_l("Deze bewoner is al aangemeld voor deze activiteit."))
    sign_up = signups.sign_up_resident(resident, activity, entered_by=actor)
    record(actor, "behalf.signed_up", sign_up, activity_id=activity.id, on_behalf_of=resident.id, channel=channel)
    residents.noted_contact(resident)
    kind = "coaching.behalf_signup" if sign_up.status == SignUpStatus.CONFIRMED else "coaching.behalf_waitlist"
    notify(
        resident,
        kind,
        path_for("agenda.activity", activity_id=activity.id),
        about=actor,
        team_id=team.id,
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
