"""The signals on the coordinator's dashboard: each is a query for the situations of one
kind, with the thresholds from the settings. A signal goes away when its situation is
resolved (nothing is stored about it), or for a while when a coordinator snoozes it.

One statement per kind, whatever the number of teams; the list is sorted by urgency:
the order of the kinds, then the oldest situation first."""

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import sqlalchemy as sa
from flask import current_app

from app.coaching.models import CoachingNote
from app.coordination.models import SignalKind, SignalSnooze
from app.core.models import utcnow
from app.core.timezone import local_today, local_zone
from app.extensions import db
from app.funds.models import Fund
from app.helpdesk.models import Question, QuestionStatus
from app.teams.models import MemberRole, Membership, MembershipState, Team, TeamStatus
from app.vouchers.models import OPEN_FOR_ADVICE, RequestStatus, VoucherRequest
from app.vouchers.requests import COUNTED_ROLES

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
    return (Team.id, Team.name, Team.neighbourhood_id, subject, since)


def _accountability_overdue() -> sa.Select:
    return (
        sa.select(*_columns(VoucherRequest.id, VoucherRequest.accountability_due_on))
        .join(Team, Team.id == VoucherRequest.team_id)
        .where(VoucherRequest.status == RequestStatus.PAID_OUT, VoucherRequest.accountability_due_on < local_today())
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
    minimum = (
        sa.select(sa.func.max(Fund.min_team_size))
        .where(Fund.neighbourhood_id == Team.neighbourhood_id, Fund.opens_on <= today, Fund.closes_on >= today)
        .scalar_subquery()
    )
    size = sa.select(sa.func.count()).select_from(_active_members(COUNTED_ROLES).subquery()).scalar_subquery()
    return sa.select(*_columns(sa.literal(0), sa.null())).where(Team.status.in_(LIVE), size < minimum)


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
    SignalKind.DECISION_PENDING: _decision_pending,
    SignalKind.QUESTION_UNANSWERED: _question_unanswered,
    SignalKind.NO_TREKKER: _no_trekker,
    SignalKind.BELOW_MINIMUM: _below_minimum,
    SignalKind.NO_SUPPORT_CONTACT: _no_support_contact,
    SignalKind.DORMANT: _dormant,
    SignalKind.HEADING_DORMANT: _heading_dormant,
}


def _day(value, zone) -> date | None:
    if value is None or (isinstance(value, date) and not isinstance(value, datetime)):
        return value
    return value.astimezone(zone).date()


def snoozed() -> dict[tuple[SignalKind, int, int], SignalSnooze]:
    """Snoozes that still hold today, by the signal they put aside."""
    rows = db.session.scalars(sa.select(SignalSnooze).where(SignalSnooze.until >= local_today()))
    return {(row.kind, row.team_id, row.subject_id): row for row in rows}


def current(
    neighbourhood_id: int | None = None, kind: SignalKind | None = None, keep_snoozed: bool = False
) -> list[Signal]:
    """Every signal that is not snoozed (or every one, with `keep_snoozed`), most urgent
    first; optionally of one neighbourhood or one kind."""
    found, zone = [], local_zone()
    for each, query in QUERIES.items():
        if kind is not None and each != kind:
            continue
        select = query().where(Team.status != TeamStatus.ARCHIVED)
        if neighbourhood_id is not None:
            select = select.where(Team.neighbourhood_id == neighbourhood_id)
        found += [
            Signal(each, team, name, hood, subject, _day(since, zone))
            for team, name, hood, subject, since in db.session.execute(select)
        ]
    if not keep_snoozed:
        put_aside = snoozed()
        found = [signal for signal in found if signal.key not in put_aside]
    return sorted(found, key=lambda s: (URGENCY[s.kind], s.since or date.max, s.team_name, s.subject_id))


def counts(signals: list[Signal]) -> Counter:
    return Counter(signal.kind for signal in signals)
