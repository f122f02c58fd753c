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
from app.money.requests.services import COUNTED_ROLES
from app.teams.models import MemberRole, Membership, MembershipState, Team, TeamStatus

URGENCY = {kind: rank for rank, kind in enumerate(SignalKind)}
LIVE = (TeamStatus.STARTING, TeamStatus.ACTIVE, TeamStatus.SELF_RELIANT)


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
    # the kinds are put together in one UNION.
    is_day = isinstance(since.type, sa.Date)
    return (
        Team.id.label("team_id"),
        Team.name.label("team_name"),
        Team.neighbourhood_id.label("neighbourhood_id"),
        sa.type_coerce(subject, sa.Integer).label("subject_id"),
        (since if is_day else sa.type_coerce(sa.null(), sa.Date)).label("since_day"),
        sa.type_coerce(sa.null() if is_day else since, UTCDateTime).label("since_at"),
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


def _active_members(roles) -> sa.Select:
    return sa.select(Membership.id).where(
        Membership.team_id == Team.id, Membership.state == MembershipState.ACTIVE, Membership.role.in_(roles)
    )


def _no_trekker() -> sa.Select:
    return sa.select(*_columns(sa.literal(0), Team.created_at)).where(
        Team.status.in_(LIVE), ~_active_members((MemberRole.TREKKER,)).exists()
    )


def _below_minimum() -> sa.Select:
    """Below the minimum size of a fund of the neighbourhood that is open for requests now."""
    today = local_today()
    # Per neighbourhood once (joined), not once per team: only teams where a fund is open are counted.
    minimum = (
        sa.select(Fund.neighbourhood_id, sa.func.max(Fund.min_team_size).label("size"))
        .where(Fund.opens_on <= today, Fund.closes_on >= today)
        .group_by(Fund.neighbourhood_id)
        .subquery()
    )
    # The team's own members: a count over a FROM subquery would not correlate, and counted
    # the members of every team.
    size = _active_members(COUNTED_ROLES).with_only_columns(sa.func.count(Membership.id)).scalar_subquery()
    return (
        sa.select(*_columns(sa.literal(0), sa.null()))
        .join(minimum, minimum.c.neighbourhood_id == Team.neighbourhood_id)
        .where(Team.status.in_(LIVE), size < minimum.c.size)
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


def _found(neighbourhood_id: int | None, kinds: list[SignalKind], keep_snoozed: bool, where=()) -> sa.Subquery:
    """The signals of `kinds` as rows (rank, team, name, neighbourhood, subject, day, moment)."""
    selects = []
    for each in kinds:
        select = QUERIES[each]().where(Team.status != TeamStatus.ARCHIVED, *where)
        if neighbourhood_id is not None:
            select = select.where(Team.neighbourhood_id == neighbourhood_id)
        if not keep_snoozed:
            select = select.where(~_snoozed(each, select))
        selects.append(select.add_columns(sa.literal(URGENCY[each], sa.Integer).label("rank")))
    return sa.union_all(*selects).subquery()


def _kinds(kind: SignalKind | None) -> list[SignalKind]:
    return list(SignalKind) if kind is None else [kind]


def _read(found: sa.Subquery, limit: int | None = None, offset: int = 0) -> list[Signal]:
    zone, kinds = local_zone(), list(SignalKind)
    rows = db.session.execute(
        sa.select(found)
        .order_by(found.c.rank, found.c.since_day, found.c.since_at, found.c.team_name, found.c.subject_id)
        .limit(limit)
        .offset(offset)
    )
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
        elif start < offset + limit:
            shown.append(each)
        start = end
    if not shown:
        return []
    return _read(_found(neighbourhood_id, shown, keep_snoozed=False, where=where), limit, offset - skipped)


def counts(neighbourhood_id: int | None = None, kind: SignalKind | None = None, where=()) -> Counter:
    """The number of signals per kind that are not snoozed, in one statement."""
    found, kinds = _found(neighbourhood_id, _kinds(kind), keep_snoozed=False, where=where), list(SignalKind)
    rows = db.session.execute(sa.select(found.c.rank, sa.func.count()).group_by(found.c.rank))
    return Counter({kinds[rank]: number for rank, number in rows})


def is_there(kind: SignalKind, team: Team, subject_id: int) -> bool:
    """Whether this signal is there now and not snoozed."""
    found = _found(team.neighbourhood_id, [kind], keep_snoozed=False, where=(Team.id == team.id,))
    return db.session.scalar(sa.select(sa.func.count()).where(found.c.subject_id == subject_id)) > 0
