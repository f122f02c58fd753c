"""Ledger rows cannot be changed or removed, not even with raw SQL: the migration's triggers
refuse it (and TRUNCATE too). A mistake is corrected by a
new entry. The CHECK constraint keeps every movement positive and every correction linked."""

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.money import ledger
from app.money.models import EntryKind, LedgerEntry
from tests.factories import make_fund, make_neighbourhood, make_user
from tests.ledger.helpers import entries

APPEND_ONLY = "ledger_entry is append-only: add a correction instead"


@pytest.fixture
def coordinator(ctx):
    return make_user("Cor Coördinator", is_coordinator=True)


@pytest.fixture
def fund(coordinator):
    return make_fund(make_neighbourhood(), coordinator, total_cents=1_000_00)


def refused(statement: str, **params) -> str:
    """Run the statement in a savepoint that must fail; the database's message."""
    with pytest.raises(sa.exc.DBAPIError) as error, db.session.begin_nested():
        db.session.execute(sa.text(statement), params)
    return str(error.value.orig)


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE ledger_entry SET amount_cents = 1 WHERE id = :id",
        "UPDATE ledger_entry SET reason = 'anders' WHERE id = :id",
        "DELETE FROM ledger_entry WHERE id = :id",
        "DELETE FROM ledger_entry",
    ],
)
def test_raw_sql_cannot_change_or_remove_an_entry(fund, statement):
    before = entries(fund)
    assert APPEND_ONLY in refused(statement, id=before[0].id)
    assert entries(fund) == before
    assert db.session.scalar(sa.select(LedgerEntry.reason).where(LedgerEntry.id == before[0].id)) == ""


def test_truncate_is_refused(fund):
    before = entries(fund)
    assert APPEND_ONLY in refused("TRUNCATE ledger_entry")
    assert entries(fund) == before


@pytest.mark.parametrize("change", ["update", "delete"])
def test_the_orm_cannot_change_or_remove_an_entry(fund, change):
    before = entries(fund)
    entry = db.session.get(LedgerEntry, before[0].id)
    with pytest.raises(sa.exc.DBAPIError) as error, db.session.begin_nested():
        if change == "update":
            entry.amount_cents = 1
        else:
            db.session.delete(entry)
        db.session.flush()
    assert APPEND_ONLY in str(error.value.orig)
    assert entries(fund) == before


def test_a_correction_is_added_as_a_new_entry(fund, coordinator):
    (deposit,) = entries(fund)
    entry = ledger.correct(coordinator, fund, deposit.id, -100_00, "Verkeerd bedrag")
    assert (entry.kind, entry.corrects_id, entry.amount_cents) == (EntryKind.CORRECTION, deposit.id, -100_00)
    assert entries(fund)[0] == deposit  # the corrected entry itself is as it was
    assert ledger.balances(fund).total == 900_00


@pytest.mark.parametrize(
    "kind, amount, corrects",
    [
        (EntryKind.RESERVATION, 0, False),
        (EntryKind.DEPOSIT, -100_00, False),
        (EntryKind.RETURN, 50_00, True),  # only a correction refers to another entry
        (EntryKind.CORRECTION, 100_00, False),  # a correction without its entry
        (EntryKind.CORRECTION, 0, True),
    ],
)
def test_the_check_constraint_refuses_an_entry_that_does_not_fit_its_kind(fund, kind, amount, corrects):
    before = entries(fund)
    with pytest.raises(sa.exc.IntegrityError), db.session.begin_nested():
        db.session.add(
            LedgerEntry(fund_id=fund.id, kind=kind, amount_cents=amount, corrects_id=before[0].id if corrects else None)
        )
        db.session.flush()
    assert entries(fund) == before
