"""Coordinators work within their municipalities (issue 26 item 3): two municipalities, each
with a coordinator, a team, a voucher request, a question, a coaching note, an outreach area,
a fund and a resident. Each coordinator's own records open; the other's do not exist (404),
and every list, CSV, report and counter shows only their own. A regio coordinator and the
admin see both."""

from datetime import timedelta
from types import SimpleNamespace

import pytest
import sqlalchemy as sa

from app.coaching import services as coaching
from app.coaching.models import NoteKind
from app.core.audit import AuditEntry
from app.core.models import utcnow
from app.core.notifications import Notification
from app.core.scope import in_scope, staff_for, staff_in
from app.core.timezone import local_today
from app.extensions import db
from app.helpdesk import services as helpdesk
from app.places.models import CoordinatorScope
from app.teams.models import Team
from tests.factories import (
    add_member,
    make_fund,
    make_municipality,
    make_neighbourhood,
    make_request,
    make_resident_without_email,
    make_team,
    make_user,
)
from tests.outreach.factories import make_area

pytestmark = pytest.mark.usefixtures("ctx")


def _side(town: str, hood_name: str, team_name: str, coordinator_name: str, regio) -> SimpleNamespace:
    municipality = make_municipality(town)
    hood = make_neighbourhood(hood_name, municipality)
    coordinator = make_user(coordinator_name, hood, is_coordinator=True, scope=[municipality])
    trekker, member = make_user(f"Trekker {town}", hood), make_user(f"Lid {town}", hood)
    team = make_team(hood, trekker, name=team_name)
    add_member(team, member)
    fund = make_fund(hood, coordinator, name=f"Buurtbudget {hood_name}")
    # Planned nothing for months: a signal on the dashboard.
    team.last_activity_at = utcnow() - timedelta(days=200)
    return SimpleNamespace(
        municipality=municipality,
        hood=hood,
        coordinator=coordinator,
        team=team,
        fund=fund,
        request=make_request(team, trekker, fund),
        question=helpdesk.ask(member, team, f"Vraag van {team_name}", "Hoe werkt het?"),
        note=coaching.add_note(coordinator, team, NoteKind.VISIT, local_today(), "Eerste bezoek"),
        area=make_area(hood, f"Straat in {hood_name}"),
        person=make_user(f"Bewoner {town}", hood),
        offline=make_resident_without_email(f"Zonder mail {town}", hood, regio),
    )


@pytest.fixture
def towns():
    regio = make_user("Rita Regio", is_coordinator=True)  # every municipality, also those made later
    amersfoort = _side("Amersfoort", "Kruiskamp", "Pruimengaarde Samen", "Karim Kruiskamp", regio)
    leusden = _side("Leusden", "Leusden-Zuid", "Speelveld Rozenhof", "Ingrid Leusden", regio)
    admin = make_user("Ada Admin", is_admin=True)
    return SimpleNamespace(amersfoort=amersfoort, leusden=leusden, regio=regio, admin=admin)


def _record_pages(side) -> list[str]:
    team = side.team.id
    return [
        f"/teams/{team}/bewerken",
        f"/teams/{team}/leden",
        f"/teams/{team}/begeleiding",
        f"/teams/{team}/begeleiding/notities/{side.note.id}/bewerken",
        f"/teams/{team}/vragen/{side.question.id}",
        f"/teams/{team}/vragen/namens-een-bewoner",
        f"/teams/{team}/vouchers/{side.request.id}",
        f"/teams/{team}/activiteiten",
        f"/fondsen/{side.fund.id}",
        f"/fondsen/{side.fund.id}/kasboek",
        f"/fondsen/{side.fund.id}/kasboek.csv",
        f"/fondsen/{side.fund.id}/regiegroep",
        f"/fondsen/{side.fund.id}/bewerken",
        f"/huisbezoeken/gebieden/{side.area.id}",
        f"/buurten/{side.hood.id}/huisbezoeken",
        f"/beheer/buurten/{side.hood.id}",
        f"/beheer/gemeenten/{side.municipality.id}",
        f"/beheer/privacyverzoeken/{side.person.id}",
        f"/begeleiding/bewoners-zonder-email/{side.offline.id}",
        f"/coordinatie/signalen/heading_dormant/{team}/0/uitstellen",
    ]


def _answers(client, user, pages) -> list[int]:
    client.login(user)
    return [client.get(page).status_code for page in pages]


def test_each_coordinator_opens_their_own_records_and_the_others_do_not_exist(client, towns):
    for mine, theirs in ((towns.amersfoort, towns.leusden), (towns.leusden, towns.amersfoort)):
        own, other = _record_pages(mine), _record_pages(theirs)
        assert _answers(client, mine.coordinator, own) == [200] * len(own), own
        assert _answers(client, mine.coordinator, other) == [404] * len(other), other


@pytest.mark.parametrize("who", ["regio", "admin"])
def test_a_regio_coordinator_and_the_admin_open_both(client, towns, who):
    pages = _record_pages(towns.amersfoort) + _record_pages(towns.leusden)
    assert _answers(client, getattr(towns, who), pages) == [200] * len(pages)


def test_the_report_of_the_other_municipalitys_neighbourhood_is_unknown(client, towns):
    leusden = towns.leusden
    page = client.login(towns.amersfoort.coordinator).get(f"/rapportages?buurt={leusden.hood.id}")
    text = page.get_data(as_text=True)
    assert "Deze buurt kennen we niet" in text and leusden.hood.name not in text
    csv = client.get(f"/rapportages/teams.csv?buurt={leusden.hood.id}")
    assert csv.status_code == 302 and leusden.hood.name not in csv.get_data(as_text=True)


def test_a_post_on_the_other_municipalitys_record_is_404_and_changes_nothing(client, towns):
    leusden = towns.leusden
    client.login(towns.amersfoort.coordinator)
    before = db.session.scalar(sa.select(sa.func.count()).select_from(AuditEntry))
    answers = [
        client.post(f"/teams/{leusden.team.id}/begeleiding/notities", {"kind": "visit", "body": "x"}).status_code,
        client.post(f"/teams/{leusden.team.id}/vragen/{leusden.question.id}/reageren", {"body": "Hallo"}).status_code,
        client.post(f"/teams/{leusden.team.id}/status", {"status": "archived"}).status_code,
        client.post(f"/huisbezoeken/gebieden/{leusden.area.id}", {"name": "Nieuw", "kind": "street"}).status_code,
    ]
    assert answers == [404] * 4
    assert db.session.scalar(sa.select(sa.func.count()).select_from(AuditEntry)) == before


# --- lists, CSVs, reports and counters ---------------------------------------------------

LISTS = [
    "/coordinatie",
    "/coordinatie/signalen",
    "/helpdesk",
    "/helpdesk/namens-een-bewoner",
    "/fondsen",
    "/rapportages",
    "/rapportages/teams.csv",
    "/beheer/buurten",
    "/huisbezoeken",
    "/begeleiding/bewoners-zonder-email",
]


def _names(side) -> tuple[str, ...]:
    """What of a municipality a list could show: its team, neighbourhood, fund, resident."""
    return (side.team.name, side.hood.name, side.fund.name, f"Zonder mail {side.municipality.name}")


@pytest.mark.parametrize("url", LISTS)
def test_a_list_shows_only_the_coordinators_own_municipality(client, towns, url):
    for mine, theirs in ((towns.amersfoort, towns.leusden), (towns.leusden, towns.amersfoort)):
        page = client.login(mine.coordinator).get(url).get_data(as_text=True)
        assert any(name in page for name in _names(mine)), url
        assert [name for name in _names(theirs) if name in page] == []


def test_the_admin_and_the_regio_coordinator_see_both_in_the_lists(client, towns):
    for who in (towns.admin, towns.regio):
        page = client.login(who).get("/coordinatie").get_data(as_text=True)
        assert towns.amersfoort.team.name in page and towns.leusden.team.name in page


def test_the_menu_counts_the_open_questions_in_the_scope(client, towns):
    page = client.login(towns.amersfoort.coordinator).get("/coordinatie").get_data(as_text=True)
    assert "(1 open)" in page
    assert "(2 open)" in client.login(towns.admin).get("/coordinatie").get_data(as_text=True)


def test_a_coordinator_without_a_municipality_sees_no_team_and_is_told_why(client, towns):
    nobody = make_user("Nina Nergens", is_coordinator=True, scope=[])
    page = client.login(nobody).get("/coordinatie").get_data(as_text=True)
    assert "U werkt nog voor geen enkele gemeente" in page
    assert towns.amersfoort.team.name not in page and towns.leusden.team.name not in page
    assert "(1 open)" not in page and "(2 open)" not in page


def test_the_helpdesk_tells_and_offers_only_the_coordinators_of_the_teams_municipality(client, towns):
    leusden = towns.leusden
    page = client.login(towns.admin).get(f"/teams/{leusden.team.id}/vragen/{leusden.question.id}")
    choices = page.get_data(as_text=True)
    assert leusden.coordinator.name in choices and towns.amersfoort.coordinator.name not in choices
    about = sa.and_(Notification.kind == "question.asked", Notification.link == helpdesk.link_to(leusden.question))
    readers = set(db.session.scalars(sa.select(Notification.user_id).where(about)))
    assert leusden.coordinator.id in readers and towns.amersfoort.coordinator.id not in readers


# --- the helpers -------------------------------------------------------------------------


def test_staff_for_and_in_scope_follow_the_memberships(towns):
    karim, amersfoort, leusden = towns.amersfoort.coordinator, towns.amersfoort, towns.leusden
    assert staff_for(karim, amersfoort.municipality.id) and not staff_for(karim, leusden.municipality.id)
    assert staff_in(karim, amersfoort.hood.id) and not staff_in(karim, leusden.hood.id)
    assert staff_for(towns.admin, leusden.municipality.id) and staff_in(towns.regio, leusden.hood.id)
    assert not staff_in(amersfoort.person, amersfoort.hood.id)  # a resident is nobody's staff
    visible = db.session.scalars(sa.select(Team.name).where(in_scope(karim, Team.neighbourhood_id))).all()
    assert visible == [amersfoort.team.name]
    assert len(db.session.scalars(sa.select(Team.id).where(in_scope(towns.admin, Team.neighbourhood_id))).all()) == 2
    assert db.session.scalars(sa.select(Team.id).where(in_scope(amersfoort.person, Team.neighbourhood_id))).all() == []


def test_scope_rows_are_unique_per_coordinator_and_municipality(towns):
    db.session.add(CoordinatorScope(user_id=towns.regio.id, municipality_id=towns.leusden.municipality.id))
    with pytest.raises(sa.exc.IntegrityError):
        db.session.flush()
