"""Issue 27 item 2: a team's "doe mee" flyer with a QR code to its public page, and for a
trekker a flyer whose code is an invitation link (decoded here with a real decoder)."""

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.teams.memberships import create_invitation, revoke_invitation
from app.teams.models import Membership, MembershipState, TeamStatus
from tests.factories import add_member, make_neighbourhood, make_team, make_user
from tests.qr import codes_on_page


@pytest.fixture
def hood():
    return make_neighbourhood("Kruiskamp")


@pytest.fixture
def trekker(hood):
    return make_user("Tess Trekker", hood)


@pytest.fixture
def team(hood, trekker):
    return make_team(hood, trekker, name="Flat Lindelaan", question="Samen de galerij opknappen.")


def test_the_flyer_leads_to_the_teams_public_page(client, team):
    response = client.get(f"/teams/{team.id}/flyer")
    assert response.status_code == 200
    text = response.get_data(as_text=True)
    assert codes_on_page(text) == [f"https://buurtmakers.test/teams/{team.id}"]
    assert "Flat Lindelaan" in text and "Samen de galerij opknappen." in text and "Doe mee!" in text


def test_a_team_that_stopped_has_no_flyer(client, team):
    team.status = TeamStatus.ARCHIVED
    db.session.flush()
    assert client.get(f"/teams/{team.id}/flyer").status_code == 404


def test_the_trekkers_flyer_carries_an_invitation_link_that_works(client, team, trekker, hood):
    invitation = create_invitation(trekker, team)
    client.login(trekker)
    members_page = client.get(f"/teams/{team.id}/leden").get_data(as_text=True)
    flyer_url = f"/teams/{team.id}/uitnodigingen/{invitation.id}/flyer"
    assert f'href="{flyer_url}"' in members_page
    text = client.get(flyer_url).get_data(as_text=True)
    link = f"https://buurtmakers.test/uitnodiging/{invitation.token}"
    assert codes_on_page(text) == [link]
    # The decoded link is the invitation: a neighbour who opens it joins.
    neighbour = make_user("Nina Buur", hood)
    client.login(neighbour)
    client.post(link.removeprefix("https://buurtmakers.test"))
    joined = db.session.scalar(
        sa.select(Membership).where(Membership.team_id == team.id, Membership.user_id == neighbour.id)
    )
    assert joined is not None and joined.state == MembershipState.ACTIVE


def test_only_the_trekker_prints_an_invitation_flyer_and_only_of_a_working_link(client, team, trekker, hood):
    invitation = create_invitation(trekker, team)
    url = f"/teams/{team.id}/uitnodigingen/{invitation.id}/flyer"
    member = make_user("Mo Lid", hood)
    add_member(team, member)
    assert client.login(member).get(url).status_code == 403
    assert client.login(trekker).get(url).status_code == 200
    revoke_invitation(trekker, team, invitation.id)
    db.session.flush()
    assert client.get(url).status_code == 404
    # Another team's link does not exist under this team.
    olga = make_user("Olga", hood)
    theirs = create_invitation(olga, make_team(hood, olga, name="Ander team"))
    assert client.get(f"/teams/{team.id}/uitnodigingen/{theirs.id}/flyer").status_code == 404
