"""The dashboard's team overview and what a coordinator does with a signal: put it aside
for a while with a reason (audited), or bring it back."""

import functools
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.dialects.postgresql import aggregate_order_by
from sqlalchemy.orm import joinedload

from app.accounts.models import User
from app.activities.models import Activity
from app.coordination import signals
from app.coordination.models import NOT_THERE, SignalKind, SignalSnooze
from app.core.audit import record
from app.core.cache import remembered
from app.core.errors import RuleViolated
from app.core.i18n import lazy_gettext as _l
from app.core.models import utcnow
from app.core.pagination import Cursor, Keyset, keyset
from app.core.policy import authorize
from app.core.scope import in_scope, scope_key, scope_of
from app.core.timezone import local_today
from app.extensions import db
from app.helpdesk.models import Question, QuestionStatus
from app.helpdesk.queries import last_from_team
from app.money.requests.models import RequestStatus, VoucherRequest
from app.reports.models import NeighbourhoodFigures
from app.teams.models import MemberRole, Membership, MembershipState, Team, TeamStatus
from app.teams.services import open_team_total

# Requests under way: submitted and not yet settled, rejected or withdrawn.
UNDER_WAY = (
    RequestStatus.SUBMITTED,
    RequestStatus.IN_REVIEW,
    RequestStatus.AWARDED,
    RequestStatus.PARTLY_AWARDED,
    RequestStatus.PAID_OUT,
    RequestStatus.ACCOUNTED,
)
MAX_SNOOZE_DAYS = 365


@dataclass
class TeamRow:
    team: Team
    members: int
    trekkers: list[str]
    open_requests: int
    overdue: int
    open_questions: int


# What the signals read: a write to any of these shows on the dashboard at once. Within a
# minute a situation also crosses its threshold by time alone (the date is in the key).
SIGNAL_TABLES = (
    "team",
    "membership",
    "voucher_request",
    "accountability",
    "question",
    "fund",
    "coaching_note",
    "signal_snooze",
    "coordinator_scope",
)
SIGNALS_KEPT_SECONDS = 60


def _teams_of(user, neighbourhood_id: int | None) -> dict:
    """The signals' filters for `user`: their scope (an admin's is everything), and the
    neighbourhood chosen."""
    return {"coordinator_id": None if scope_of(user) is None else user.id, "neighbourhood_id": neighbourhood_id}


def signal_counts(
    user, neighbourhood_id: int | None, kind: SignalKind | None = None, up_to: int | None = None
) -> Counter:
    """`signals.counts` of the teams in `user`'s scope (up to `up_to` of each kind), computed
    once for every coordinator with that scope until something changes."""
    name = f"signal-counts|{scope_key(user)}|{neighbourhood_id}|{kind}|{up_to}|{local_today()}"
    count = lambda: signals.counts(kind, up_to, **_teams_of(user, neighbourhood_id))  # noqa: E731
    return remembered(name, SIGNAL_TABLES, count, SIGNALS_KEPT_SECONDS)


def signal_page(
    user, neighbourhood_id: int | None, counted: Counter, limit: int, offset: int = 0
) -> list[signals.Signal]:
    name = (
        f"signal-page|{scope_key(user)}|{neighbourhood_id}|{sorted(counted.items())}|{limit}|{offset}|{local_today()}"
    )
    read = lambda: signals.page(counted, limit, offset, **_teams_of(user, neighbourhood_id))  # noqa: E731
    return remembered(name, SIGNAL_TABLES, read, SIGNALS_KEPT_SECONDS)


@functools.cache
def _figures() -> sa.Select:
    """Each team's figures in one statement of correlated subqueries (index lookups for the
    page's teams), built once with the teams and today as parameters: four grouped statements
    and their rows were a third of the dashboard."""

    def count(*where) -> sa.ScalarSelect:
        return sa.select(sa.func.count()).where(*where).scalar_subquery()

    active = sa.and_(Membership.team_id == Team.id, Membership.state == MembershipState.ACTIVE)
    overdue = sa.and_(
        VoucherRequest.status == RequestStatus.PAID_OUT,
        VoucherRequest.accountability_due_on < sa.bindparam("today", type_=sa.Date),
    )
    # Both counts of a team's requests from one index scan on its id.
    requests = (
        sa.select(sa.func.count().label("under_way"), sa.func.count().filter(overdue).label("overdue"))
        .where(VoucherRequest.team_id == Team.id, VoucherRequest.status.in_(UNDER_WAY))
        .lateral()
    )
    trekkers = (
        sa.select(sa.func.array_agg(aggregate_order_by(User.name, Membership.id)))
        .select_from(Membership)
        .join(User, User.id == Membership.user_id)
        .where(active, Membership.role == MemberRole.TREKKER)
        .scalar_subquery()
    )
    return (
        sa.select(
            Team.id,
            count(active),
            trekkers,
            requests.c.under_way,
            requests.c.overdue,
            count(Question.team_id == Team.id, Question.status != QuestionStatus.RESOLVED),
        )
        .join(requests, sa.true())
        .where(Team.id.in_(sa.bindparam("ids", expanding=True)))
    )


def team_page(user, neighbourhood_id: int | None, cursor: Cursor) -> Keyset:
    """The teams in `user`'s scope that are not archived, by neighbourhood and name, each with
    its figures; a fixed number of statements per page whatever the number of teams, keyset
    pages on ix_team_open_by_name (a municipality has thousands of teams)."""
    query = (
        sa.select(Team)
        .options(joinedload(Team.neighbourhood))
        .where(Team.status != TeamStatus.ARCHIVED, in_scope(user, Team.neighbourhood_id))
    )
    if neighbourhood_id is not None:
        query = query.where(Team.neighbourhood_id == neighbourhood_id)
    key = (Team.neighbourhood_id, Team.name, Team.id)
    hoods = [in_scope(user, NeighbourhoodFigures.neighbourhood_id)]
    if neighbourhood_id is not None:
        hoods.append(NeighbourhoodFigures.neighbourhood_id == neighbourhood_id)
    result = keyset(query, key, Team, cursor, current_app.config["PAGE_SIZE"], lambda: open_team_total(*hoods))
    ids = [team.id for team in result.items]
    rows = db.session.execute(_figures(), {"ids": ids, "today": local_today()})
    figures = {team_id: (members, trekkers or [], *rest) for team_id, members, trekkers, *rest in rows}
    result.items = [TeamRow(team, *figures[team.id]) for team in result.items]
    return result


@dataclass(frozen=True)
class Asked:
    question: Question
    text: str  # the team's newest message: what the coordinator answers


def questions_in(found: list[signals.Signal]) -> dict[int, Asked]:
    """The questions behind the signals shown, with what the team wrote, so the coordinator
    can read and answer right there."""
    ids = [s.subject_id for s in found if s.kind == SignalKind.QUESTION_UNANSWERED]
    if not ids:
        return {}
    texts = last_from_team(ids)
    questions = db.session.scalars(sa.select(Question).where(Question.id.in_(ids)))
    return {question.id: Asked(question, texts.get(question.id, "")) for question in questions}


# Signals about a voucher request: their card names the activity and the amount.
REQUEST_SIGNALS = (
    SignalKind.ACCOUNTABILITY_OVERDUE,
    SignalKind.PAYOUT_WAITING,
    SignalKind.ACCOUNTABILITY_CHECK,
    SignalKind.DECISION_PENDING,
)


def vouchers_in(found: list[signals.Signal]) -> dict[tuple, tuple[str, int]]:
    """(activity, amount) of the requests behind the signals shown, by the signals' keys, so
    that two signals of one team say which request each is about: one statement a page."""
    about = [s for s in found if s.kind in REQUEST_SIGNALS]
    if not about:
        return {}
    amount = sa.func.coalesce(VoucherRequest.awarded_cents, VoucherRequest.requested_cents)
    rows = db.session.execute(
        sa.select(VoucherRequest.id, Activity.title, amount)
        .join(Activity, Activity.id == VoucherRequest.activity_id)
        .where(VoucherRequest.id.in_([s.subject_id for s in about]))
    )
    found_rows = {request_id: (title, cents) for request_id, title, cents in rows}
    return {s.key: found_rows[s.subject_id] for s in about if s.subject_id in found_rows}


def snooze(actor, kind: SignalKind, team: Team, subject_id: int, until: date, reason: str) -> SignalSnooze:
    """Put a signal aside up to and including `until`, with a reason the colleagues read.
    Only a signal that is there now can be snoozed."""
    authorize(actor, "coordination.snooze", team)
    today = local_today()
    if until <= today:
        raise RuleViolated(_l("Kies een dag na vandaag."))
    if until > today + timedelta(days=MAX_SNOOZE_DAYS):
        raise RuleViolated(_l("U kunt een signaal hoogstens een jaar uitstellen."))
    if not signals.is_there(kind, team, subject_id):
        raise RuleViolated(NOT_THERE)
    row = db.session.scalar(
        sa.select(SignalSnooze).where(
            SignalSnooze.kind == kind, SignalSnooze.team_id == team.id, SignalSnooze.subject_id == subject_id
        )
    )
    if row is None:
        row = SignalSnooze(kind=kind, team_id=team.id, subject_id=subject_id)
        db.session.add(row)
    row.until, row.reason, row.snoozed_by_id, row.snoozed_at = until, reason, actor.id, utcnow()
    record(actor, "signal.snoozed", team, signal=kind, subject_id=subject_id, until=until, reason=reason)
    db.session.flush()
    return row


def wake(actor, snooze_id: int) -> None:
    """Show a snoozed signal again before its day (if its situation is still there)."""
    authorize(actor, "coordination.snooze")
    row = db.session.get(SignalSnooze, snooze_id)
    if row is None or row.until < local_today():
        raise RuleViolated(_l("Dit signaal is niet (meer) uitgesteld."))
    team = db.session.get(Team, row.team_id)
    authorize(actor, "coordination.snooze", team)
    record(actor, "signal.woken", team, signal=row.kind, subject_id=row.subject_id)
    db.session.delete(row)
    db.session.flush()


def snoozed_list(user, neighbourhood_id: int | None) -> list[tuple[SignalSnooze, Team]]:
    query = (
        sa.select(SignalSnooze, Team)
        .join(Team, Team.id == SignalSnooze.team_id)
        .where(SignalSnooze.until >= local_today(), in_scope(user, Team.neighbourhood_id))
        .order_by(SignalSnooze.until, SignalSnooze.id)
    )
    if neighbourhood_id is not None:
        query = query.where(Team.neighbourhood_id == neighbourhood_id)
    return [(row, team) for row, team in db.session.execute(query)]
