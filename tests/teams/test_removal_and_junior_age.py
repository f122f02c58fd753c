"""Issue 11, findings 12 and 13: trekkers remove members (access ends at once, the person
is told), and the JUNIOR age rule cannot be bypassed by declaring another birth year."""

import sqlalchemy as sa

from app.core.audit import AuditEntry
from app.core.notifications import Notification
from app.extensions import db
from app.teams.models import MemberRole, Membership, TeamKind
from tests.factories import add_member, make_activity, make_neighbourhood, make_team, make_user


def test_a_trekker_removes_a_member_whose_access_ends_at_once(app, client):
    hood = make_neighbourhood()
    tess, mo = make_user("Tess", hood), make_user("Mo", hood)
    team = make_team(hood, tess)
    membership_id = add_member(team, mo).id
    plan = make_activity(team, tess)
    phone = type(client)(app.test_client()).login(mo)
    assert phone.get(f"/teams/{team.id}/activiteiten/{plan.id}").status_code == 200

    response = client.login(tess).post(f"/teams/{team.id}/leden/{membership_id}/verwijderen")
    assert response.status_code == 302
    assert phone.get(f"/teams/{team.id}/activiteiten/{plan.id}").status_code == 403
    assert db.session.get(Membership, membership_id) is None
    assert db.session.scalar(sa.select(AuditEntry).where(AuditEntry.action == "membership.removed")).actor_id == tess.id
    notification = db.session.scalar(sa.select(Notification).where(Notification.user_id == mo.id))
    assert team.name in phone.get("/account/berichten").get_data(as_text=True)
    assert notification.read_at is None


def test_a_member_cannot_remove_others_and_a_trekker_is_not_removed(client):
    hood = make_neighbourhood()
    tess, mo, lin = make_user("Tess", hood), make_user("Mo", hood), make_user("Lin", hood)
    team = make_team(hood, tess)
    add_member(team, mo)
    other = add_member(team, lin, MemberRole.TREKKER)
    assert client.login(mo).post(f"/teams/{team.id}/leden/{other.id}/verwijderen").status_code == 403
    page = client.login(tess).post(f"/teams/{team.id}/leden/{other.id}/verwijderen", follow_redirects=True)
    assert "Een trekker kan niet worden verwijderd" in page.get_data(as_text=True)
    assert db.session.get(Membership, other.id) is not None


def test_the_birth_year_is_declared_once(client):
    hood = make_neighbourhood()
    young = make_user("Sam", hood, birth_year=2008)
    junior = make_team(hood, young, kind=TeamKind.JUNIOR)
    older = make_user("Piet", hood)
    client.login(older)
    # The attack: declare 1980, withdraw, declare 2010.
    client.post(f"/teams/{junior.id}/aanmelden", {"message": "", "birth_year": "1980"})
    client.post(f"/teams/{junior.id}/verlaten")
    page = client.post(f"/teams/{junior.id}/aanmelden", {"birth_year": "2010"}, follow_redirects=True)
    assert "U heeft uw geboortejaar al eerder opgegeven (1980)" in page.get_data(as_text=True)
    db.session.refresh(older)
    assert older.birth_year == 1980
    data = {"name": "Jong Team", "neighbourhood_id": hood.id, "kind": "junior", "area": "Plein", "question": "Sport"}
    page = client.post("/teams/nieuw", {**data, "birth_year": "2010"}).get_data(as_text=True)
    assert "al eerder opgegeven" in page


def test_a_coordinator_corrects_the_birth_year_and_junior_roles_are_checked_again(client):
    hood = make_neighbourhood()
    sam, lin = make_user("Sam", hood, birth_year=2008), make_user("Lin", hood, birth_year=2009)
    junior = make_team(hood, sam, kind=TeamKind.JUNIOR)
    membership = add_member(junior, lin)
    staff = make_user("Cor", is_coordinator=True)
    assert client.login(lin).get(f"/teams/{junior.id}/leden/{membership.id}/geboortejaar").status_code == 403
    response = client.login(staff).post(f"/teams/{junior.id}/leden/{membership.id}/geboortejaar", {"birth_year": 1990})
    assert response.status_code == 302
    db.session.refresh(membership)
    db.session.refresh(lin)
    assert (lin.birth_year, membership.role) == (1990, MemberRole.SUPPORTER)
    actions = set(db.session.scalars(sa.select(AuditEntry.action)))
    assert {"user.birth_year_corrected", "membership.role_rechecked"} <= actions


def test_a_wrong_birth_year_gets_a_message_and_changes_nothing(client):
    hood = make_neighbourhood()
    sam, lin = make_user("Sam", hood, birth_year=2008), make_user("Lin", hood, birth_year=2009)
    junior = make_team(hood, sam, kind=TeamKind.JUNIOR)
    membership = add_member(junior, lin)
    client.login(make_user("Cor", is_coordinator=True))
    for wrong, message in (("", "Vul het geboortejaar in."), ("1850", "tussen 1900 en nu"), ("twee", "")):
        page = client.post(f"/teams/{junior.id}/leden/{membership.id}/geboortejaar", {"birth_year": wrong})
        assert page.status_code == 200 and message in page.get_data(as_text=True)
    db.session.refresh(lin)
    assert (lin.birth_year, membership.role) == (2009, MemberRole.MEMBER)
