"""The signals on the coordinator's dashboard: each is a query for the situations of one
kind, with the thresholds from the settings. A signal goes away when its situation is
resolved (nothing is stored about it), or for a while when a coordinator snoozes it.

The database does the work, whatever the number of teams: one statement counts the
signals per kind, one more reads the rows a page shows, sorted by urgency (the order of the
kinds, then the oldest situation first). Snoozed signals are left out in the same statements."""

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import sqlalchemy as sa
from flask import current_app

from app.coaching.models import CoachingNote
from app.coordination.models import SignalKind, SignalSnooze
from app.core.models import UTCDateTime, utcnow
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


def _days_ago(setting: str) -> datetime:
    return utcnow() - timedelta(days=current_app.config[setting])


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
        .where(VoucherRequest.status == RequestStatus.PAID_OUT, VoucherRequest.accountability_due_on < local_today())
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
        .where(VoucherRequest.status.in_(OPEN_FOR_ADVICE), waiting_since < _days_ago("SIGNAL_DECISION_PENDING_DAYS"))
    )


def _question_unanswered() -> sa.Select:
    return (
        sa.select(*_columns(Question.id, Question.awaiting_answer_since))
        .join(Team, Team.id == Question.team_id)
        .where(
            Question.status != QuestionStatus.RESOLVED,
            Question.awaiting_answer_since < _days_ago("SIGNAL_QUESTION_UNANSWERED_DAYS"),
        )
    )


def _no_trekker() -> sa.Select:
    return sa.select(*_columns(sa.literal(0), Team.created_at)).where(Team.status.in_(LIVE), Team.trekker_count == 0)


def _below_minimum() -> sa.Select:
    """Below the minimum size of a fund of the neighbourhood that is open for requests now."""
    today = local_today()
    # Per neighbourhood once (joined), not once per team: only teams where a fund is open are counted.
    open_now = (Fund.opens_on <= today, Fund.closes_on >= today)
    minimum = (
        sa.select(Fund.neighbourhood_id, sa.func.max(Fund.min_team_size).label("size"))
        .where(*open_now)
        .group_by(Fund.neighbourhood_id)
        .subquery()
    )
    # Below the largest minimum anywhere, first: a few teams, found by their size's index. A
    # number, not a subquery: the planner then knows how few they are.
    largest = db.session.scalar(sa.select(sa.func.coalesce(sa.func.max(Fund.min_team_size), 0)).where(*open_now))
    return (
        sa.select(*_columns(sa.literal(0), sa.null()))
        .join(minimum, minimum.c.neighbourhood_id == Team.neighbourhood_id)
        .where(Team.status.in_(LIVE), Team.member_count < largest, Team.member_count < minimum.c.size)
    )


def _no_support_contact() -> sa.Select:
    contact = sa.select(CoachingNote.id).where(CoachingNote.team_id == Team.id)
    return sa.select(*_columns(sa.literal(0), Team.created_at)).where(
        Team.status == TeamStatus.STARTING,
        Team.created_at < _days_ago("SIGNAL_NO_CONTACT_DAYS"),
        ~contact.exists(),
    )


def _dormant() -> sa.Select:
    return sa.select(*_columns(sa.literal(0), Team.last_activity_at)).where(Team.status == TeamStatus.DORMANT)


def _heading_dormant() -> sa.Select:
    return sa.select(*_columns(sa.literal(0), Team.last_activity_at)).where(
        Team.status.in_(LIVE), Team.last_activity_at < _days_ago("SIGNAL_HEADING_DORMANT_DAYS")
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
            SignalSnooze.until >= local_today(),
        )
        .exists()
    )


def _order(columns) -> tuple:
    """Within a kind: the oldest situation first; at the same moment by request (question),
    and a team's own signals by the team's name. In that order an index on the moment and
    the id gives a kind's oldest without sorting all of them."""
    return (columns.since_day, columns.since_at, columns.subject_id, columns.team_name)


def _found(
    neighbourhood_id: int | None,
    kinds: list[SignalKind],
    keep_snoozed: bool,
    where=(),
    up_to: int | None = None,
    first: bool = False,
) -> sa.Subquery:
    """The signals of `kinds` as rows (rank, team, name, neighbourhood, subject, day, moment);
    with `up_to`, at most that many of each kind: any (a count), or with `first` the oldest."""
    selects = []
    for each in kinds:
        select = QUERIES[each]().where(Team.status != TeamStatus.ARCHIVED, *where)
        if neighbourhood_id is not None:
            select = select.where(Team.neighbourhood_id == neighbourhood_id)
        if not keep_snoozed:
            select = select.where(~_snoozed(each, select))
        if first:
            select = select.order_by(*_order(select.selected_columns))
        selects.append(select.add_columns(sa.literal(URGENCY[each], sa.Integer).label("rank")).limit(up_to))
    return sa.union_all(*selects).subquery()


def _kinds(kind: SignalKind | None) -> list[SignalKind]:
    return list(SignalKind) if kind is None else [kind]


def _read(found: sa.Subquery, limit: int | None = None, offset: int = 0) -> list[Signal]:
    zone, kinds = local_zone(), list(SignalKind)
    rows = db.session.execute(sa.select(found).order_by(found.c.rank, *_order(found.c)).limit(limit).offset(offset))
    return [
        Signal(kinds[row.rank], row.team_id, row.team_name, row.neighbourhood_id, row.subject_id, since)
        for row in rows
        for since in [row.since_day if row.since_day is not None else _day(row.since_at, zone)]
    ]


def current(
    neighbourhood_id: int | None = None, kind: SignalKind | None = None, keep_snoozed: bool = False
) -> list[Signal]:
    """Every signal that is not snoozed (or every one, with `keep_snoozed`), most urgent
    first; optionally of one neighbourhood or one kind. For the reminders, which read them all."""
    return _read(_found(neighbourhood_id, _kinds(kind), keep_snoozed))


def page(neighbourhood_id: int | None, counted: Counter, limit: int, offset: int = 0, where=()) -> list[Signal]:
    """`limit` signals from `offset` in order of urgency, of the kinds that `counted` (from
    `counts`, with the same filters) says fall in that window: a page reads only what it shows.
    `where` limits the teams (a coordinator's scope)."""
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
    found = _found(neighbourhood_id, shown, keep_snoozed=False, where=where, up_to=offset + limit, first=True)
    return _read(found, limit, offset)


def counts(
    neighbourhood_id: int | None = None, kind: SignalKind | None = None, where=(), up_to: int | None = None
) -> Counter:
    """The number of signals per kind that are not snoozed, in one statement; with `up_to`,
    counted up to that number only, so that thousands of signals are not read to say so."""
    found = _found(neighbourhood_id, _kinds(kind), keep_snoozed=False, where=where, up_to=up_to)
    kinds = list(SignalKind)
    rows = db.session.execute(sa.select(found.c.rank, sa.func.count()).group_by(found.c.rank))
    return Counter({kinds[rank]: number for rank, number in rows})


def is_there(kind: SignalKind, team: Team, subject_id: int) -> bool:
    """Whether this signal is there now and not snoozed."""
    found = _found(team.neighbourhood_id, [kind], keep_snoozed=False, where=(Team.id == team.id,))
    return db.session.scalar(sa.select(sa.func.count()).where(found.c.subject_id == subject_id)) > 0
