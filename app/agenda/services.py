"""Reading the public agenda. Only reads: nothing here writes, so no policy is asked; what
is public follows from the activity and its team (`_public`).

Every function issues a fixed number of statements whatever the number of activities:
a page of activities, then their teams and neighbourhoods in one more statement."""

import calendar
import functools
import hashlib
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

import sqlalchemy as sa
from flask import abort, current_app
from sqlalchemy.orm import joinedload

from app.activities.models import Activity, ActivityKind, ActivityStatus
from app.core.models import utcnow
from app.core.pagination import Page, paginate
from app.core.timezone import local_zone
from app.extensions import db
from app.places.models import Municipality, Neighbourhood
from app.signups import services as signups
from app.teams.models import Team, TeamStatus

# Cancelled activities stay public, marked "Gaat niet door": whoever saw one learns it is off.
PUBLIC_STATUSES = (ActivityStatus.PLANNED, ActivityStatus.DONE, ActivityStatus.EVALUATED, ActivityStatus.CANCELLED)
# A month with more activities than this asks the visitor to filter (the page stays small).
MONTH_LIMIT = 300
# Feeds: recent history (so a calendar keeps last week's events) and a bounded size.
FEED_HISTORY = timedelta(days=90)
FEED_LIMIT = 500
TEAM_PAGE_LIMIT = 5
# The agenda counts upcoming activities up to this many ("more than 1,000"): an exact count of
# every one of them would read them all on every request.
COUNT_LIMIT = 1000


@dataclass(frozen=True)
class Listed:
    """A public activity with the team and neighbourhood a visitor sees with it."""

    activity: Activity
    team: Team
    neighbourhood: Neighbourhood
    confirmed: int = 0
    waitlist_count: int = 0

    @property
    def places_left(self) -> int | None:
        """None means no maximum."""
        return signups.places_left(self.activity, self.confirmed)

    @property
    def cancelled(self) -> bool:
        return self.activity.status == ActivityStatus.CANCELLED


@dataclass(frozen=True)
class Filters:
    """What a visitor narrows the agenda to. Times are UTC; `end` is exclusive."""

    neighbourhood_id: int | None = None
    kind: ActivityKind | None = None
    start: datetime | None = None
    end: datetime | None = None


# --- times ------------------------------------------------------------------------------


def local_today() -> date:
    return utcnow().astimezone(local_zone()).date()


def start_of(day: date) -> datetime:
    """Midnight at the start of a local day, as a UTC time (summer time included)."""
    return datetime.combine(day, time(), tzinfo=local_zone()).astimezone(UTC)


def local_day(moment: datetime) -> date:
    return moment.astimezone(local_zone()).date()


def month_bounds(year: int, month: int) -> tuple[datetime, datetime]:
    first = date(year, month, 1)
    following = date(year + month // 12, month % 12 + 1, 1)
    return start_of(first), start_of(following)


def month_weeks(year: int, month: int) -> list[list[date]]:
    """The weeks of a month from Monday to Sunday, with the days of the months around it."""
    return calendar.Calendar(firstweekday=calendar.MONDAY).monthdatescalendar(year, month)


# --- queries ----------------------------------------------------------------------------


def _public() -> sa.Select:
    """Public activities with a date, of teams that have not stopped."""
    return (
        sa.select(Activity)
        .join(Team, Team.id == Activity.team_id)
        .where(
            Activity.is_public,
            Activity.starts_at.is_not(None),
            Activity.status.in_(PUBLIC_STATUSES),
            Team.status != TeamStatus.ARCHIVED,
        )
    )


def _calendar(now) -> sa.Select:
    """The calendar: a cancelled activity only while its date is still to come."""
    return _public().where(sa.or_(Activity.status != ActivityStatus.CANCELLED, Activity.starts_at >= now))


def _shown(filters: Filters) -> sa.Select:
    """The calendar as a visitor filtered it, soonest first."""
    query = _calendar(utcnow())
    if filters.neighbourhood_id is not None:
        query = query.where(Team.neighbourhood_id == filters.neighbourhood_id)
    if filters.kind is not None:
        query = query.where(Activity.kind == filters.kind)
    if filters.start is not None:
        query = query.where(Activity.starts_at >= filters.start)
    if filters.end is not None:
        query = query.where(Activity.starts_at < filters.end)
    return query.order_by(Activity.starts_at, Activity.id)


def _with_teams(activities: list[Activity]) -> list[Listed]:
    """The activities with their teams and neighbourhoods, in one statement."""
    team_ids = {activity.team_id for activity in activities}
    teams = (
        {
            team.id: team
            for team in db.session.scalars(
                sa.select(Team).options(joinedload(Team.neighbourhood)).where(Team.id.in_(team_ids))
            )
        }
        if team_ids
        else {}
    )
    people = signups.counts([activity.id for activity in activities])
    return [Listed(a, teams[a.team_id], teams[a.team_id].neighbourhood, *people.get(a.id, (0, 0))) for a in activities]


def listing(filters: Filters, page: int) -> Page:
    """One page of the agenda as a list, soonest first; items are `Listed`."""
    result = paginate(_shown(filters), page, current_app.config["PAGE_SIZE"], at_most=COUNT_LIMIT)
    result.items = _with_teams(result.items)
    return result


def month(filters: Filters) -> tuple[dict[date, list[Listed]], bool]:
    """The activities of a month (filters.start/end) per local day, and whether there were
    more than MONTH_LIMIT (then only the first ones are in)."""
    activities = list(db.session.scalars(_shown(filters).limit(MONTH_LIMIT + 1)))
    days: dict[date, list[Listed]] = {}
    for entry in _with_teams(activities[:MONTH_LIMIT]):
        days.setdefault(local_day(entry.activity.starts_at), []).append(entry)
    return days, len(activities) > MONTH_LIMIT


def public_activity_or_404(activity_id: int) -> Listed:
    """A public activity, cancelled ones included; anything else does not exist (404)."""
    row = db.session.execute(
        _public()
        .add_columns(Team, Neighbourhood)
        .join(Neighbourhood, Neighbourhood.id == Team.neighbourhood_id)
        .where(Activity.id == activity_id)
    ).first()
    if row is None:
        abort(404)
    return Listed(*row, *signups.counts([activity_id]).get(activity_id, (0, 0)))


def coming_in(neighbourhood_id: int, until: datetime, limit: int) -> list[Listed]:
    """The neighbourhood's public activities from now until `until` that go ahead (the
    neighbourhood letter), with their teams."""
    query = _shown(Filters(neighbourhood_id=neighbourhood_id, start=utcnow(), end=until))
    query = query.where(Activity.status == ActivityStatus.PLANNED).limit(limit)
    return _with_teams(list(db.session.scalars(query)))


@functools.cache
def _upcoming_for_team() -> sa.Select:
    """Built once (every view of a team page reads it), with the team and the time as parameters."""
    return (
        _calendar(sa.bindparam("now"))
        .where(Activity.starts_at >= sa.bindparam("today"), Activity.team_id == sa.bindparam("team_id"))
        .order_by(Activity.starts_at, Activity.id)
        .limit(TEAM_PAGE_LIMIT)
    )


def upcoming_for_team(team: Team) -> list[Activity]:
    """The team's next public activities (from the start of today), for its public page."""
    moments = {"now": utcnow(), "today": start_of(local_today()), "team_id": team.id}
    return list(db.session.scalars(_upcoming_for_team(), moments))


def neighbourhoods(page: int) -> Page:
    """All neighbourhoods with their municipality, for the API."""
    query = (
        sa.select(Neighbourhood)
        .options(joinedload(Neighbourhood.municipality))
        .join(Municipality)
        .order_by(Municipality.name, Neighbourhood.name, Neighbourhood.id)
    )
    return paginate(query, page, current_app.config["PAGE_SIZE"])


# --- feeds ------------------------------------------------------------------------------


def _feed(scope: sa.ColumnElement[bool]) -> sa.Select:
    """A feed: cancelled activities stay in (STATUS:CANCELLED takes them out of calendars)."""
    return (
        _public()
        .where(scope, Activity.starts_at >= utcnow() - FEED_HISTORY)
        .order_by(Activity.starts_at, Activity.id)
        .limit(FEED_LIMIT)
    )


def neighbourhood_scope(neighbourhood: Neighbourhood) -> sa.ColumnElement[bool]:
    return Team.neighbourhood_id == neighbourhood.id


def team_scope(team: Team) -> sa.ColumnElement[bool]:
    return Activity.team_id == team.id


def activity_scope(activity_id: int) -> sa.ColumnElement[bool]:
    return Activity.id == activity_id


def feed_entries(scope: sa.ColumnElement[bool]) -> list[Listed]:
    return _with_teams(list(db.session.scalars(_feed(scope))))


def feed_version(scope: sa.ColumnElement[bool], *names: str) -> str:
    """An ETag for a feed, from one aggregate statement: it changes when an activity is
    added, removed, edited (updated_at, sequence) or leaves the window, and with the
    calendar's own name. A renamed team alone does not change it (its next edit does)."""
    rows = _feed(scope).with_only_columns(
        Activity.id, sa.func.coalesce(Activity.updated_at, Activity.created_at).label("changed"), Activity.sequence
    )
    sub = rows.subquery()
    count, last_change, id_sum, sequence_sum = db.session.execute(
        sa.select(sa.func.count(), sa.func.max(sub.c.changed), sa.func.sum(sub.c.id), sa.func.sum(sub.c.sequence))
    ).one()
    key = "|".join(str(part) for part in (*names, count, last_change, id_sum, sequence_sum))
    return hashlib.sha256(key.encode()).hexdigest()[:32]
