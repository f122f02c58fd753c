"""`flask reminders` also reminds the trekkers to account for a paid-out voucher, once."""

from datetime import timedelta

import pytest
import sqlalchemy as sa

from app.core.notifications import Notification
from app.core.timezone import local_today
from app.extensions import db
from app.money.settlement import services as settlement
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


@pytest.mark.parametrize(("days_left", "reminded"), [(5, 1), (20, 0)])
def test_the_accountability_reminder_goes_out_once_a_week_before_the_deadline(app, w, days_left, reminded):
    settlement.pay_out(w.coordinator, awarded(w))
    w.request.accountability_due_on = local_today() + timedelta(days=days_left)
    db.session.flush()

    output, sent = reminders(app, w.trekker)
    assert f"{reminded} accountability reminder(s) sent" in output and sent == reminded
    output, sent = reminders(app, w.trekker)  # a second run sends nothing again
    assert "0 accountability reminder(s) sent" in output and sent == reminded
