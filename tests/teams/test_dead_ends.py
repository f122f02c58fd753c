"""Issue 12, "No dead ends": every journey leads somewhere, as a new resident would expect."""

import re

import sqlalchemy as sa

from app.core.mail import OutboxMail
from app.extensions import db
from app.teams.memberships import create_invitation
from app.teams.models import MemberRole, MembershipState, TeamStatus
from tests.factories import PASSWORD, add_member, make_neighbourhood, make_team, make_user


def test_leaving_asks_first_and_the_only_trekker_is_told_how_to_hand_over_or_stop(client):
    hood = make_neighbourhood()
    tess, mo = make_user("Tess", hood), make_user("Mo", hood)
    team = make_team(hood, tess)
    add_member(team, mo)

    page = client.login(mo).get(f"/teams/{team.id}/verlaten").get_data(as_text=True)
    assert "Ja, verlaat het team" in page
    assert client.post(f"/teams/{team.id}/verlaten").status_code == 302

    page = client.login(tess).get(f"/teams/{team.id}/verlaten").get_data(as_text=True)
    assert "U bent de enige trekker" in page and "Maak iemand anders trekker" in page and "Stop het team" in page
    client.post(f"/teams/{team.id}/status", {"status": "archived"})
    assert team.status == TeamStatus.ARCHIVED


def test_a_trekker_sees_waiting_requests_on_the_team_page_the_account_page_and_in_the_menu(client):
    hood = make_neighbourhood()
    tess = make_user("Tess", hood)
    team = make_team(hood, tess)
    add_member(team, make_user("Piet", hood), MemberRole.MEMBER, MembershipState.REQUESTED)
    client.login(tess)
    assert "Er wacht 1 aanmelding op uw antwoord." in client.get(f"/teams/{team.id}").get_data(as_text=True)
    account = client.get("/account").get_data(as_text=True)
    assert "1 aanmelding wacht op uw antwoord" in account
    assert re.search(r"Mijn account\s*<span[^>]*>\(1 aanmelding\)", account)


def test_members_see_who_is_in_their_team_by_first_name_never_by_e_mail(client):
    hood = make_neighbourhood()
    tess = make_user("Tess Trekker", hood, email="tess@example.org")
    mo = make_user("Mo Member", hood)
    team = make_team(hood, tess)
    add_member(team, mo)
    page = client.login(mo).get(f"/teams/{team.id}").get_data(as_text=True)
    assert "Wie doen er mee" in page and "Tess — trekker" in page
    assert "tess@example.org" not in page and "Trekker Tess" not in page
    outsider = make_user("Rosa", hood)
    assert "Wie doen er mee" not in client.login(outsider).get(f"/teams/{team.id}").get_data(as_text=True)


def test_a_neighbourhood_without_teams_offers_to_start_the_first(client):
    hood = make_neighbourhood("Liendert")
    page = client.get(f"/buurten/{hood.id}/teams").get_data(as_text=True)
    assert "Start het eerste team in Liendert" in page
    client.login(make_user("Anna", make_neighbourhood()))
    form = client.get(f"/teams/nieuw?buurt={hood.id}").get_data(as_text=True)
    assert f'<option selected value="{hood.id}">' in form


def test_staff_land_on_the_dashboard_and_residents_on_their_account(client, app):
    make_user("Cor", email="cor@example.org", is_coordinator=True)
    make_user("Rosa", email="rosa@example.org")
    response = client.post("/inloggen", {"email": "cor@example.org", "password": PASSWORD})
    assert response.location == "/coordinatie"
    other = type(client)(app.test_client())
    assert other.post("/inloggen", {"email": "rosa@example.org", "password": PASSWORD}).location == "/account"


def test_an_invitation_survives_registration(client):
    hood = make_neighbourhood()
    tess = make_user("Tess", hood)
    invitation = create_invitation(tess, make_team(hood, tess))
    target = f"/uitnodiging/{invitation.token}"
    login = client.get(target)
    assert login.location.startswith("/inloggen?next=")
    page = client.get(login.location).get_data(as_text=True)
    register_link = re.search(r'href="(/registreren\?next=[^"]+)"', page).group(1).replace("&amp;", "&")
    data = {
        "name": "Yara",
        "email": "yara@example.org",
        "neighbourhood_id": hood.id,
        "password": "paars kanon dinsdag",
        "password_repeat": "paars kanon dinsdag",
    }
    client.post(register_link, data)
    mail = db.session.scalar(sa.select(OutboxMail).where(OutboxMail.recipient == "yara@example.org"))
    activation = re.search(r"https://buurtmakers\.test(/account-activeren/\S+)", mail.body).group(1)
    assert client.post(activation).location == target
