"""`flask reminders` also reminds the trekkers to account for a paid-out voucher, once."""

from datetime import timedelta

import sqlalchemy as sa

from app.core.notifications import Notification
from app.core.timezone import local_today
from app.extensions import db
from app.vouchers import settlement
from tests.vouchers_review.conftest import awarded


def reminders(app, trekker) -> tuple[str, int]:
    result = app.test_cli_runner().invoke(args=["reminders"])
    assert result.exit_code == 0, result.output
    sent = db.session.scalar(
        sa.select(sa.func.count()).where(
            Notification.user_id == trekker.id, Notification.kind == "voucher.accountability_due"
        )
    )
    return result.output, sent


def test_the_accountability_reminder_goes_out_once_per_request(app, w):
    settlement.pay_out(w.coordinator, awarded(w))
    w.request.accountability_due_on = local_today() + timedelta(days=5)
    db.session.flush()

    output, sent = reminders(app, w.trekker)
    assert "1 accountability reminder(s) sent" in output and sent == 1
    output, sent = reminders(app, w.trekker)
    assert "0 accountability reminder(s) sent" in output and sent == 1


def test_no_reminder_while_the_deadline_is_far_away(app, w):
    settlement.pay_out(w.coordinator, awarded(w))
    w.request.accountability_due_on = local_today() + timedelta(days=20)
    db.session.flush()
    output, sent = reminders(app, w.trekker)
    assert "0 accountability reminder(s) sent" in output and sent == 0
