"""Issue 15, part 3: coaching notes per team, for coordinators only, with their history in
the audit log; the support level and the handover to self-reliant."""

from datetime import timedelta

import pytest
import sqlalchemy as sa

from app.coaching import services
from app.coaching.models import CoachingNote, NoteKind, SupportLevel, TeamSupport
from app.core.audit import AuditEntry
from app.core.timezone import local_today
from app.extensions import db
from app.teams import services as teams
from app.teams.models import TeamStatus
from tests.conftest import Client
from tests.factories import make_team, make_user

SECRET = "Tess twijfelt of ze trekker wil blijven"


def _notes() -> list[CoachingNote]:
    return list(db.session.scalars(sa.select(CoachingNote).order_by(CoachingNote.id)))


def _audit(action: str) -> list[AuditEntry]:
    return list(db.session.scalars(sa.select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.id)))


def _note_form(**values) -> dict:
    return {"kind": "visit", "happened_on": local_today().isoformat(), "text": SECRET} | values


def test_a_coordinator_writes_a_note_and_finds_it_on_the_teams_coaching_page(app, client, w):
    client.login(w.coordinator)
    response = client.post(f"/teams/{w.team.id}/begeleiding/notities", _note_form(kind="call"))
    assert response.location == f"/teams/{w.team.id}/begeleiding"
    [note] = _notes()
    assert (note.kind, note.author_id, note.team_id, note.text) == (NoteKind.CALL, w.coordinator.id, w.team.id, SECRET)
    page = client.get(f"/teams/{w.team.id}/begeleiding").get_data(as_text=True)
    assert SECRET in page and "Telefoon of ander contact" in page and "Cor Coördinator" in page
    # An admin is staff too, and the team page leads there for staff.
    admin = Client(app.test_client()).login(w.admin)
    assert SECRET in admin.get(f"/teams/{w.team.id}/begeleiding").get_data(as_text=True)
    assert f"/teams/{w.team.id}/begeleiding" in admin.get(f"/teams/{w.team.id}").get_data(as_text=True)


@pytest.mark.parametrize("role", ["trekker", "member", "resident", "regie"])
def test_residents_never_reach_coaching_and_never_read_a_note(client, w, role):
    services.add_note(w.coordinator, w.team, NoteKind.VISIT, local_today(), SECRET)
    services.set_level(w.coordinator, w.team, SupportLevel.LIGHT)
    client.login(getattr(w, role))
    base = f"/teams/{w.team.id}/begeleiding"
    note_id = _notes()[0].id
    assert client.get(base).status_code == 403
    assert client.get(f"{base}/notities/{note_id}/bewerken").status_code == 403
    assert client.post(f"{base}/notities", _note_form(text="Van een bewoner")).status_code == 403
    assert client.post(f"{base}/notities/{note_id}/bewerken", _note_form(text="Weg ermee")).status_code == 403
    assert client.post(f"{base}/steun", {"level": "on_call"}).status_code == 403
    assert client.post(f"{base}/overdracht", {"handed_over_on": local_today().isoformat()}).status_code == 403
    assert [n.text for n in _notes()] == [SECRET]
    assert db.session.scalar(sa.select(TeamSupport.level)) == SupportLevel.LIGHT
    # Nothing of it on the pages a resident reads, nor a way to it.
    pages = [f"/teams/{w.team.id}", "/account", f"/activiteiten/{w.activity.id}"]
    if role == "trekker":
        pages += [f"/teams/{w.team.id}/leden", f"/teams/{w.team.id}/activiteiten/{w.activity.id}/aanmeldingen"]
    for path in pages:
        page = client.get(path).get_data(as_text=True)
        assert SECRET not in page and "Licht: het team" not in page and base not in page, path


def test_an_edit_keeps_the_old_words_in_the_audit_log_and_on_the_notes_history(client, w):
    note = services.add_note(w.coordinator, w.team, NoteKind.VISIT, local_today() - timedelta(days=3), SECRET)
    yesterday = (local_today() - timedelta(days=1)).isoformat()
    client.login(w.admin).post(
        f"/teams/{w.team.id}/begeleiding/notities/{note.id}/bewerken",
        _note_form(kind="meeting", happened_on=yesterday, text="Tess blijft trekker"),
    )
    [note] = _notes()
    assert (note.kind, note.happened_on.isoformat(), note.text) == (NoteKind.MEETING, yesterday, "Tess blijft trekker")
    assert note.edited_at is not None and note.author_id == w.coordinator.id
    [added] = _audit("coaching_note.added")
    [edited] = _audit("coaching_note.edited")
    assert (added.actor_id, added.object_type, added.object_id) == (w.coordinator.id, "coachingnote", note.id)
    assert edited.actor_id == w.admin.id
    assert edited.data["old_text"] == SECRET and edited.data["old_kind"] == "visit"
    assert edited.data["old_happened_on"] == (local_today() - timedelta(days=3)).isoformat()
    history = client.get(f"/teams/{w.team.id}/begeleiding/notities/{note.id}/bewerken").get_data(as_text=True)
    assert SECRET in history and "Ada Admin" in history
    # The team's own history (read by trekkers) shows nothing of it.
    assert not db.session.scalar(
        sa.select(sa.func.count()).where(AuditEntry.action.like("coaching_note.%"), AuditEntry.object_type == "team")
    )


def test_an_unchanged_note_is_not_audited_again(client, w):
    day = local_today()
    note = services.add_note(w.coordinator, w.team, NoteKind.VISIT, day, SECRET)
    client.login(w.coordinator).post(
        f"/teams/{w.team.id}/begeleiding/notities/{note.id}/bewerken", _note_form(happened_on=day.isoformat())
    )
    assert _audit("coaching_note.edited") == []


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"text": "   "}, "Schrijf op wat er besproken of gedaan is."),
        ({"text": "a\u202eb"}, "onzichtbare tekens"),
        ({"text": "x" * 5001}, "Gebruik hoogstens 5000 tekens."),
        ({"kind": "roddel"}, "Kies wat voor contact het was."),
        ({"kind": ""}, "Kies wat voor contact het was."),
        ({"happened_on": "gisteren"}, "Vul de datum in waarop het contact was."),
        ({"happened_on": ""}, "Vul de datum in waarop het contact was."),
        ({"happened_on": "2999-01-01"}, "Kies een datum van vandaag of eerder."),
        ({"happened_on": "0202-01-01"}, "Kies een datum van vandaag of eerder."),
    ],
)
def test_a_bad_note_gets_a_message_and_changes_nothing(client, w, values, message):
    note = services.add_note(w.coordinator, w.team, NoteKind.VISIT, local_today(), SECRET)
    client.login(w.coordinator)
    for path in (
        f"/teams/{w.team.id}/begeleiding/notities",
        f"/teams/{w.team.id}/begeleiding/notities/{note.id}/bewerken",
    ):
        response = client.post(path, _note_form(**values))
        assert response.status_code == 200 and message in response.get_data(as_text=True)
    assert [(n.kind, n.text) for n in _notes()] == [(NoteKind.VISIT, SECRET)]
    assert _audit("coaching_note.edited") == []


def test_another_teams_note_does_not_exist_here(client, w):
    other = make_team(w.hood, make_user("Olga", w.hood), name="Andere Buren")
    note = services.add_note(w.coordinator, other, NoteKind.VISIT, local_today(), SECRET)
    client.login(w.coordinator)
    assert client.get(f"/teams/{w.team.id}/begeleiding/notities/{note.id}/bewerken").status_code == 404
    response = client.post(f"/teams/{w.team.id}/begeleiding/notities/{note.id}/bewerken", _note_form(text="Weg"))
    assert response.status_code == 404 and _notes()[0].text == SECRET


def test_the_notes_list_is_newest_first_paged_and_costs_the_same_statements_for_more_notes(
    app, client, w, count_statements
):
    def add(n: int) -> None:
        for i in range(n):
            services.add_note(w.coordinator, w.team, NoteKind.MEETING, local_today() - timedelta(days=i + 2), f"nr {i}")

    client.login(w.coordinator)
    services.add_note(w.coordinator, w.team, NoteKind.CALL, local_today(), "De nieuwste")
    add(2)
    with count_statements() as few:
        page = client.get(f"/teams/{w.team.id}/begeleiding").get_data(as_text=True)
    assert page.index("De nieuwste") < page.index("nr 0") < page.index("nr 1")
    add(app.config["PAGE_SIZE"] * 2)
    with count_statements() as many:
        page = client.get(f"/teams/{w.team.id}/begeleiding").get_data(as_text=True)
    assert len(many.statements) == len(few.statements)
    assert "De nieuwste" in page and "Pagina 1 van 3" in page


def test_a_coordinator_sets_the_support_level_and_it_is_audited(client, w):
    client.login(w.coordinator)
    page = client.get(f"/teams/{w.team.id}/begeleiding").get_data(as_text=True)
    assert "Er is nog niet vastgelegd hoeveel steun dit team krijgt." in page
    client.post(f"/teams/{w.team.id}/begeleiding/steun", {"level": "intensive"})
    client.post(f"/teams/{w.team.id}/begeleiding/steun", {"level": "light"})
    support = db.session.scalar(sa.select(TeamSupport))
    assert (support.level, support.set_by_id, support.handed_over_on) == (SupportLevel.LIGHT, w.coordinator.id, None)
    assert [(e.data["old_level"], e.data["level"]) for e in _audit("team_support.level_set")] == [
        ("intensive", "intensive"),
        ("intensive", "light"),
    ]
    assert "Licht: het team doet veel zelf" in client.get(f"/teams/{w.team.id}/begeleiding").get_data(as_text=True)


@pytest.mark.parametrize("level", ["", "heel_veel"])
def test_a_bad_support_level_gets_a_message_and_changes_nothing(client, w, level):
    services.set_level(w.coordinator, w.team, SupportLevel.LIGHT)
    response = client.login(w.coordinator).post(f"/teams/{w.team.id}/begeleiding/steun", {"level": level})
    assert "Kies hoeveel steun het team krijgt." in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(TeamSupport.level)) == SupportLevel.LIGHT


def test_handing_over_makes_the_team_self_reliant_through_the_teams_own_rule(client, w):
    assert w.team.status == TeamStatus.STARTING
    day = local_today() - timedelta(days=1)
    client.login(w.coordinator)
    response = client.post(f"/teams/{w.team.id}/begeleiding/overdracht", {"handed_over_on": day.isoformat()})
    assert response.location == f"/teams/{w.team.id}/begeleiding"
    support = db.session.scalar(sa.select(TeamSupport))
    assert (support.level, support.handed_over_on) == (SupportLevel.ON_CALL, day)
    assert db.session.get(type(w.team), w.team.id).status == TeamStatus.SELF_RELIANT
    [handed] = _audit("team_support.handed_over")
    assert handed.actor_id == w.coordinator.id and handed.data["handed_over_on"] == day.isoformat()
    [status] = [e for e in _audit("team.status_changed") if e.object_id == w.team.id]
    assert (status.actor_id, status.data["status"]) == (w.coordinator.id, "self_reliant")
    page = client.get(f"/teams/{w.team.id}/begeleiding").get_data(as_text=True)
    assert "Overgedragen op" in page and "Team overdragen" not in page

    again = client.post(f"/teams/{w.team.id}/begeleiding/overdracht", {"handed_over_on": day.isoformat()})
    assert "Dit team is al overgedragen." in again.get_data(as_text=True)
    assert len(_audit("team_support.handed_over")) == 1

    # Needing support again ends the handover; the team's status stays for the coordinator to set.
    client.post(f"/teams/{w.team.id}/begeleiding/steun", {"level": "light"})
    assert db.session.scalar(sa.select(TeamSupport.handed_over_on)) is None
    assert _audit("team_support.level_set")[-1].data["old_handed_over_on"] == day.isoformat()


def test_handing_over_an_already_self_reliant_team_keeps_its_status(w):
    teams.set_status(w.coordinator, w.team, TeamStatus.SELF_RELIANT)
    services.hand_over(w.coordinator, w.team, local_today())
    assert w.team.status == TeamStatus.SELF_RELIANT
    assert len([e for e in _audit("team.status_changed") if e.object_id == w.team.id]) == 1


@pytest.mark.parametrize(
    ("day", "message"),
    [
        ("", "Vul de datum van de overdracht in."),
        ("31-02-2026", "Vul de datum van de overdracht in."),
        ("2999-01-01", "Kies een datum van vandaag of eerder."),
    ],
)
def test_a_bad_handover_gets_a_message_and_changes_nothing(client, w, day, message):
    response = client.login(w.coordinator).post(f"/teams/{w.team.id}/begeleiding/overdracht", {"handed_over_on": day})
    assert message in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(TeamSupport)) == 0
    assert db.session.get(type(w.team), w.team.id).status == TeamStatus.STARTING


def test_a_stopped_team_is_not_handed_over(client, w):
    w.team.status = TeamStatus.ARCHIVED
    db.session.flush()
    today = local_today().isoformat()
    response = client.login(w.coordinator).post(f"/teams/{w.team.id}/begeleiding/overdracht", {"handed_over_on": today})
    assert "Een gestopt team kan niet worden overgedragen." in response.get_data(as_text=True)
    assert db.session.get(type(w.team), w.team.id).status == TeamStatus.ARCHIVED
    assert db.session.scalar(sa.select(sa.func.count()).select_from(TeamSupport)) == 0
