"""What the regie-group's pages read: a person's work list in one statement, and the
team's earlier requests."""

import functools
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import aliased, joinedload, load_only

from app.activities.models import Activity
from app.core.timezone import local_today
from app.extensions import db
from app.money.models import Fund, RegieMember, RegieRole
from app.money.requests.models import OPEN_FOR_ADVICE, Assessment, VoucherRequest
from app.teams.models import Membership, MembershipState, Team


@dataclass(frozen=True)
class Work:
    """An open request in a fund where the person serves and is not recused."""

    request: VoucherRequest
    team_name: str
    activity_title: str
    fund: Fund
    mine: Assessment | None  # the person's advice in this round
    given: int  # advices in this round
    deciding: bool  # the person records the decision (chair, or deputy for a recused chair)

    @property
    def ready_to_decide(self) -> bool:
        return self.deciding and self.given >= self.fund.quorum


# Built once, with the person and today as parameters: building these aliased joins and
# subqueries anew was a fifth of the work list's time.
USER, TODAY = sa.bindparam("user_id"), sa.bindparam("today", type_=sa.Date)


def _serves(seat):
    return sa.and_(seat.starts_on <= TODAY, seat.ends_on >= TODAY)


def _in_team(user_id):
    """The person is an active member of the request's team: recused."""
    return (
        sa.exists()
        .where(
            Membership.team_id == VoucherRequest.team_id,
            Membership.user_id == user_id,
            Membership.state == MembershipState.ACTIVE,
        )
        .correlate_except(Membership)
    )


@functools.cache
def _serves_anywhere() -> sa.Select:
    return sa.select(sa.exists().where(RegieMember.user_id == USER, _serves(RegieMember)))


def serves_anywhere(user) -> bool:
    return db.session.scalar(_serves_anywhere(), {"user_id": user.id, "today": local_today()})


@functools.cache
def _work() -> sa.Select:
    seat, chair, mine = aliased(RegieMember), aliased(RegieMember), aliased(Assessment)
    given = (
        sa.select(sa.func.count(Assessment.id))
        .where(Assessment.request_id == VoucherRequest.id, Assessment.round == VoucherRequest.round)
        .scalar_subquery()
    )
    chair_decides = sa.exists().where(
        chair.fund_id == VoucherRequest.fund_id,
        chair.role == RegieRole.CHAIR,
        _serves(chair),
        ~_in_team(chair.user_id),
    )
    deciding = sa.or_(seat.role == RegieRole.CHAIR, sa.and_(seat.role == RegieRole.DEPUTY, ~chair_decides))
    return (
        sa.select(VoucherRequest, Team.name, Activity.title, Fund, mine, given, deciding)
        .join(seat, sa.and_(seat.fund_id == VoucherRequest.fund_id, seat.user_id == USER, _serves(seat)))
        .join(Fund, Fund.id == VoucherRequest.fund_id)
        .join(Team, Team.id == VoucherRequest.team_id)
        .join(Activity, Activity.id == VoucherRequest.activity_id)
        .outerjoin(
            mine,
            sa.and_(mine.request_id == VoucherRequest.id, mine.user_id == USER, mine.round == VoucherRequest.round),
        )
        .where(VoucherRequest.status.in_(OPEN_FOR_ADVICE), ~_in_team(USER))
        .order_by(VoucherRequest.submitted_at, VoucherRequest.id)
        # The work list shows these columns only: a fund's whole list, loaded per row.
        .options(
            load_only(VoucherRequest.id, VoucherRequest.round, VoucherRequest.requested_cents, raiseload=True),
            load_only(Fund.id, Fund.name, Fund.quorum, raiseload=True),
            load_only(mine.id, mine.advice, raiseload=True),
        )
    )


def work_of(user) -> list[Work]:
    """Every request waiting for the regie-group in the funds where the person serves today,
    leaving out their own teams'. Whether they decide is policy.decider_id's rule, asked of
    all rows at once: the chair serving and not recused, else the deputy."""
    rows = db.session.execute(_work(), {"user_id": user.id, "today": local_today()})
    return [Work(*row[:-1], bool(row[-1])) for row in rows]


def earlier_requests(request: VoucherRequest) -> list[VoucherRequest]:
    """The team's other requests to the same fund that were submitted (drafts, also withdrawn
    ones, are the team's own), with the activity."""
    return list(
        db.session.scalars(
            sa.select(VoucherRequest)
            .where(
                VoucherRequest.team_id == request.team_id,
                VoucherRequest.fund_id == request.fund_id,
                VoucherRequest.id != request.id,
                VoucherRequest.was_submitted,
            )
            .options(joinedload(VoucherRequest.activity))
            .order_by(VoucherRequest.submitted_at, VoucherRequest.id)
        )
    )
