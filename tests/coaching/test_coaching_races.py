"""Coaching under races (issue 22, the races SQLite hid): two coordinators working on one
team at the same moment, as real parallel requests on PostgreSQL. The team's support row is
made once and changed under its row lock, a team being archived is not handed over, and an
edit of a note always keeps the words it replaced."""

from datetime import date
from types import SimpleNamespace

import pytest
import sqlalchemy as sa

from app.coaching import services as coaching
from app.coaching.models import CoachingNote, NoteKind, SupportLevel, TeamSupport
from app.core.audit import AuditEntry
from app.core.timezone import local_today
from app.extensions import db
from app.teams.models import Team, TeamStatus
from tests.factories import make_neighbourhood, make_team, make_user
from tests.live import all_at_once, arrange, count_rows, logged_in

pytestmark = [pytest.mark.no_db_transaction, pytest.mark.many_connections]
ROUNDS = range(10)


def _team(app, name: str, level: SupportLevel | None = None) -> SimpleNamespace:
    """An active team with coordinators Cor and Dee; with a support level set when asked,
    and a note Cor wrote."""

    def build():
        hood = make_neighbourhood()
        cor = make_user("Cor", hood, email=f"cor-{name}@example.org", is_coordinator=True)
        make_user("Dee", hood, email=f"dee-{name}@example.org", is_coordinator=True)
        team = make_team(hood, make_user("Tess", hood))
        team.status = TeamStatus.ACTIVE
        if level is not None:
            coaching.set_level(cor, team, level)
        note = coaching.add_note(cor, team, NoteKind.VISIT, date(2026, 1, 5), "Eerste bezoek.")
        url, today = f"/teams/{team.id}/begeleiding", local_today().isoformat()
        return SimpleNamespace(id=team.id, note=note.id, url=url, today=today)

    return arrange(app, build)


def _coordinators(base: str, name: str):
    return [logged_in(base, f"{person}-{name}@example.org") for person in ("cor", "dee")]


@pytest.mark.parametrize("attempt", ROUNDS)
def test_two_coordinators_setting_the_first_support_level_at_once_make_one_row(served, attempt):
    app, base = served
    name = f"first{attempt}"
    team = _team(app, name)
    cor, dee = _coordinators(base, name)
    answers = all_at_once(
        [
            lambda: cor.post(f"{base}{team.url}/steun", data={"level": "light"}),
            lambda: dee.post(f"{base}{team.url}/steun", data={"level": "on_call"}),
        ]
    )
    assert all(answer < 500 for answer in answers), answers
    assert count_rows(app, sa.select(sa.func.count()).where(TeamSupport.team_id == team.id)) == 1


@pytest.mark.parametrize("attempt", ROUNDS)
def test_a_handover_and_intensive_support_at_once_never_leave_intensive_support_handed_over(served, attempt):
    app, base = served
    name = f"handover{attempt}"
    team = _team(app, name, SupportLevel.LIGHT)
    cor, dee = _coordinators(base, name)
    answers = all_at_once(
        [
            lambda: cor.post(f"{base}{team.url}/overdracht", data={"handed_over_on": team.today}),
            lambda: dee.post(f"{base}{team.url}/steun", data={"level": "intensive"}),
        ]
    )
    assert all(answer < 500 for answer in answers), answers
    with app.app_context():
        level, handed_over = db.session.execute(
            sa.select(TeamSupport.level, TeamSupport.handed_over_on).where(TeamSupport.team_id == team.id)
        ).one()
        db.session.remove()
    # Handed over and then intensive again (no longer handed over), or the other way round.
    assert (level, handed_over is not None) in ((SupportLevel.INTENSIVE, False), (SupportLevel.ON_CALL, True))


@pytest.mark.parametrize("attempt", ROUNDS)
def test_a_team_archived_while_it_is_handed_over_stays_archived(served, attempt):
    app, base = served
    name = f"archive{attempt}"
    team = _team(app, name, SupportLevel.LIGHT)
    cor, dee = _coordinators(base, name)
    answers = all_at_once(
        [
            lambda: cor.post(f"{base}{team.url}/overdracht", data={"handed_over_on": team.today}),
            lambda: dee.post(f"{base}/teams/{team.id}/status", data={"status": "archived"}),
        ]
    )
    assert all(answer < 500 for answer in answers), answers
    assert count_rows(app, sa.select(Team.status).where(Team.id == team.id)) == TeamStatus.ARCHIVED


@pytest.mark.parametrize("attempt", ROUNDS)
def test_a_note_edited_by_two_coordinators_at_once_keeps_every_text(served, attempt):
    app, base = served
    name = f"note{attempt}"
    team = _team(app, name)
    cor, dee = _coordinators(base, name)
    url = f"{base}{team.url}/notities/{team.note}/bewerken"
    form = {"kind": "visit", "happened_on": "2026-01-05"}
    answers = all_at_once(
        [
            lambda: cor.post(url, data=form | {"text": "Bezoek, met koffie."}),
            lambda: dee.post(url, data=form | {"text": "Bezoek bij de trekker thuis."}),
        ]
    )
    assert all(answer < 500 for answer in answers), answers
    with app.app_context():
        now = db.session.scalar(sa.select(CoachingNote.text).where(CoachingNote.id == team.note))
        before = db.session.scalars(
            sa.select(AuditEntry.data["old_text"].as_string()).where(
                AuditEntry.object_type == "coachingnote",
                AuditEntry.object_id == team.note,
                AuditEntry.action == "coaching_note.edited",
            )
        ).all()
        db.session.remove()
    # The note and the texts it replaced, as the audit log keeps them: nothing lost.
    assert sorted([now, *before]) == sorted(["Eerste bezoek.", "Bezoek, met koffie.", "Bezoek bij de trekker thuis."])
