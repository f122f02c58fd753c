"""Many rows at once with bulk SQL, for the statement-count tests of list pages (accounts,
memberships, notifications, sign-ups, ledger entries); teams are in tests.generate."""

import itertools

import sqlalchemy as sa

from app.accounts.models import User
from app.core.models import utcnow
from app.core.notifications import Notification
from app.extensions import db
from app.money.models import EntryKind, LedgerEntry
from app.signups.models import SignUp, SignUpStatus
from app.teams.models import MemberRole, Membership, MembershipState

_batch = itertools.count(1)


def bulk_users(count: int, hood_id: int | None = None, **values) -> list[int]:
    """`count` confirmed accounts named 'Bulkbewoner <batch>-<n>'; returns their ids in name order."""
    now, batch = utcnow(), next(_batch)
    rows = [
        dict(
            name=f"Bulkbewoner {batch}-{n:05d}",
            email=f"bulk{batch}-{n}@example.org",
            password_hash="!",  # no password: nobody logs in as these
            neighbourhood_id=hood_id,
            email_confirmed_at=now,
        )
        | values
        for n in range(count)
    ]
    db.session.execute(sa.insert(User), rows)
    query = sa.select(User.id).where(User.name.like(f"Bulkbewoner {batch}-%")).order_by(User.name)
    return list(db.session.scalars(query))


def bulk_members(team_id: int, user_ids: list[int], role=MemberRole.MEMBER, state=MembershipState.ACTIVE) -> None:
    rows = [dict(team_id=team_id, user_id=user_id, role=role, state=state) for user_id in user_ids]
    db.session.execute(sa.insert(Membership), rows)


def bulk_notifications(user_id: int, count: int) -> None:
    data = ({"name": f"Buur {n}", "team": f"Team {n}"} for n in range(count))
    rows = [dict(user_id=user_id, kind="team.join_requested", data=values) for values in data]
    db.session.execute(sa.insert(Notification), rows)


def bulk_sign_ups(activity_id: int, count: int) -> None:
    now, batch = utcnow(), next(_batch)
    rows = [
        dict(
            activity_id=activity_id,
            name=f"Buur {n}",
            email=f"buur{batch}-{n}@example.org",
            status=SignUpStatus.CONFIRMED if n % 2 else SignUpStatus.WAITLISTED,
            token=f"bulk-{batch}-{n}",
            queued_at=now,
        )
        for n in range(count)
    ]
    db.session.execute(sa.insert(SignUp), rows)


def bulk_entries(
    fund_id: int, request_id: int, actor_id: int, total: int, reason: str = "Boeking", mixed: bool = False
) -> None:
    """`total` entries of one cent returned for the request, numbered in their reason, in one
    INSERT … SELECT over generate_series; `mixed`: every other one a deposit without it."""
    n = sa.func.generate_series(0, total - 1).column_valued("n")
    odd = n % 2 == 1
    kind = LedgerEntry.__table__.c.kind.type
    returned = sa.literal(EntryKind.RETURN, kind)
    rows = sa.select(
        sa.literal(fund_id),
        sa.case((odd, request_id), else_=None) if mixed else sa.literal(request_id),
        sa.case((odd, returned), else_=sa.literal(EntryKind.DEPOSIT, kind)) if mixed else returned,
        sa.literal(1),
        sa.literal(actor_id),
        sa.literal(f"{reason} ") + sa.cast(n, sa.Text),
        sa.literal(utcnow(), LedgerEntry.__table__.c.created_at.type),
    )
    names = ["fund_id", "request_id", "kind", "amount_cents", "actor_id", "reason", "created_at"]
    db.session.execute(sa.insert(LedgerEntry).from_select(names, rows))
