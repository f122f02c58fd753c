"""seeds/demo_coaching.py: notes, support levels and one join request on a resident's
behalf on the demo teams, safe to run twice."""

import sqlalchemy as sa

from app.accounts.services import find_user_by_email
from app.coaching.models import CoachingNote, TeamSupport
from app.core.audit import AuditEntry
from app.core.mail import OutboxMail
from app.extensions import db
from app.teams.models import Membership, MembershipState, Team
from seeds import demo_coaching
from seeds.demo import TEAMS, build_demo


def _count(model) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def test_the_demo_coaching_is_built_once_whatever_runs_again(app, tmp_path, monkeypatch):
    monkeypatch.setitem(app.config, "UPLOAD_FOLDER", str(tmp_path))  # the demo's receipt and photo
    build_demo()
    coordinator = find_user_by_email("coordinator@example.org")
    resident = find_user_by_email("bewoner@example.org")
    teams = [db.session.scalar(sa.select(Team).where(Team.name == spec["name"])) for spec in TEAMS]
    for _ in range(2):
        demo_coaching.build(coordinator, teams, resident)
        assert _count(CoachingNote) == sum(len(notes) for _level, notes in demo_coaching.COACHING)
        assert _count(TeamSupport) == len(teams)
        membership = db.session.scalar(sa.select(Membership).where(Membership.user_id == resident.id))
        assert (membership.team_id, membership.state, membership.entered_by_id) == (
            teams[0].id,
            MembershipState.REQUESTED,
            coordinator.id,
        )
        assert _count(sa.select(AuditEntry).where(AuditEntry.action == "behalf.join_requested").subquery()) == 1
        mails = sa.select(OutboxMail).where(OutboxMail.recipient == resident.email).subquery()
        assert _count(mails) == 1
