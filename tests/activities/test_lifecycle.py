"""Issue 13, part 1: create and edit activities with every field, and their lifecycle.
Every (status, action) pair is either allowed or refused with nothing changed."""

from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from app.activities.models import Activity, ActivityKind, ActivityStatus
from app.core.audit import AuditEntry
from app.core.models import utcnow
from app.core.timezone import local_today
from app.extensions import db
from app.teams.models import TeamStatus
from tests.factories import add_member, make_activity, make_neighbourhood, make_team, make_user

FORM = {
    "title": "Burendag",
    "description": "Koffie en taart in de binnentuin.",
    "kind": "party",
    "starts_at": "2027-06-14T14:00",
    "ends_at": "2027-06-14T17:30",
    "location": "Binnentuin Pruimengaarde",
    "is_public": "y",
    "capacity": "40",
    "expected_participants": "30",
}


@pytest.fixture
def team_and_trekker():
    hood = make_neighbourhood()
    tess = make_user("Tess", hood)
    return make_team(hood, tess), tess


def test_a_member_adds_an_activity_with_every_field_in_dutch_time(client, team_and_trekker):
    team, tess = team_and_trekker
    mo = make_user("Mo")
    add_member(team, mo)
    response = client.login(mo).post(f"/teams/{team.id}/activiteiten/nieuw", FORM)
    activity = db.session.scalar(sa.select(Activity).where(Activity.title == "Burendag"))
    assert response.location == f"/teams/{team.id}/activiteiten/{activity.id}"
    # 14:00 in Amsterdam in June is 12:00 UTC (summer time).
    assert activity.starts_at == datetime(2027, 6, 14, 12, 0, tzinfo=UTC)
    assert activity.ends_at == datetime(2027, 6, 14, 15, 30, tzinfo=UTC)
    assert (activity.kind, activity.location, activity.is_public, activity.capacity) == (
        ActivityKind.PARTY,
        "Binnentuin Pruimengaarde",
        True,
        40,
    )
    # Public and dated: in the agenda at once (issue 24, item 4).
    assert (activity.status, activity.expected_participants, activity.created_by_id) == (
        ActivityStatus.PLANNED,
        30,
        mo.id,
    )
    page = client.get(response.location).get_data(as_text=True)
    assert "14 jun 2027, 14:00" in page and "Iedereen: de activiteit staat in de openbare agenda." in page
    edit = client.get(f"/teams/{team.id}/activiteiten/{activity.id}/bewerken").get_data(as_text=True)
    assert 'value="2027-06-14T14:00"' in edit  # shown again in Dutch time


def test_bad_input_gets_a_dutch_message_per_field_and_stores_nothing(client, team_and_trekker):
    team, tess = team_and_trekker
    wrong = {**FORM, "title": "", "kind": "", "starts_at": "morgen", "capacity": "0", "ends_at": "2027-06-14T13:00"}
    page = client.login(tess).post(f"/teams/{team.id}/activiteiten/nieuw", wrong).get_data(as_text=True)
    for message in ("Geef de activiteit een naam.", "Kies de soort activiteit.", "Vul een aantal van 1 of meer in."):
        assert message in page
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Activity)) == 0
    page = client.post(f"/teams/{team.id}/activiteiten/nieuw", {**FORM, "ends_at": "2027-06-14T13:00"})
    assert "Het einde ligt voor het begin." in page.get_data(as_text=True)


def _in(days: int) -> datetime:
    return utcnow() + timedelta(days=days)


def _activity(team, tess, status: ActivityStatus, starts_at: datetime | None) -> Activity:
    activity = make_activity(team, tess)
    activity.status, activity.starts_at = status, starts_at
    db.session.flush()
    return activity


# (status, start, action, data) -> allowed?
ACTIONS = {
    "edit": ("bewerken", {**FORM, "title": "Nieuwe naam"}),
    "plan": ("plannen", {}),
    "done": ("gedaan", {}),
    "cancel": ("afzeggen", {"reason": "Te veel regen voorspeld."}),
    "delete": ("verwijderen", {}),
}
ALLOWED = {
    (ActivityStatus.IDEA, "edit"),
    (ActivityStatus.IDEA, "plan"),
    (ActivityStatus.IDEA, "cancel"),
    (ActivityStatus.IDEA, "delete"),
    (ActivityStatus.PLANNED, "edit"),
    (ActivityStatus.PLANNED, "done"),
    (ActivityStatus.PLANNED, "cancel"),
}


@pytest.mark.parametrize("status", list(ActivityStatus))
@pytest.mark.parametrize("action", list(ACTIONS))
def test_every_status_and_action(client, team_and_trekker, status, action):
    team, tess = team_and_trekker
    # Started yesterday: "done" is possible in time; ideas and plans keep their start. Planning
    # is for a start still to come (issue 24, item 3): tomorrow.
    activity = _activity(team, tess, status, _in(1 if action == "plan" else -1))
    activity_id, before = activity.id, (activity.status, activity.title, activity.sequence, activity.cancel_reason)
    path, data = ACTIONS[action]
    client.login(tess).post(f"/teams/{team.id}/activiteiten/{activity_id}/{path}", data)
    gone = db.session.get(Activity, activity_id) is None
    if (status, action) in ALLOWED:
        if action == "delete":
            assert gone
        else:
            db.session.refresh(activity)
            assert (activity.status, activity.title, activity.sequence, activity.cancel_reason) != before
    else:
        assert not gone
        db.session.refresh(activity)
        assert (activity.status, activity.title, activity.sequence, activity.cancel_reason) == before


def test_a_plan_needs_a_start_and_done_needs_to_have_started(client, team_and_trekker):
    team, tess = team_and_trekker
    idea = _activity(team, tess, ActivityStatus.IDEA, None)
    page = client.login(tess).post(f"/teams/{team.id}/activiteiten/{idea.id}/plannen", follow_redirects=True)
    assert "Een geplande activiteit heeft een datum en tijd." in page.get_data(as_text=True)
    assert idea.status == ActivityStatus.IDEA
    planned = _activity(team, tess, ActivityStatus.PLANNED, _in(7))
    page = client.post(f"/teams/{team.id}/activiteiten/{planned.id}/gedaan", follow_redirects=True)
    assert "nog niet begonnen" in page.get_data(as_text=True)
    assert planned.status == ActivityStatus.PLANNED
    page = client.post(f"/teams/{team.id}/activiteiten/{planned.id}/bewerken", {**FORM, "starts_at": ""})
    assert "Een geplande activiteit heeft een datum en tijd." in page.get_data(as_text=True)


def test_cancelling_needs_a_reason_and_is_audited_and_shown(client, team_and_trekker):
    team, tess = team_and_trekker
    planned = _activity(team, tess, ActivityStatus.PLANNED, _in(7))
    page = client.login(tess).post(f"/teams/{team.id}/activiteiten/{planned.id}/afzeggen", {"reason": " "})
    assert "Schrijf kort op waarom de activiteit niet doorgaat." in page.get_data(as_text=True)
    assert planned.status == ActivityStatus.PLANNED
    client.post(f"/teams/{team.id}/activiteiten/{planned.id}/afzeggen", {"reason": "De tuin is afgesloten."})
    assert (planned.status, planned.cancel_reason, planned.sequence) == (
        ActivityStatus.CANCELLED,
        "De tuin is afgesloten.",
        1,
    )
    entry = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.action == "activity.status_changed"))
    assert (entry.actor_id, entry.data["status"], entry.data["reason"]) == (
        tess.id,
        "cancelled",
        "De tuin is afgesloten.",
    )
    page = client.get(f"/teams/{team.id}/activiteiten/{planned.id}").get_data(as_text=True)
    assert "Deze activiteit gaat niet door: De tuin is afgesloten." in page


def test_an_edit_raises_the_sequence_and_is_audited_only_when_something_changed(client, team_and_trekker):
    team, tess = team_and_trekker
    client.login(tess).post(f"/teams/{team.id}/activiteiten/nieuw", FORM)
    activity = db.session.scalar(sa.select(Activity))
    path = f"/teams/{team.id}/activiteiten/{activity.id}/bewerken"
    client.post(path, FORM)
    assert activity.sequence == 0
    client.post(path, {**FORM, "location": "Buurthuis De Koppel"})
    assert (activity.sequence, activity.location) == (1, "Buurthuis De Koppel")
    entry = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.action == "activity.updated"))
    assert entry.data["fields"] == "location"


def test_planning_wakes_a_dormant_team(client, team_and_trekker):
    team, tess = team_and_trekker
    idea = _activity(team, tess, ActivityStatus.IDEA, _in(7))
    team.status = TeamStatus.DORMANT
    db.session.flush()
    client.login(tess).post(f"/teams/{team.id}/activiteiten/{idea.id}/plannen")
    assert (idea.status, team.status) == (ActivityStatus.PLANNED, TeamStatus.ACTIVE)


def test_the_overview_groups_activities_with_their_progress(client, team_and_trekker, count_statements):
    team, tess = team_and_trekker
    _activity(team, tess, ActivityStatus.PLANNED, _in(7)).title = "Straks"
    _activity(team, tess, ActivityStatus.IDEA, None).title = "Misschien"
    _activity(team, tess, ActivityStatus.DONE, _in(-2)).title = "Net geweest"
    _activity(team, tess, ActivityStatus.CANCELLED, _in(-9)).title = "Afgeblazen"
    db.session.flush()
    client.login(tess)
    with count_statements() as few:
        page = client.get(f"/teams/{team.id}/activiteiten").get_data(as_text=True)
    sections = [page.index(heading) for heading in ("Komt eraan", "Ideeën", "Geweest: nog terugkijken", "Afgerond")]
    names = [page.index(name) for name in ("Straks", "Misschien", "Net geweest", "Afgeblazen")]
    assert sections[0] < names[0] < sections[1] < names[1] < sections[2] < names[2] < sections[3] < names[3]
    assert "0 van 1 stappen klaar" in page
    for _ in range(20):
        _activity(team, tess, ActivityStatus.PLANNED, _in(3))
    with count_statements() as many:
        client.get(f"/teams/{team.id}/activiteiten")
    assert len(many.statements) == len(few.statements)


@pytest.mark.parametrize("field", ["starts_at", "ends_at"])
@pytest.mark.parametrize("day", ["0001-01-01T00:00", "1999-12-31T23:00", "9999-06-01T14:00"])
def test_a_date_outside_the_years_people_plan_in_gets_a_dutch_message(client, team_and_trekker, field, day):
    """Issue 23, findings 6 and 9: the year 1 gave a 500 when saving, the year 9999 broke
    every calendar feed the activity is in."""
    team, tess = team_and_trekker
    values = {**FORM, "starts_at": "2027-06-14T14:00", "ends_at": "", field: day}
    for url in (
        f"/teams/{team.id}/activiteiten/nieuw",
        f"/teams/{team.id}/activiteiten/{make_activity(team, tess).id}/bewerken",
    ):
        response = client.login(tess).post(url, values)
        assert response.status_code == 200
        last = local_today().year + 10
        assert f"Deze datum kan niet. Kies een datum van 2000 tot en met {last}." in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Activity).where(Activity.title == "Burendag")) == 0
