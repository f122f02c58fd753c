from datetime import timedelta

import pytest
import sqlalchemy as sa

from app.core.audit import AuditEntry
from app.core.errors import RuleViolated
from app.core.models import utcnow
from app.extensions import db
from app.teams import memberships, services
from app.teams.models import Team, TeamStatus
from tests.factories import add_member, make_neighbourhood, make_team, make_user


@pytest.fixture
def hood():
    return make_neighbourhood("Kruiskamp")


def _team_count() -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(Team))


def test_team_form_with_bad_input_explains_each_field_and_stores_nothing(client, hood):
    client.login(make_user("Anna", hood))
    page = client.post(
        "/teams/nieuw",
        {"name": "", "neighbourhood_id": hood.id, "kind": "knutselclub", "area": "", "question": "", "birth_year": "x"},
    ).get_data(as_text=True)
    for message in (
        "Geef het team een naam.",
        "Ongeldige keuze.",
        "Schrijf op in welke straat, flat of plek het team actief is.",
        "Schrijf kort op wat u wilt bereiken",
    ):
        assert message in page, message
    assert _team_count() == 0


def test_two_teams_in_one_neighbourhood_cannot_share_a_name(client, hood):
    anna = make_user("Anna", hood)
    make_team(hood, anna, name="Samen Sterk")
    page = (
        client.login(make_user("Bram", hood))
        .post(
            "/teams/nieuw",
            {"name": "samen sterk", "neighbourhood_id": hood.id, "kind": "buurtteam", "area": "a", "question": "q"},
        )
        .get_data(as_text=True)
    )
    assert "Er is al een team met deze naam in deze buurt." in page
    assert _team_count() == 1


def test_a_trekker_edits_the_team_and_bad_input_changes_nothing(client, hood):
    anna = make_user("Anna", hood)
    team = make_team(hood, anna, name="Samen Sterk")
    client.login(anna)
    page = client.post(f"/teams/{team.id}/bewerken", {"name": "", "area": "", "question": ""}).get_data(as_text=True)
    assert "Geef het team een naam." in page
    assert team.name == "Samen Sterk"
    client.post(f"/teams/{team.id}/bewerken", {"name": "Samen Sterker", "area": "Plein", "question": "Meer groen"})
    assert (team.name, team.area) == ("Samen Sterker", "Plein")


def test_the_public_team_page_shows_first_names_of_trekkers_only(client, hood):
    anna, bram = make_user("Anna de Boer", hood, email="anna@example.org"), make_user("Bram Visser", hood)
    team = make_team(hood, anna, description="Wij maken de straat groener.")
    add_member(team, bram)
    page = client.get(f"/teams/{team.id}").get_data(as_text=True)
    assert "Anna" in page and "Wij maken de straat groener." in page
    for private in ("de Boer", "anna@example.org", "Bram", "Visser"):
        assert private not in page


def test_trekkers_activate_and_coordinators_set_self_reliant_and_archived(client, hood):
    anna, cor = make_user("Anna", hood), make_user("Cor", hood, is_coordinator=True)
    team = make_team(hood, anna)
    client.login(anna).post(f"/teams/{team.id}/status", {"status": "self_reliant"})
    assert team.status == TeamStatus.STARTING
    client.post(f"/teams/{team.id}/status", {"status": "active"})
    assert team.status == TeamStatus.ACTIVE
    client.login(cor).post(f"/teams/{team.id}/status", {"status": "self_reliant"})
    assert team.status == TeamStatus.SELF_RELIANT
    client.post(f"/teams/{team.id}/status", {"status": "archived"})
    assert team.status == TeamStatus.ARCHIVED
    statuses = db.session.scalars(
        sa.select(AuditEntry.data).where(AuditEntry.action == "team.status_changed").order_by(AuditEntry.id)
    ).all()
    assert [s["status"] for s in statuses] == ["active", "self_reliant", "archived"]


def test_nobody_sets_dormant_by_hand(ctx, hood):
    cor = make_user("Cor", hood, is_coordinator=True)
    team = make_team(hood, make_user("Anna", hood))
    with pytest.raises(RuleViolated):
        services.set_status(cor, team, TeamStatus.DORMANT)


def test_teams_without_activity_become_dormant_and_wake_up_on_activity(app, ctx, hood):
    anna, bram = make_user("Anna", hood), make_user("Bram", hood)
    quiet, busy = make_team(hood, anna, name="Stil"), make_team(hood, anna, name="Druk")
    quiet.last_activity_at = utcnow() - timedelta(days=app.config["TEAM_DORMANT_AFTER_DAYS"] + 1)
    db.session.flush()

    result = app.test_cli_runner().invoke(args=["teams", "mark-dormant"])
    assert "1 team(s) marked dormant" in result.output
    assert (quiet.status, busy.status) == (TeamStatus.DORMANT, TeamStatus.STARTING)

    request = memberships.request_to_join(bram, quiet, "")
    memberships.decide_request(anna, quiet, request.id, accept=True)
    assert quiet.status == TeamStatus.ACTIVE


def test_the_directory_searches_without_caring_about_accents_or_case(client, hood):
    anna = make_user("Anna", hood)
    make_team(hood, anna, name="Buurtcafé De Linde")
    make_team(hood, anna, name="Moestuin Oost", area="Achter de flat")
    archived = make_team(hood, anna, name="Oud Café")
    archived.status = TeamStatus.ARCHIVED
    page = client.get(f"/buurten/{hood.id}/teams?q=CAFE").get_data(as_text=True)
    assert "Buurtcafé De Linde" in page and "Moestuin" not in page and "Oud Café" not in page
    assert "Moestuin Oost" in client.get(f"/buurten/{hood.id}/teams?q=flat").get_data(as_text=True)
    assert "Moestuin Oost" not in client.get(f"/buurten/{hood.id}/teams?q=%25").get_data(as_text=True)


def test_the_directory_pages_through_teams(client, app, hood):
    anna = make_user("Anna", hood)
    for n in range(app.config["PAGE_SIZE"] + 1):
        make_team(hood, anna, name=f"Team {n:02d}")
    first = client.get(f"/buurten/{hood.id}/teams").get_data(as_text=True)
    second = client.get(f"/buurten/{hood.id}/teams?pagina=2").get_data(as_text=True)
    assert "Team 00" in first and "Team 20" not in first and 'rel="next"' in first
    assert "Team 20" in second and "Pagina 2 van 2" in second


def _bulk_teams(hood, trekker, count: int) -> None:
    db.session.execute(
        sa.insert(Team),
        [
            dict(
                neighbourhood_id=hood.id,
                name=f"Team {n:04d}",
                name_key=f"team {n:04d}",
                kind="buurtteam",
                area="Straat",
                themes=[],
                question="q",
                description="",
                search_text=f"team {n:04d}",
                status="active",
                last_activity_at=utcnow(),
                created_at=utcnow(),
            )
            for n in range(count)
        ],
    )


def test_the_directory_needs_the_same_number_of_statements_for_10_and_1000_teams(client, hood, count_statements):
    anna = make_user("Anna", hood)
    counts = []
    for total in (10, 1000):
        db.session.execute(sa.delete(Team))
        _bulk_teams(hood, anna, total)
        client.login(anna)
        with count_statements() as counter:
            page = client.get(f"/buurten/{hood.id}/teams")
        assert page.status_code == 200
        counts.append(len(counter.statements))
    assert counts[0] == counts[1], counts


def test_a_status_nobody_may_choose_is_refused_with_a_message(client, hood):
    anna = make_user("Anna", hood)
    team = make_team(hood, anna)
    # Self-reliant is the coordinator's call, and dormant follows from inactivity.
    for status in ("self_reliant", "dormant"):
        page = client.login(anna).post(f"/teams/{team.id}/status", {"status": status}, follow_redirects=True)
        assert "Deze status kunt u hier niet kiezen." in page.get_data(as_text=True)
        assert team.status == TeamStatus.STARTING
