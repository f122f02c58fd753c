"""Who sits in a fund's regie-group today, looked up once per request."""

import functools
from datetime import date

import sqlalchemy as sa

from app.accounts.models import User
from app.core.request_cache import request_cache
from app.core.timezone import local_today
from app.extensions import db
from app.money.models import RegieMember, RegieRole


def seat_of(user, fund_id: int) -> RegieMember | None:
    """The user's seat in the fund's regie-group, whatever its term."""
    if not user.is_authenticated:
        return None
    cache = request_cache("regie_seats")
    key = (user.id, fund_id)
    if key not in cache:
        cache[key] = db.session.scalar(
            sa.select(RegieMember).where(RegieMember.fund_id == fund_id, RegieMember.user_id == user.id)
        )
    return cache[key]


def serving(user, fund_id: int, day: date | None = None) -> RegieMember | None:
    """The seat when its term includes the day (today by default)."""
    seat = seat_of(user, fund_id)
    return seat if seat is not None and seat.serves_on(day or local_today()) else None


def in_regie_group(user, fund) -> bool:
    """Appointed to the fund and the term has not ended (a future term may read along)."""
    seat = seat_of(user, fund.id)
    return seat is not None and seat.ends_on >= local_today()


def group(fund_id: int) -> list[RegieMember]:
    """The regie-group with their accounts: chair, deputy, then members by name."""
    cache = request_cache("regie_groups")
    if fund_id not in cache:
        cache[fund_id] = _load_group(fund_id)
    return cache[fund_id]


@functools.cache
def _group() -> sa.Select:
    """Built once, with the fund as a parameter (every regie and fund page reads it)."""
    order = sa.case({RegieRole.CHAIR: 0, RegieRole.DEPUTY: 1}, value=RegieMember.role, else_=2)
    return (
        sa.select(RegieMember)
        .join(User, User.id == RegieMember.user_id)
        .where(RegieMember.fund_id == sa.bindparam("fund_id"))
        .options(sa.orm.contains_eager(RegieMember.user))
        .order_by(order, User.name)
    )


def _load_group(fund_id: int) -> list[RegieMember]:
    return list(db.session.scalars(_group(), {"fund_id": fund_id}))
