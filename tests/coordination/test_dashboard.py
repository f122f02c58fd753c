"""The coordinator's dashboard: the landing page after login, every team with its figures in
a fixed number of statements, and signals snoozed with a reason (audited) or brought back."""

import html
from datetime import timedelta

import pytest
import sqlalchemy as sa

from app.coordination.models import SignalSnooze
from app.coordination.routes import COUNTED_UP_TO
from app.core.audit import AuditEntry
from app.core.models import utcnow
from app.core.timezone import local_today
from app.extensions import db
from app.helpdesk import services as helpdesk
from app.teams import services as teams
from app.teams.models import MemberRole
from tests.factories import add_member, make_neighbourhood, make_team, make_user
from tests.generate import bulk_teams


@pytest.fixture
def quiet_team(app):
    """A team that has planned nothing for longer than the dashboard's threshold, and a coordinator."""
    hood = make_neighbourhood("Kruiskamp")
    coordinator = make_user("Cor Coördinator", hood, is_coordinator=True)
    team = make_team(hood, make_user("Tess Trekker", hood), name="Stille Straat")
    team.last_activity_at = utcnow() - timedelta(days=app.config["SIGNAL_HEADING_DORMANT_DAYS"] + 10)
    db.session.flush()
    return coordinator, team


def snooze_url(team) -> str:
    return f"/coordinatie/signalen/heading_dormant/{team.id}/0/uitstellen"


def count(model) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def test_the_team_table_shows_members_trekkers_and_open_work(client, quiet_team):
    coordinator, team = quiet_team
    add_member(team, make_user("Mo Buur"))
    add_member(team, make_user("Sam Helper"), MemberRole.SUPPORTER)
    page = html.unescape(client.login(coordinator).get("/coordinatie").get_data(as_text=True))
    table = page[page.index('id="teams-kop"') :]
    row = table[table.index(f'/teams/{team.id}">Stille Straat') :]
    row = row[: row.index("</tr>")]
    cells = [cell.split(">", 1)[1].split("<")[0].strip() for cell in row.split("<td")[1:]]
    assert cells[0] == "Kruiskamp" and cells[1] == "Net gestart"
    assert cells[2] == "3" and cells[3] == "Tess Trekker"
    assert cells[5:] == ["0", "0", "0"]


def test_a_signal_is_snoozed_with_a_reason_and_comes_back_after_its_day(client, quiet_team):
    coordinator, team = quiet_team
    client.login(coordinator)
    until = local_today() + timedelta(days=14)
    response = client.post(snooze_url(team), {"until": until.isoformat(), "reason": "Trekker op vakantie"})
    assert response.status_code == 302
    page = client.get("/coordinatie/signalen").get_data(as_text=True)
    assert snooze_url(team) not in page
    assert "Trekker op vakantie" in page  # under "Uitgesteld", for the colleagues
    entry = db.session.scalars(sa.select(AuditEntry).where(AuditEntry.action == "signal.snoozed")).one()
    assert (entry.actor_id, entry.object_id, entry.data["reason"]) == (coordinator.id, team.id, "Trekker op vakantie")

    db.session.execute(sa.update(SignalSnooze).values(until=local_today() - timedelta(days=1)))  # the day passed
    db.session.commit()  # cached pages and values show what was committed
    assert snooze_url(team) in client.get("/coordinatie/signalen").get_data(as_text=True)


def test_a_snoozed_signal_is_brought_back_by_hand(client, quiet_team):
    coordinator, team = quiet_team
    client.login(coordinator).post(
        snooze_url(team), {"until": (local_today() + timedelta(days=3)).isoformat(), "reason": "Even wachten"}
    )
    snoozed = db.session.scalars(sa.select(SignalSnooze)).one()
    client.post(f"/coordinatie/uitgesteld/{snoozed.id}/terughalen")
    assert count(SignalSnooze) == 0
    assert snooze_url(team) in client.get("/coordinatie/signalen").get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count()).where(AuditEntry.action == "signal.woken")) == 1


@pytest.mark.parametrize(
    ("days", "reason", "message"),
    [
        (0, "Op vakantie", "Kies een dag na vandaag."),
        (-3, "Op vakantie", "Kies een dag na vandaag."),
        (400, "Op vakantie", "U kunt een signaal hoogstens een jaar uitstellen."),
        (7, "   ", "Schrijf op waarom u het signaal uitstelt."),
        (None, "Op vakantie", "Kies de dag waarop het signaal terug moet komen."),
    ],
)
def test_a_wrong_snooze_gets_a_message_and_changes_nothing(client, quiet_team, days, reason, message):
    coordinator, team = quiet_team
    until = "morgen" if days is None else (local_today() + timedelta(days=days)).isoformat()
    audits = count(AuditEntry)
    response = client.login(coordinator).post(snooze_url(team), {"until": until, "reason": reason})
    assert response.status_code == 200
    assert message in html.unescape(response.get_data(as_text=True))
    assert (count(SignalSnooze), count(AuditEntry)) == (0, audits)


def test_a_signal_that_is_not_there_cannot_be_snoozed(client, quiet_team):
    coordinator, team = quiet_team
    tomorrow = (local_today() + timedelta(days=1)).isoformat()
    response = client.login(coordinator).post(
        f"/coordinatie/signalen/dormant/{team.id}/0/uitstellen", {"until": tomorrow, "reason": "Waarom niet"}
    )
    assert "Dit signaal is er niet (meer)." in html.unescape(response.get_data(as_text=True))
    assert count(SignalSnooze) == 0
    assert client.get(f"/coordinatie/signalen/onzin/{team.id}/0/uitstellen").status_code == 404


def test_the_inline_answer_shows_what_the_team_asked(client, app, quiet_team):
    """Issue 24, item 15: the answer on the dashboard came with the question's title only."""
    coordinator, team = quiet_team
    trekker = teams.trekkers_of([team.id])[team.id][0]
    question = helpdesk.ask(trekker, team, "Sleutel buurthuis", "Wie heeft de sleutel van het buurthuis?")
    helpdesk.reply(trekker, team, question, "En tot hoe laat mogen we blijven?")
    question.awaiting_answer_since = utcnow() - timedelta(days=app.config["SIGNAL_QUESTION_UNANSWERED_DAYS"] + 1)
    db.session.flush()
    page = html.unescape(client.login(coordinator).get("/coordinatie").get_data(as_text=True))
    answer = page[page.index("Nu antwoorden") : page.index("Antwoord versturen")]
    assert "En tot hoe laat mogen we blijven?" in answer


def test_the_dashboard_costs_the_same_statements_for_10_and_1000_teams(client, count_statements):
    hood = make_neighbourhood("Kruiskamp")
    coordinator = make_user("Cor Coördinator", hood, is_coordinator=True)
    old = utcnow() - timedelta(days=400)
    client.login(coordinator)

    def statements() -> tuple[int, int]:
        db.session.commit()  # cached pages and values show what was committed
        with count_statements() as dashboard:
            assert client.get("/coordinatie").status_code == 200
        with count_statements() as signal_list:
            assert client.get("/coordinatie/signalen").status_code == 200
        return len(dashboard.statements), len(signal_list.statements)

    bulk_teams(hood.id, 5)
    bulk_teams(hood.id, 5, status="starting", last_activity_at=old, created_at=old)
    few = statements()
    bulk_teams(hood.id, 495)
    bulk_teams(hood.id, 495, status="starting", last_activity_at=old, created_at=old)
    assert statements() == few


def test_the_dashboard_counts_each_kind_up_to_a_hundred_and_the_list_counts_all(client):
    hood = make_neighbourhood("Kruiskamp")
    coordinator = make_user("Cor Coördinator", hood, is_coordinator=True)
    quiet = utcnow() - timedelta(days=400)
    bulk_teams(hood.id, COUNTED_UP_TO + 5)  # no trekker, none of them
    bulk_teams(hood.id, 3, status="dormant", last_activity_at=quiet)
    client.login(coordinator)
    page = html.unescape(client.get("/coordinatie").get_data(as_text=True))
    assert f"{COUNTED_UP_TO + 3} of meer signalen" in page
    assert f"Team zonder trekker: <strong>{COUNTED_UP_TO} of meer</strong>" in page
    assert "Slapend team: <strong>3</strong>" in page
    assert "Alle signalen bekijken" in page
    listed = client.get("/coordinatie/signalen?signaal=no_trekker").get_data(as_text=True)
    assert f"{COUNTED_UP_TO + 5} signalen" in listed


def test_a_coordinator_answers_a_waiting_question_from_the_dashboard(client, app, quiet_team):
    coordinator, team = quiet_team
    trekker = teams.trekkers_of([team.id])[team.id][0]
    question = helpdesk.ask(trekker, team, "Sleutel buurthuis", "Wie heeft de sleutel?")
    question.awaiting_answer_since = utcnow() - timedelta(days=app.config["SIGNAL_QUESTION_UNANSWERED_DAYS"] + 1)
    db.session.flush()
    page = client.login(coordinator).get("/coordinatie").get_data(as_text=True)
    action = f'action="/teams/{team.id}/vragen/{question.id}/'
    assert action in page and "Uw antwoord op: Sleutel buurthuis" in page

    form_url = page[page.index(action) + len('action="') :].split('"')[0]
    response = client.post(form_url, {"body": "Bij Jan, de beheerder.", "next": "/coordinatie?"})
    assert response.location.endswith("/coordinatie?") or response.location.endswith("/coordinatie")
    page = client.get("/coordinatie").get_data(as_text=True)
    assert f"/question_unanswered/{team.id}/{question.id}/" not in page
    assert question.awaiting_answer_since is None
