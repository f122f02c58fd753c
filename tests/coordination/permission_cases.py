"""Expected answers for the dashboard's routes: coordinators' and admins' work only."""

from app.coordination.models import SignalKind, SignalSnooze
from app.core.timezone import local_today
from app.extensions import db
from tests.permission_rules import STAFF, only

CASES: dict[str, dict[str, str]] = {
    "coordination.dashboard": only(*STAFF),
    "coordination.signal_list": only(*STAFF),
    "coordination.snooze": only(*STAFF),
    "coordination.wake": only(*STAFF),
}


def url_args(team, people) -> dict[str, object]:
    snoozed = SignalSnooze(
        kind=SignalKind.NO_SUPPORT_CONTACT, team_id=team.id, subject_id=0, until=local_today(), reason="Op vakantie"
    )
    db.session.add(snoozed)
    db.session.flush()
    return {"kind": SignalKind.HEADING_DORMANT.value, "subject_id": 0, "snooze_id": snoozed.id}
