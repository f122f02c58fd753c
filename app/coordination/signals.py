"""The signals on the coordinator's dashboard: each is a query for the situations of one
kind, with the thresholds from the settings. A signal goes away when its situation is
resolved (nothing is stored about it), or for a while when a coordinator snoozes it.

The database does the work, whatever the number of teams: one statement counts the
signals per kind, one more reads the rows a page shows, sorted by urgency (the order of the
kinds, then the oldest situation first). Snoozed signals are left out in the same statements."""

import functools
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import sqlalchemy as sa
from flask import current_app

from app.coaching.models import CoachingNote
from app.coordination.models import SignalKind, SignalSnooze
from app.core.models import UTCDateTime, utcnow
from app.core.scope import in_scope_of
from app.core.timezone import local_today, local_zone
from app.extensions import db
from app.helpdesk.models import Question, QuestionStatus
from app.money.models import Fund
from app.money.requests.models import AWARDED, OPEN_FOR_ADVICE, Accountability, RequestStatus, VoucherRequest
from app.teams.models import LIVE, Team, TeamStatus

URGENCY = {kind: rank for rank, kind in enumerate(SignalKind)}


@dataclass(frozen=True)
class Signal:
    kind: SignalKind
    team_id: int
    team_name: str
    neighbourhood_id: int
    subject_id: int  # the request or question; 0 when the signal is about the team
    since: date | None

    @property
    def key(self) -> tuple[SignalKind, int, int]:
        return (self.kind, self.team_id, self.subject_id)

    @property
    def days(self) -> int | None:
        return None if self.since is None else (local_today() - self.since).days


# The statements are built once (`_found`) and read today and the thresholds as parameters:
# building ten of them took longer than PostgreSQL takes to run them.
TODAY = sa.bindparam("today", type_=sa.Date)
# A situation counts from this many days on (the settings), as a moment before which it began.
THRESHOLDS = {
    "decision_pending": "SIGNAL_DECISION_PENDING_DAYS",
    "question_unanswered": "SIGNAL_QUESTION_UNANSWERED_DAYS",
    "no_contact": "SIGNAL_NO_CONTACT_DAYS",
    "heading_dormant": "SIGNAL_HEADING_DORMANT_DAYS",
}


def _before(threshold: str) -> sa.BindParameter:
    return sa.bindparam(threshold, type_=UTCDateTime)


def _columns(subject, since) -> tuple:
    # A day (a deadline) and a moment go in separate columns, so each keeps its type when
    # the kinds are put together in one UNION; an empty one is typed too (a kind cut and
    # ordered on its own would take it for text).
    is_day, is_none = isinstance(since.type, sa.Date), isinstance(since.type, sa.types.NullType)
    moment = sa.cast(sa.null(), UTCDateTime) if is_day or is_none else sa.type_coerce(since, UTCDateTime)
    return (
        Team.id.label("team_id"),
        Team.name.label("team_name"),
        Team.neighbourhood_id.label("neighbourhood_id"),
        sa.type_coerce(subject, sa.Integer).label("subject_id"),
        (since if is_day else sa.cast(sa.null(), sa.Date)).label("since_day"),
        moment.label("since_at"),
    )


def _accountability_overdue() -> sa.Select:
    return (
        sa.select(*_columns(VoucherRequest.id, VoucherRequest.accountability_due_on))
        .join(Team, Team.id == VoucherRequest.team_id)
        .where(VoucherRequest.status == RequestStatus.PAID_OUT, VoucherRequest.accountability_due_on < TODAY)
    )


def _payout_waiting() -> sa.Select:
    """Awarded and not yet paid: the team waits for the coordinator, from the decision on
    (no threshold: paying out is the coordinator's next step)."""
    return (
        sa.select(*_columns(VoucherRequest.id, VoucherRequest.decided_at))
        .join(Team, Team.id == VoucherRequest.team_id)
        .where(VoucherRequest.status.in_(AWARDED))
    )


def _accountability_check() -> sa.Select:
    """Accounted for and not yet checked: the money is settled only after the check."""
    return (
        sa.select(*_columns(VoucherRequest.id, Accountability.submitted_at))
        .join(Team, Team.id == VoucherRequest.team_id)
        .join(Accountability, Accountability.request_id == VoucherRequest.id)
        .where(VoucherRequest.status == RequestStatus.ACCOUNTED)
    )


def _decision_pending() -> sa.Select:
    # The second look after an objection waits since the objection, the first since submitting.
    waiting_since = sa.case((VoucherRequest.round == 2, VoucherRequest.objected_at), else_=VoucherRequest.submitted_at)
    return (
        sa.select(*_columns(VoucherRequest.id, waiting_since))
        .join(Team, Team.id == VoucherRequest.team_id)
        .where(VoucherRequest.status.in_(OPEN_FOR_ADVICE), waiting_since < _before("decision_pending"))
    )


def _question_unanswered() -> sa.Select:
    return (
        sa.select(*_columns(Question.id, Question.awaiting_answer_since))
        .join(Team, Team.id == Question.team_id)
        .where(
            Question.status != QuestionStatus.RESOLVED,
            Question.awaiting_answer_since < _before("question_unanswered"),
        )
    )


def _no_trekker() -> sa.Select:
    return sa.select(*_columns(sa.literal(0), Team.created_at)).where(Team.status.in_(LIVE), Team.trekker_count == 0)


def _open_now() -> tuple:
    return (Fund.opens_on <= TODAY, Fund.closes_on >= TODAY)


def _below_minimum() -> sa.Select:
    """Below the minimum size of a fund of the neighbourhood that is open for requests now."""
    # Per neighbourhood once (joined), not once per team: only teams where a fund is open are counted.
    minimum = (
        sa.select(Fund.neighbourhood_id, sa.func.max(Fund.min_team_size).label("size"))
        .where(*_open_now())
        .group_by(Fund.neighbourhood_id)
        .subquery()
    )
    # Below the largest minimum anywhere (`_largest_minimum`), first: a few teams, found by
    # their size's index. A number, not a subquery: the planner then knows how few they are.
    largest = sa.bindparam("largest", type_=sa.Integer)
    return (
        sa.select(*_columns(sa.literal(0), sa.null()))
        .join(minimum, minimum.c.neighbourhood_id == Team.neighbourhood_id)
        .where(Team.status.in_(LIVE), Team.member_count < largest, Team.member_count < minimum.c.size)
    )


def _largest_minimum(today: date) -> int:
    query = sa.select(sa.func.coalesce(sa.func.max(Fund.min_team_size), 0)).where(*_open_now())
    return db.session.scalar(query, {"today": today})


def _no_support_contact() -> sa.Select:
    contact = sa.select(CoachingNote.id).where(CoachingNote.team_id == Team.id)
    return sa.select(*_columns(sa.literal(0), Team.created_at)).where(
        Team.status == TeamStatus.STARTING,
        Team.created_at < _before("no_contact"),
        ~contact.exists(),
    )


def _dormant() -> sa.Select:
    return sa.select(*_columns(sa.literal(0), Team.last_activity_at)).where(Team.status == TeamStatus.DORMANT)


def _heading_dormant() -> sa.Select:
    return sa.select(*_columns(sa.literal(0), Team.last_activity_at)).where(
        Team.status.in_(LIVE), Team.last_activity_at < _before("heading_dormant")
    )


QUERIES: dict[SignalKind, Callable[[], sa.Select]] = {
    SignalKind.ACCOUNTABILITY_OVERDUE: _accountability_overdue,
    SignalKind.PAYOUT_WAITING: _payout_waiting,
    SignalKind.ACCOUNTABILITY_CHECK: _accountability_check,
    SignalKind.DECISION_PENDING: _decision_pending,
    SignalKind.QUESTION_UNANSWERED: _question_unanswered,
    SignalKind.NO_TREKKER: _no_trekker,
    SignalKind.BELOW_MINIMUM: _below_minimum,
    SignalKind.NO_SUPPORT_CONTACT: _no_support_contact,
    SignalKind.DORMANT: _dormant,
    SignalKind.HEADING_DORMANT: _heading_dormant,
}


def _day(value: datetime | None, zone) -> date | None:
    return None if value is None else value.astimezone(zone).date()


def _snoozed(kind: SignalKind, select: sa.Select) -> sa.Exists:
    subject = select.selected_columns.subject_id
    return (
        sa.select(SignalSnooze.id)
        .where(
            SignalSnooze.kind == kind,
            SignalSnooze.team_id == Team.id,
            SignalSnooze.subject_id == subject,
            SignalSnooze.until >= TODAY,
        )
        .exists()
    )


def _order(columns) -> tuple:
    """Within a kind: the oldest situation first; at the same moment by request (question),
    and a team's own signals by the team's name. In that order an index on the moment and
    the id gives a kind's oldest without sorting all of them."""
    return (columns.since_day, columns.since_at, columns.subject_id, columns.team_name)


# What narrows the teams, each with its parameter: a neighbourhood, one team, and a
# coordinator's municipalities (an admin's signals are not narrowed).
FILTERS: dict[str, Callable[[], sa.ColumnElement[bool]]] = {
    "neighbourhood_id": lambda: Team.neighbourhood_id == sa.bindparam("neighbourhood_id"),
    "team_id": lambda: Team.id == sa.bindparam("team_id"),
    "coordinator_id": lambda: in_scope_of(sa.bindparam("coordinator_id"), Team.neighbourhood_id),
}


@functools.lru_cache(maxsize=256)
def _found(
    kinds: tuple[SignalKind, ...], keep_snoozed: bool, filters: frozenset[str], up_to: bool, first: bool
) -> sa.Subquery:
    """The signals of `kinds` as rows (rank, team, name, neighbourhood, subject, day, moment)
    of the teams that the `filters` leave; with `up_to`, at most that many of each kind (a
    parameter): any (a count), or with `first` the oldest. Built once for each shape."""
    where = [Team.status != TeamStatus.ARCHIVED, *(FILTERS[name]() for name in sorted(filters))]
    selects = []
    for each in kinds:
        select = QUERIES[each]().where(*where)
        if not keep_snoozed:
            select = select.where(~_snoozed(each, select))
        if first:
            select = select.order_by(*_order(select.selected_columns))
        if up_to:
            select = select.limit(sa.bindparam("up_to", type_=sa.Integer))
        selects.append(select.add_columns(sa.literal(URGENCY[each], sa.Integer).label("rank")))
    return sa.union_all(*selects).subquery()


@functools.lru_cache(maxsize=256)
def _rows(found: sa.Subquery, window: bool) -> sa.Select:
    """The signals in order of urgency; with `window`, from `offset` up to `limit` of them."""
    select = sa.select(found).order_by(found.c.rank, *_order(found.c))
    if window:
        select = select.limit(sa.bindparam("limit", type_=sa.Integer)).offset(sa.bindparam("offset", type_=sa.Integer))
    return select


@functools.lru_cache(maxsize=256)
def _per_kind(found: sa.Subquery) -> sa.Select:
    return sa.select(found.c.rank, sa.func.count()).group_by(found.c.rank)


def _parameters(kinds, **values) -> dict:
    """Today, the moments the thresholds begin, and what a statement needs besides."""
    today = local_today()
    values |= {"today": today}
    values |= {name: utcnow() - timedelta(days=current_app.config[setting]) for name, setting in THRESHOLDS.items()}
    if SignalKind.BELOW_MINIMUM in kinds:
        values["largest"] = _largest_minimum(today)
    return values


def _kinds(kind: SignalKind | None) -> tuple[SignalKind, ...]:
    return tuple(SignalKind) if kind is None else (kind,)


def _read(statement: sa.Select, parameters: dict) -> list[Signal]:
    zone, kinds = local_zone(), list(SignalKind)
    return [
        Signal(kinds[row.rank], row.team_id, row.team_name, row.neighbourhood_id, row.subject_id, since)
        for row in db.session.execute(statement, parameters)
        for since in [row.since_day if row.since_day is not None else _day(row.since_at, zone)]
    ]


def _given(filters: dict) -> dict:
    return {name: value for name, value in filters.items() if value is not None}


def current(
    neighbourhood_id: int | None = None, kind: SignalKind | None = None, keep_snoozed: bool = False
) -> list[Signal]:
    """Every signal that is not snoozed (or every one, with `keep_snoozed`), most urgent
    first; optionally of one neighbourhood or one kind. For the reminders, which read them all."""
    kinds, filters = _kinds(kind), _given({"neighbourhood_id": neighbourhood_id})
    found = _found(kinds, keep_snoozed, frozenset(filters), up_to=False, first=False)
    return _read(_rows(found, window=False), _parameters(kinds, **filters))


def page(counted: Counter, limit: int, offset: int = 0, **filters) -> list[Signal]:
    """`limit` signals from `offset` in order of urgency, of the kinds that `counted` (from
    `counts`, with the same filters) says fall in that window: a page reads only what it
    shows. `filters`: of FILTERS, with their values (None: not narrowed)."""
    shown, skipped, start = [], 0, 0
    for each in SignalKind:
        end = start + counted[each]
        if end <= offset:
            skipped = end
        elif counted[each] and start < offset + limit:
            shown.append(each)
        start = end
    if not shown:
        return []
    # No kind gives more than the window's end: each is cut there, oldest first, before they
    # are put in order together.
    offset -= skipped
    filters = _given(filters)
    found = _found(tuple(shown), False, frozenset(filters), up_to=True, first=True)
    parameters = _parameters(shown, up_to=offset + limit, limit=limit, offset=offset, **filters)
    return _read(_rows(found, window=True), parameters)


def counts(kind: SignalKind | None = None, up_to: int | None = None, **filters) -> Counter:
    """The number of signals per kind that are not snoozed, in one statement; with `up_to`,
    counted up to that number only, so that thousands of signals are not read to say so.
    `filters`: as for `page`."""
    kinds, filters = _kinds(kind), _given(filters)
    found = _found(kinds, False, frozenset(filters), up_to=up_to is not None, first=False)
    rows = db.session.execute(_per_kind(found), _parameters(kinds, up_to=up_to, **filters))
    every = list(SignalKind)
    return Counter({every[rank]: number for rank, number in rows})


def is_there(kind: SignalKind, team: Team, subject_id: int) -> bool:
    """Whether this signal is there now and not snoozed."""
    found = _found((kind,), False, frozenset({"team_id"}), up_to=False, first=False)
    return any(
        signal.subject_id == subject_id
        for signal in _read(_rows(found, window=False), _parameters((kind,), team_id=team.id))
    )
