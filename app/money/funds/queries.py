"""What the fund pages, the public pages and the API read. Every function issues a fixed
number of statements, however many requests and ledger entries a fund has."""

import functools
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime

import sqlalchemy as sa
from flask import abort, current_app
from sqlalchemy.orm import aliased, contains_eager, joinedload, load_only

from app.accounts.models import User
from app.activities.models import Activity
from app.core.pagination import Page, paginate
from app.core.timezone import local_today, to_local
from app.extensions import db
from app.money import ledger
from app.money.ledger import Balances
from app.money.models import EntryKind, Fund, LedgerEntry, RegieMember
from app.money.requests.models import AWARDED, Decision, Outcome, RequestStatus, VoucherRequest, departs
from app.places.models import Neighbourhood
from app.teams.models import Team

# A voucher the regie-group awarded, whatever happened to the money afterwards.
SUPPORTED = (*AWARDED, RequestStatus.PAID_OUT, RequestStatus.ACCOUNTED, RequestStatus.SETTLED)


# Statements every fund page reads are built once, with the fund as a parameter: their joins
# and loader options need not be built again on every request.
FUND = sa.bindparam("fund_id")


@functools.cache
def _fund_with_neighbourhood() -> sa.Select:
    return sa.select(Fund).join(Fund.neighbourhood).options(contains_eager(Fund.neighbourhood)).where(Fund.id == FUND)


def fund_or_404(fund_id: int) -> Fund:
    fund = db.session.scalar(_fund_with_neighbourhood(), {"fund_id": fund_id})
    if fund is None:
        abort(404)
    return fund


def _funds(*where) -> list[Fund]:
    return list(
        db.session.scalars(
            sa.select(Fund)
            .join(Fund.neighbourhood)
            .options(contains_eager(Fund.neighbourhood))
            .where(*where)
            .order_by(Neighbourhood.name, Fund.period_start.desc(), Fund.name)
        )
    )


def in_period(earlier: bool) -> sa.ColumnElement[bool]:
    """Funds whose period has not ended (running or still to come), or with `earlier` the
    ones whose period has; ix_fund_period_end finds either."""
    today = local_today()
    return Fund.period_end < today if earlier else Fund.period_end >= today


def period_page(page: int, earlier: bool, *where) -> Page:
    """A page of the funds of now (or of earlier periods), of a coordinator's scope when
    `where` says so (core.scope.in_scope), by neighbourhood, the newest period first; items
    are `Summary`. A list of every fund grew with every period of every neighbourhood."""
    query = (
        sa.select(Fund)
        .join(Fund.neighbourhood)
        .options(contains_eager(Fund.neighbourhood))
        .where(in_period(earlier), *where)
        .order_by(Neighbourhood.name, Fund.period_start.desc(), Fund.name, Fund.id)
    )
    return _page_of(query, page, summaries)


def funds_of_member(user) -> list[Fund]:
    """The funds where the person sits in the regie-group and the term has not ended."""
    seated = sa.exists().where(
        RegieMember.fund_id == Fund.id, RegieMember.user_id == user.id, RegieMember.ends_on >= local_today()
    )
    return _funds(seated)


def seated_somewhere(user, today) -> sa.Exists:
    """A seat in some regie-group whose term has not ended by `today` (a day, or a parameter)."""
    return sa.exists().where(RegieMember.user_id == user.id, RegieMember.ends_on >= today)


# The order of a fund's requests within a status: those that have waited longest first.
OLDEST_FIRST = (VoucherRequest.submitted_at, VoucherRequest.id)


@functools.cache
def _submitted_requests() -> sa.Select:
    return (
        sa.select(VoucherRequest)
        .where(VoucherRequest.fund_id == FUND, VoucherRequest.was_submitted)
        .order_by(*OLDEST_FIRST)
        # The columns of the tables only: every row is an object.
        .options(
            load_only(
                VoucherRequest.team_id,
                VoucherRequest.status,
                VoucherRequest.requested_cents,
                VoucherRequest.awarded_cents,
                VoucherRequest.submitted_at,
                VoucherRequest.accountability_due_on,
                raiseload=True,
            ),
            joinedload(VoucherRequest.team).load_only(Team.name, raiseload=True),
            joinedload(VoucherRequest.activity).load_only(Activity.title, raiseload=True),
        )
    )


# A fund's page lists this many requests of each status, the oldest first; the rest of a
# status is a link away, paged (requests_with_status).
FIRST_PER_STATUS = 10


@dataclass(frozen=True)
class StatusList:
    status: RequestStatus
    first: list[VoucherRequest]
    total: int


@functools.cache
def _first_per_status() -> sa.Select:
    submitted = _submitted_requests()
    place = sa.func.row_number().over(partition_by=VoucherRequest.status, order_by=OLDEST_FIRST)
    ranked = (
        submitted.with_only_columns(
            VoucherRequest.id,
            place.label("place"),
            sa.func.count().over(partition_by=VoucherRequest.status).label("total"),
        )
        .order_by(None)
        .subquery()
    )
    return (
        submitted.add_columns(ranked.c.total)
        .join(ranked, ranked.c.id == VoucherRequest.id)
        .where(ranked.c.place <= FIRST_PER_STATUS)
    )


def requests_by_status(fund: Fund) -> list[StatusList]:
    """The fund's submitted requests (a team's drafts, also withdrawn ones, are its own) per
    status, in the order of the way through: the oldest FIRST_PER_STATUS of each with their
    team and activity, and how many there are, in one statement."""
    groups: dict[RequestStatus, list[VoucherRequest]] = {status: [] for status in RequestStatus}
    totals: dict[RequestStatus, int] = {}
    for request, total in db.session.execute(_first_per_status(), {"fund_id": fund.id}):
        groups[request.status].append(request)
        totals[request.status] = total
    return [StatusList(status, listed, totals[status]) for status, listed in groups.items() if listed]


def requests_with_status(fund: Fund, status: RequestStatus, page: int) -> Page:
    """A page of the fund's submitted requests with this status, oldest first."""
    query = _submitted_requests().where(VoucherRequest.status == status).params(fund_id=fund.id)
    return paginate(query, page, current_app.config["PAGE_SIZE"])


@dataclass(frozen=True)
class Entry:
    """A ledger entry with the names it refers to."""

    entry: LedgerEntry
    actor_name: str | None
    team_id: int | None
    team_name: str | None
    corrects_kind: EntryKind | None


def _page_of(query: sa.Select, page: int, details) -> Page:
    """A page of `query` (count and slice), its items completed by `details` in one statement."""
    result = paginate(query, page, current_app.config["PAGE_SIZE"])
    result.items = details(result.items)
    return result


def _entry_details(entries: list[LedgerEntry]) -> list[Entry]:
    corrected = aliased(LedgerEntry)
    rows = db.session.execute(
        sa.select(LedgerEntry.id, User.name, Team.id, Team.name, corrected.kind)
        .outerjoin(User, User.id == LedgerEntry.actor_id)
        .outerjoin(VoucherRequest, VoucherRequest.id == LedgerEntry.request_id)
        .outerjoin(Team, Team.id == VoucherRequest.team_id)
        .outerjoin(corrected, corrected.id == LedgerEntry.corrects_id)
        .where(LedgerEntry.id.in_([entry.id for entry in entries]))
    )
    names = {row[0]: row[1:] for row in rows}
    return [Entry(entry, *names[entry.id]) for entry in entries]


def ledger_page(fund: Fund, page: int) -> Page:
    """The fund's ledger, newest entry first; items are `Entry`."""
    query = sa.select(LedgerEntry).where(LedgerEntry.fund_id == fund.id).order_by(LedgerEntry.id.desc())
    return _page_of(query, page, _entry_details)


def ledger_rows(fund: Fund, batch: int = 1000) -> Iterator[sa.Row]:
    """Every entry of the fund in order with its names, for the CSV. Read in batches through a
    server-side cursor (yield_per), so a ledger of any length takes the memory of one batch."""
    query = (
        sa.select(
            LedgerEntry.id,
            LedgerEntry.created_at,
            LedgerEntry.kind,
            LedgerEntry.amount_cents,
            LedgerEntry.request_id,
            Team.name.label("team_name"),
            User.name.label("actor_name"),
            LedgerEntry.reason,
            LedgerEntry.corrects_id,
        )
        .outerjoin(User, User.id == LedgerEntry.actor_id)
        .outerjoin(VoucherRequest, VoucherRequest.id == LedgerEntry.request_id)
        .outerjoin(Team, Team.id == VoucherRequest.team_id)
        .where(LedgerEntry.fund_id == fund.id)
        .order_by(LedgerEntry.id)
        .execution_options(yield_per=batch)
    )
    yield from db.session.execute(query)


def supported_counts(fund_ids: list[int]) -> dict[int, int]:
    """Per fund, the number of activities it gave money to (one statement)."""
    rows = db.session.execute(
        sa.select(VoucherRequest.fund_id, sa.func.count(sa.distinct(VoucherRequest.activity_id)))
        .where(VoucherRequest.fund_id.in_(fund_ids), VoucherRequest.status.in_(SUPPORTED))
        .group_by(VoucherRequest.fund_id)
    )
    return dict.fromkeys(fund_ids, 0) | {fund_id: int(count) for fund_id, count in rows}


@dataclass(frozen=True)
class Summary:
    """What anyone may know of a fund's money."""

    fund: Fund
    balances: Balances
    supported: int


def summaries(funds: list[Fund]) -> list[Summary]:
    ids = [fund.id for fund in funds]
    balances, supported = ledger.balances_of(ids), supported_counts(ids)
    return [Summary(fund, balances[fund.id], supported[fund.id]) for fund in funds]


@dataclass(frozen=True)
class PublicDecision:
    """A line of the public decision list: teams and amounts, never a person."""

    request_id: int
    team_id: int
    team_name: str
    activity_title: str
    outcome: Outcome
    amount_cents: int
    motivation: str
    decided_on: date
    advised_outcome: Outcome | None  # what the advices said (Decision.advised_outcome)
    advised_cents: int | None

    @property
    def departs(self) -> bool:
        return departs((self.advised_outcome, self.advised_cents), self.outcome, self.amount_cents)


def _decision_details(decisions: list[Decision]) -> list[PublicDecision]:
    rows = db.session.execute(
        sa.select(Decision.id, Team.id, Team.name, Activity.title)
        .join(VoucherRequest, VoucherRequest.id == Decision.request_id)
        .join(Team, Team.id == VoucherRequest.team_id)
        .join(Activity, Activity.id == VoucherRequest.activity_id)
        .where(Decision.id.in_([decision.id for decision in decisions]))
    )
    names = {row[0]: row[1:] for row in rows}
    return [
        PublicDecision(
            d.request_id,
            *names[d.id],
            d.outcome,
            d.amount_cents,
            d.motivation,
            _day(d.created_at),
            d.advised_outcome,
            d.advised_cents,
        )
        for d in decisions
    ]


def _day(moment: datetime) -> date:
    return to_local(moment).date()


def decisions_page(fund: Fund, page: int) -> Page:
    """The fund's final decisions (after an objection: the second one), newest first."""
    later = aliased(Decision)
    query = (
        sa.select(Decision)
        .join(VoucherRequest, VoucherRequest.id == Decision.request_id)
        .where(
            VoucherRequest.fund_id == fund.id,
            ~sa.exists().where(later.request_id == Decision.request_id, later.round > Decision.round),
        )
        .order_by(Decision.created_at.desc(), Decision.id.desc())
    )
    return _page_of(query, page, _decision_details)


def seat_or_404(fund: Fund, seat_id: int) -> RegieMember:
    """A seat of this fund; another fund's seat does not exist here."""
    seat = db.session.get(RegieMember, seat_id)
    if seat is None or seat.fund_id != fund.id:
        abort(404)
    return seat


def funds_page(page: int) -> Page:
    """Every fund in the order they were made; items are `Summary`."""
    query = sa.select(Fund).join(Fund.neighbourhood).options(contains_eager(Fund.neighbourhood)).order_by(Fund.id)
    return _page_of(query, page, summaries)
