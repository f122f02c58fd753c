"""Files follow the rows that name them: a file goes only once the transaction that deleted its
row has committed, and a file written for a row that never came goes again. Savepoints count
as transactions of their own: what one rolled back is undone, files included. Every test runs
on disk and on a real S3-compatible server (the `storage` fixture)."""

import pytest

from app.core import uploads
from app.extensions import db
from app.money.requests.models import Receipt, RequestStatus
from app.money.settlement import services as settlement
from app.money.settlement.services import RECEIPTS
from tests.vouchers_review.conftest import PDF, bring_to, w  # noqa: F401 - w is a fixture

pytestmark = pytest.mark.usefixtures("storage")


@pytest.fixture
def receipt(w, ctx):  # noqa: F811
    """A paid-out request with one receipt, committed."""
    request = bring_to(w, RequestStatus.PAID_OUT)
    receipt = settlement.add_receipt(w.trekker, w.team, request, PDF, "Bon van de bouwmarkt")
    db.session.commit()
    return receipt


def test_a_receipt_removed_in_a_request_that_then_fails_keeps_its_file(w, receipt):  # noqa: F811
    settlement.remove_receipt(w.trekker, w.team, w.request, receipt)
    db.session.rollback()  # a later step of the same request failed
    assert db.session.get(Receipt, receipt.id) is not None
    assert uploads.read(RECEIPTS, receipt.file_name) == PDF

    settlement.remove_receipt(w.trekker, w.team, w.request, receipt)
    assert uploads.read(RECEIPTS, receipt.file_name) == PDF  # not before the commit
    db.session.commit()
    assert uploads.read(RECEIPTS, receipt.file_name) is None


def test_a_receipt_added_in_a_request_that_then_fails_leaves_no_file(w, receipt, storage):  # noqa: F811
    before = set(storage.names())
    other = PDF.replace(b"%%EOF", b"% een andere bon\n%%EOF")  # the same file twice is refused
    settlement.add_receipt(w.trekker, w.team, w.request, other, "Nog een bon")
    assert len(set(storage.names())) == len(before) + 1
    db.session.rollback()
    assert set(storage.names()) == before


def test_a_savepoint_that_rolls_back_takes_its_file_work_along(w, receipt):  # noqa: F811
    savepoint = db.session.begin_nested()
    uploads.remove(RECEIPTS, receipt.file_name)
    written = uploads.store(RECEIPTS, PDF, ".pdf")
    savepoint.rollback()
    assert uploads.read(RECEIPTS, written) is None
    db.session.commit()
    assert uploads.read(RECEIPTS, receipt.file_name) == PDF

    savepoint = db.session.begin_nested()
    uploads.remove(RECEIPTS, receipt.file_name)
    written = uploads.store(RECEIPTS, PDF, ".pdf")
    savepoint.commit()  # the enclosing transaction decides
    assert uploads.read(RECEIPTS, receipt.file_name) == PDF
    db.session.commit()
    assert uploads.read(RECEIPTS, receipt.file_name) is None
    assert uploads.read(RECEIPTS, written) == PDF
