"""Teams (workflow 1): the directory, creating and editing a team, its status and the
JUNIOR age rule. Memberships and invitations are in `memberships`. Services flush; the
request commits."""

import functools
import re
from dataclasses import dataclass
from datetime import timedelta

import sqlalchemy as sa
from flask import abort, current_app
from flask_login import current_user

from app.accounts.models import User
from app.core.audit import AuditEntry, record
from app.core.errors import RuleViolated
from app.core.i18n import lazy_gettext as _l
from app.core.locks import locked
from app.core.models import utcnow
from app.core.pagination import Cursor, Keyset, keyset
from app.core.policy import authorize, is_staff
from app.core.text import fold, like_pattern, name_key, prefix_pattern
from app.extensions import db
from app.places.models import Municipality, Neighbourhood
from app.reports.models import NeighbourhoodFigures
from app.teams.models import (
    DUPLICATE_TEAM_NAME,
    MemberRole,
    Membership,
    MembershipState,
    Team,
    TeamKind,
    TeamStatus,
)
from app.teams.policy import is_trekker, remember_membership

JUNIOR_AGE_LIMIT = 25
# Trekkers (re)activate their team, and may close it ("Gestopt") when it ends.
TREKKER_MOVES = {
    TeamStatus.STARTING: {TeamStatus.ACTIVE, TeamStatus.ARCHIVED},
    TeamStatus.ACTIVE: {TeamStatus.ARCHIVED},
    TeamStatus.SELF_RELIANT: {TeamStatus.ARCHIVED},
    TeamStatus.DORMANT: {TeamStatus.ACTIVE, TeamStatus.ARCHIVED},
}
STAFF_TARGETS = {TeamStatus.ACTIVE, TeamStatus.SELF_RELIANT, TeamStatus.ARCHIVED}


# --- reading -------------------------------------------------------------------------


@functools.cache
def team_and_membership() -> sa.Select:
    """Built once (every page of a team reads it), with the team and the person as parameters;
    a page adds what else it reads of the team (activities.services)."""
    mine = sa.and_(Membership.team_id == Team.id, Membership.user_id == sa.bindparam("user_id"))
    return (
        sa.select(Team, Membership)
        .outerjoin(Membership, mine)
        .where(Team.id == sa.bindparam("team_id"))
        .execution_options(populate_existing=True)
    )


def load_team_or_404(team_id: int) -> Team:
    """For routes: the team, or 404. Everything under a team is loaded through it, and every
    rule about it asks for the logged-in person's membership: that comes in the same
    statement (as the row is now, like teams.policy.membership_of reads it)."""
    if not current_user.is_authenticated:
        return db.get_or_404(Team, team_id)
    return team_row_or_404(team_and_membership(), team_id).Team


def team_row_or_404(statement: sa.Select, team_id: int, **parameters) -> sa.Row:
    """The row of `statement` (team_and_membership, with more columns) for the logged-in
    person, or 404; their membership is remembered for the rules."""
    user = current_user
    found = db.session.execute(statement, {"team_id": team_id, "user_id": user.id, **parameters})
    row = found.unique().one_or_none()
    if row is None:
        abort(404)
    remember_membership(user, row.Team, row.Membership)
    return row


@functools.cache
def _team_membership_and_neighbourhood() -> sa.Select:
    return (
        team_and_membership().add_columns(Neighbourhood).join(Neighbourhood, Neighbourhood.id == Team.neighbourhood_id)
    )


def team_and_neighbourhood_or_404(team_id: int) -> tuple[Team, Neighbourhood]:
    """For the team page: the team and its neighbourhood (with the person's membership, as
    load_team_or_404 reads it), in one statement; or 404."""
    if current_user.is_authenticated:
        row = team_row_or_404(_team_membership_and_neighbourhood(), team_id)
    else:
        row = db.session.execute(
            sa.select(Team, Neighbourhood)
            .join(Neighbourhood, Neighbourhood.id == Team.neighbourhood_id)
            .where(Team.id == team_id)
        ).one_or_none()
        if row is None:
            abort(404)
    return row.Team, row.Neighbourhood


def directory(neighbourhood: Neighbourhood, term: str, cursor: Cursor) -> tuple[Keyset, dict[int, int]]:
    """Open teams of a neighbourhood matching the search, with active member counts. Keyset
    pages on ix_team_open_by_name: the largest neighbourhood has thousands of teams."""
    query = sa.select(Team).where(Team.neighbourhood_id == neighbourhood.id, Team.status != TeamStatus.ARCHIVED)
    # All its open teams: the database keeps their number; a search counts what it finds.
    total = lambda: open_team_total(NeighbourhoodFigures.neighbourhood_id == neighbourhood.id)  # noqa: E731
    if term.strip():
        query = query.where(Team.search_text.like(like_pattern(term), escape="\\"))
        total = None
    result = keyset(query, (Team.name, Team.id), Team, cursor, current_app.config["PAGE_SIZE"], total)
    return result, member_counts([team.id for team in result.items])


FOUND_TEAMS = 20
# "3813", "3813AB" or "3813 ab": a postcode finds the neighbourhood by its four digits.
POSTCODE = re.compile(r"([1-9]\d{3}) ?(?:[A-Za-z]{2})?")


def find_teams(term: str) -> list[tuple[Team, str, str]]:
    """Open teams anywhere whose name, street or area, question or description holds `term`
    (any case or accents), whose neighbourhood or municipality starts with it, or whose
    neighbourhood has the postcode `term` starts with; by name,
    with their neighbourhood's and municipality's names. At most FOUND_TEAMS + 1: the page
    says when there are more. The text is read through a trigram index, the places through
    their name indexes."""
    key = name_key(term)
    if len(key) < 2:
        return []
    postcode = POSTCODE.fullmatch(term.strip())
    places = (
        sa.select(Neighbourhood.id)
        .join(Municipality, Municipality.id == Neighbourhood.municipality_id)
        .where(
            sa.or_(
                Neighbourhood.name_key.like(prefix_pattern(key), escape="\\"),
                Municipality.name_key.like(prefix_pattern(key), escape="\\"),
                Neighbourhood.postcodes.contains([postcode.group(1)]) if postcode else sa.false(),
            )
        )
    )
    rows = db.session.execute(
        sa.select(Team, Neighbourhood.name, Municipality.name)
        .join(Neighbourhood, Neighbourhood.id == Team.neighbourhood_id)
        .join(Municipality, Municipality.id == Neighbourhood.municipality_id)
        .where(
            Team.status != TeamStatus.ARCHIVED,
            sa.or_(Team.search_text.like(like_pattern(term), escape="\\"), Team.neighbourhood_id.in_(places)),
        )
        .order_by(Team.name, Team.id)
        .limit(FOUND_TEAMS + 1)
    )
    return [tuple(row) for row in rows]


def member_counts(team_ids: list[int]) -> dict[int, int]:
    if not team_ids:
        return {}
    rows = db.session.execute(
        sa.select(Membership.team_id, sa.func.count())
        .where(Membership.team_id.in_(team_ids), Membership.state == MembershipState.ACTIVE)
        .group_by(Membership.team_id)
    )
    return {team_id: count for team_id, count in rows}


def open_team_counts(hood_ids: list[int]) -> dict[int, int]:
    """The number of teams that are not archived, per neighbourhood (absent: none), as the
    database keeps it with every write (NeighbourhoodFigures): counting the teams of a page
    of neighbourhoods read thousands of rows per request."""
    figures = NeighbourhoodFigures
    rows = db.session.execute(
        sa.select(figures.neighbourhood_id, figures.teams).where(
            figures.neighbourhood_id.in_(hood_ids), figures.teams > 0
        )
    )
    return {hood_id: count for hood_id, count in rows}


def open_team_total(*where: sa.ColumnElement[bool]) -> int:
    """The open teams of the neighbourhoods that `where` (on NeighbourhoodFigures) selects,
    as the database keeps them per neighbourhood: counting thousands of teams per request
    is what it saves."""
    return db.session.scalar(sa.select(sa.func.coalesce(sa.func.sum(NeighbourhoodFigures.teams), 0)).where(*where))


def trekkers_of(team_ids: list[int]) -> dict[int, list[User]]:
    """The active trekkers of each team, in the order they became trekker, in one statement."""
    rows = db.session.execute(
        sa.select(Membership.team_id, User)
        .join(User, User.id == Membership.user_id)
        .where(
            Membership.team_id.in_(team_ids),
            Membership.role == MemberRole.TREKKER,
            Membership.state == MembershipState.ACTIVE,
        )
        .order_by(Membership.id)
    )
    trekkers: dict[int, list[User]] = {}
    for team_id, user in rows:
        trekkers.setdefault(team_id, []).append(user)
    return trekkers


@dataclass(frozen=True)
class Roster:
    """What the team page says about the people of a team, from one list of its memberships
    (teams.memberships.of_team): requests first, then by role."""

    memberships: list[Membership]

    @property
    def trekker_first_names(self) -> list[str]:
        trekkers = [m for m in self.memberships if m.role == MemberRole.TREKKER and m.state == MembershipState.ACTIVE]
        return [m.user.first_name for m in sorted(trekkers, key=lambda m: m.id)]

    @property
    def active(self) -> int:
        return sum(m.state == MembershipState.ACTIVE for m in self.memberships)

    @property
    def requested(self) -> int:
        return sum(m.state == MembershipState.REQUESTED for m in self.memberships)


def history(team: Team, limit: int = 25) -> list[tuple[AuditEntry, str | None]]:
    """The team's newest audit entries with the actor's name (None when the system acted)."""
    rows = db.session.execute(
        sa.select(AuditEntry, User.name)
        .outerjoin(User, User.id == AuditEntry.actor_id)
        .where(AuditEntry.object_type == "team", AuditEntry.object_id == team.id)
        .order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
        .limit(limit)
    )
    return [(entry, name) for entry, name in rows]


# --- rules ---------------------------------------------------------------------------


def is_young(birth_year: int) -> bool:
    return utcnow().year - birth_year < JUNIOR_AGE_LIMIT


def junior_role(actor, birth_year: int | None) -> MemberRole:
    """JUNIOR teams ask the year of birth: under 25 is a member, older is a supporter. The
    year is declared once; after that only a coordinator corrects it (correct_birth_year)."""
    if actor.birth_year is None:
        if birth_year is None:
            raise RuleViolated(_l("Vul uw geboortejaar in. Een JUNIOR-team is voor jongeren jonger dan 25."))
        actor.birth_year = birth_year
        record(actor, "user.birth_year_declared", actor, birth_year=birth_year)
    elif birth_year is not None and birth_year != actor.birth_year:
        raise RuleViolated(
            _l(
                "U heeft uw geboortejaar al eerder opgegeven (%(year)d). Klopt dat niet? "
                "Vraag dan een coördinator om het te veranderen.",
                year=actor.birth_year,
            )
        )
    return MemberRole.MEMBER if is_young(actor.birth_year) else MemberRole.SUPPORTER


def touch(actor, team: Team) -> None:
    """Something happened in the team (other features call this too): it is no longer dormant.
    A conditional UPDATE: a team archived at this moment is no longer dormant, and stays
    archived."""
    team.last_activity_at = utcnow()
    woken = db.session.execute(
        sa.update(Team)
        .where(Team.id == team.id, Team.status == TeamStatus.DORMANT)
        .values(status=TeamStatus.ACTIVE)
        .execution_options(synchronize_session="fetch")
    )
    if woken.rowcount:
        record(actor, "team.status_changed", team, status=TeamStatus.ACTIVE, reason="activity")


def _set_details(team: Team, name, area, themes, question, description) -> None:
    duplicate = db.session.scalar(
        sa.select(Team.id).where(
            Team.neighbourhood_id == team.neighbourhood_id,
            Team.name_key == name_key(name),
            Team.id != (team.id or 0),
        )
    )
    if duplicate is not None:
        raise RuleViolated(DUPLICATE_TEAM_NAME)
    team.name, team.area, team.themes = name.strip(), area.strip(), sorted(set(themes))
    team.question, team.description = question.strip(), (description or "").strip()
    team.search_text = fold(" ".join((team.name, team.area, team.question, team.description)))


# --- changing ------------------------------------------------------------------------


def create_team(
    actor,
    neighbourhood_id: int,
    name: str,
    kind: TeamKind,
    area: str,
    themes: list[str],
    question: str,
    description: str,
    birth_year: int | None = None,
) -> Team:
    """A resident starts a team in a neighbourhood and becomes its first trekker.
    A JUNIOR team is started by someone younger than 25."""
    authorize(actor, "team.create")
    if db.session.get(Neighbourhood, neighbourhood_id) is None:
        raise RuleViolated(_l("Kies een buurt uit de lijst."))
    team = Team(neighbourhood_id=neighbourhood_id, kind=kind, status=TeamStatus.STARTING)
    _set_details(team, name, area, themes, question, description)
    if kind == TeamKind.JUNIOR and junior_role(actor, birth_year) != MemberRole.MEMBER:
        raise RuleViolated(
            _l("Een JUNIOR-team wordt gestart door iemand jonger dan 25. U kunt wel meedoen als volwassen helper.")
        )
    db.session.add(team)
    db.session.flush()
    db.session.add(Membership(team=team, user_id=actor.id, role=MemberRole.TREKKER, state=MembershipState.ACTIVE))
    record(actor, "team.created", team, name=team.name, kind=kind)
    db.session.flush()
    return team


def update_team(actor, team: Team, name, area, themes, question, description) -> None:
    authorize(actor, "team.edit", team)
    _set_details(team, name, area, themes, question, description)
    touch(actor, team)
    record(actor, "team.updated", team, name=team.name)
    db.session.flush()


def allowed_statuses(actor, team: Team) -> list[TeamStatus]:
    """The statuses this person may move the team to now, in lifecycle order."""
    allowed = set(TREKKER_MOVES.get(team.status, set())) if is_trekker(actor, team) else set()
    if is_staff(actor, team):
        allowed |= STAFF_TARGETS - {team.status}
    return [status for status in TeamStatus if status in allowed]


def set_status(actor, team: Team, status: TeamStatus) -> None:
    """Trekkers (re)activate their team; coordinators also set self-reliant and archived.
    Dormant is never set by hand: it follows from inactivity (`mark_dormant_teams`). The
    move is checked under the team's row lock, from the status another request just set."""
    authorize(actor, "team.set_status", team)
    locked(team)
    if status not in allowed_statuses(actor, team):
        raise RuleViolated(_l("Deze status kunt u hier niet kiezen."))
    team.status = status
    team.last_activity_at = utcnow()
    record(actor, "team.status_changed", team, status=status)
    db.session.flush()


def mark_dormant_teams() -> int:
    """Teams with no activity for the configured period become dormant; returns how many.
    One conditional UPDATE: PostgreSQL checks the condition again on a row that another
    request changed meanwhile, so a team archived or active at this moment is passed by."""
    cutoff = utcnow() - timedelta(days=current_app.config["TEAM_DORMANT_AFTER_DAYS"])
    teams = db.session.scalars(
        sa.update(Team)
        .where(
            Team.status.in_([TeamStatus.STARTING, TeamStatus.ACTIVE, TeamStatus.SELF_RELIANT]),
            Team.last_activity_at < cutoff,
        )
        .values(status=TeamStatus.DORMANT)
        .returning(Team)
    ).all()
    for team in teams:
        record(None, "team.status_changed", team, status=TeamStatus.DORMANT, reason="inactivity")
    db.session.flush()
    return len(teams)
