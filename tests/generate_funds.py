"""The money for tests.generate: funds with their regie-groups, requests, advices, decisions
and ledgers, in bulk like the rest. STEPS here is every step, the money last."""

import itertools
from datetime import timedelta

import sqlalchemy as sa

from app.activities.models import Activity, ActivityStatus
from app.extensions import db
from app.money.models import EntryKind, Fund, LedgerEntry, RegieMember, RegieRole
from app.money.requests.models import Advice, Assessment, Decision, Outcome, RequestStatus, VoucherRequest
from app.teams.models import Team
from tests import generate
from tests.generate import Generation, insert_rows

# A fund's requests through their way, most of them still open or just decided.
REQUEST_STATUSES = [RequestStatus.SUBMITTED] * 4 + [RequestStatus.IN_REVIEW] * 5 + [RequestStatus.REJECTED] * 2
REQUEST_STATUSES += [RequestStatus.AWARDED] * 3 + [RequestStatus.PARTLY_AWARDED] + [RequestStatus.PAID_OUT] * 3
REQUEST_STATUSES += [RequestStatus.SETTLED] * 2
DECIDED_OUTCOMES = {
    RequestStatus.REJECTED: Outcome.REJECTED,
    RequestStatus.PARTLY_AWARDED: Outcome.PARTLY_AWARDED,
}
REGIE_ROLES = [RegieRole.CHAIR, RegieRole.DEPUTY, RegieRole.MEMBER, RegieRole.MEMBER, RegieRole.MEMBER]
FUND_TOTAL_CENTS = 100_000_00


def funds(gen: Generation) -> int:
    """A fund this year in each of the 10 × scale largest neighbourhoods, with a regie-group of
    five (chair first) and a request from each of up to 150 of its teams with planned
    activities. A fund's size does not grow with the municipality: its page and its regie
    members' work list read the same at every scale."""
    hoods = gen.neighbourhood_ids[: 10 * gen.scale]  # the largest (the weights fall with the position)
    year = gen.now.year
    insert_rows(
        Fund,
        (
            dict(
                neighbourhood_id=hood_id,
                name=f"Buurtbudget {year}",
                name_key=f"buurtbudget {year}",
                period_start=gen.now.date().replace(month=1, day=1),
                period_end=gen.now.date().replace(month=12, day=31),
                support_percent=10,
                max_per_voucher_cents=500_00,
                max_per_team_cents=1_000_00,
                min_team_size=2,
                categories=["materials", "food", "rent"],
                opens_on=gen.now.date().replace(month=1, day=1),
                closes_on=gen.now.date().replace(month=12, day=31),
                accountability_days=60,
                objection_days=42,
                quorum=3,
                decision_rule="majority",
                created_at=gen.now,
            )
            for hood_id in hoods
        ),
    )
    fund_ids = dict(db.session.execute(sa.select(Fund.neighbourhood_id, Fund.id)).tuples().all())
    # One planned activity per team of these neighbourhoods: the request's activity.
    planned = db.session.execute(
        sa.select(Team.neighbourhood_id, Team.id, sa.func.min(Activity.id))
        .join(Activity, Activity.team_id == Team.id)
        .where(Team.neighbourhood_id.in_(hoods), Activity.status == ActivityStatus.PLANNED)
        .group_by(Team.neighbourhood_id, Team.id)
        .order_by(Team.id)
    )
    requests, per_fund = [], {}
    for hood_id, team_id, activity_id in planned:
        if per_fund.setdefault(hood_id, 0) < 150:
            per_fund[hood_id] += 1
            requests.append((fund_ids[hood_id], team_id, activity_id, gen.rng.choice(REQUEST_STATUSES)))
    seats = [(fund_id, user_id) for fund_id in fund_ids.values() for user_id in gen.rng.sample(gen.user_ids, 5)]
    made = len(fund_ids) + insert_rows(
        RegieMember,
        (
            dict(
                fund_id=f,
                user_id=u,
                role=role,
                starts_on=gen.now.date().replace(month=1, day=1),
                ends_on=gen.now.date().replace(year=year + 2, month=12, day=31),
                created_at=gen.now,
            )
            for (f, u), role in zip(seats, itertools.cycle(REGIE_ROLES), strict=False)
        ),
    )
    made += insert_rows(VoucherRequest, (_request(gen, *request) for request in requests))
    return made + _money(gen, {fund_id: [u for f, u in seats if f == fund_id] for fund_id in fund_ids.values()})


def _request(gen: Generation, fund_id: int, team_id: int, activity_id: int, status: RequestStatus) -> dict:
    requested = gen.rng.randint(50, 500) * 100
    decided = status not in (RequestStatus.SUBMITTED, RequestStatus.IN_REVIEW)
    awarded = {RequestStatus.REJECTED: 0, RequestStatus.PARTLY_AWARDED: requested // 2}.get(status, requested)
    return dict(
        fund_id=fund_id,
        team_id=team_id,
        activity_id=activity_id,
        motivation="Voor de buurt.",
        status=status,
        requested_cents=requested,
        awarded_cents=awarded if decided else None,
        round=1,
        submitted_at=gen.now - timedelta(days=gen.rng.randint(1, 120)),
        decided_at=gen.now if decided else None,
        created_at=gen.now,
        updated_at=gen.now,
    )


def _money(gen: Generation, regie: dict[int, list[int]]) -> int:
    """The advices (in review: two of the five), the decisions and the ledger: each fund's
    budget and support share, and a reservation (and for paid requests a payout) per award."""
    columns = (VoucherRequest.id, VoucherRequest.fund_id, VoucherRequest.status, VoucherRequest.awarded_cents)
    rows = list(db.session.execute(sa.select(*columns).order_by(VoucherRequest.id)))
    advices = (
        dict(request_id=row.id, user_id=user_id, round=1, advice=Advice.AWARD, created_at=gen.now, updated_at=gen.now)
        for row in rows
        if row.status != RequestStatus.SUBMITTED
        for user_id in regie[row.fund_id][1 : 3 if row.status == RequestStatus.IN_REVIEW else 5]
    )
    made = insert_rows(Assessment, advices)
    decided = [row for row in rows if row.awarded_cents is not None]
    made += insert_rows(
        Decision,
        (
            dict(
                request_id=row.id,
                round=1,
                outcome=DECIDED_OUTCOMES.get(row.status, Outcome.AWARDED),
                amount_cents=row.awarded_cents,
                motivation="Past bij de regels.",
                decided_by_id=regie[row.fund_id][0],
                advised_outcome=DECIDED_OUTCOMES.get(row.status, Outcome.AWARDED),
                advised_cents=row.awarded_cents,
                created_at=gen.now,
            )
            for row in decided
        ),
    )

    def entry(fund_id: int, kind: EntryKind, cents: int, request_id: int | None = None) -> dict:
        return dict(
            fund_id=fund_id, request_id=request_id, kind=kind, amount_cents=cents, reason="", created_at=gen.now
        )

    def entries():
        for fund_id in regie:
            yield entry(fund_id, EntryKind.DEPOSIT, FUND_TOTAL_CENTS)
            yield entry(fund_id, EntryKind.SUPPORT, FUND_TOTAL_CENTS // 10)
        for row in decided:
            if row.awarded_cents:
                yield entry(row.fund_id, EntryKind.RESERVATION, row.awarded_cents, row.id)
            if row.awarded_cents and row.status in (RequestStatus.PAID_OUT, RequestStatus.SETTLED):
                yield entry(row.fund_id, EntryKind.PAYOUT, row.awarded_cents, row.id)

    return made + insert_rows(LedgerEntry, entries())


STEPS = [*generate.STEPS, funds]
