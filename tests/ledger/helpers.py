"""The fund's balances recomputed in plain Python from the raw ledger rows, to hold the
service's SQL sums against."""

from collections import Counter

import sqlalchemy as sa

from app.extensions import db
from app.money.models import EntryKind, Fund, LedgerEntry


def entries(fund: Fund | int) -> list:
    """The fund's ledger rows as they are in the database, oldest first."""
    fund_id = fund if isinstance(fund, int) else fund.id
    return db.session.execute(
        sa.select(
            LedgerEntry.id, LedgerEntry.kind, LedgerEntry.amount_cents, LedgerEntry.corrects_id, LedgerEntry.request_id
        )
        .where(LedgerEntry.fund_id == fund_id)
        .order_by(LedgerEntry.id)
    ).all()


def recompute(rows) -> dict[str, int]:
    """total, support, reserved, paid out, returned and available from the rows: a correction
    counts as the kind of the entry it corrects; a payout moves reserved money out."""
    kind_of = {row.id: row.kind for row in rows}
    sums: Counter = Counter()
    for row in rows:
        sums[kind_of[row.corrects_id] if row.kind == EntryKind.CORRECTION else row.kind] += row.amount_cents
    reserved = sums[EntryKind.RESERVATION] - sums[EntryKind.RELEASE] - sums[EntryKind.PAYOUT]
    return {
        "total": sums[EntryKind.DEPOSIT],
        "support": sums[EntryKind.SUPPORT],
        "reserved": reserved,
        "paid_out": sums[EntryKind.PAYOUT],
        "returned": sums[EntryKind.RETURN],
        "available": sums[EntryKind.DEPOSIT]
        - sums[EntryKind.SUPPORT]
        - reserved
        - sums[EntryKind.PAYOUT]
        + sums[EntryKind.RETURN],
    }


def as_dict(balances) -> dict[str, int]:
    """A Balances as recompute() gives it."""
    names = ("total", "support", "reserved", "paid_out", "returned", "available")
    return {name: getattr(balances, name) for name in names}


def never_below_zero(rows) -> bool:
    """Every balance stayed at zero or more after each entry, in the order they were booked."""
    return all(min(recompute(rows[:n]).values()) >= 0 for n in range(1, len(rows) + 1))
