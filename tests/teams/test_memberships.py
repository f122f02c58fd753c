from datetime import timedelta

import pytest
import sqlalchemy as sa

from app.core.audit import AuditEntry
from app.core.errors import NotAllowed, RuleViolated
from app.core.models import utcnow
from app.extensions import db
from app.teams import memberships
from app.teams.models import MemberRole, Membership, MembershipState, TeamKind
from tests.factories import add_member, make_neighbourhood, make_team, make_user


@pytest.fixture
def hood():
    return make_neighbourhood("Kruiskamp")


def _role(team, user):
    membership = db.session.scalar(
        sa.select(Membership).where(Membership.team_id == team.id, Membership.user_id == user.id)
    )
    return membership and (membership.role, membership.state)


def test_the_only_trekker_cannot_leave_until_the_role_is_handed_on(client, hood):
    anna, bram = make_user("Anna", hood), make_user("Bram", hood)
    team = make_team(hood, anna)
    bram_membership = add_member(team, bram)

    page = client.login(anna).post(f"/teams/{team.id}/verlaten", follow_redirects=True).get_data(as_text=True)
    assert "U bent de enige trekker" in page
    assert _role(team, anna) == (MemberRole.TREKKER, MembershipState.ACTIVE)

    client.post(f"/teams/{team.id}/leden/{bram_membership.id}/trekker")
    assert _role(team, bram) == (MemberRole.TREKKER, MembershipState.ACTIVE)
    assert _role(team, anna) == (MemberRole.MEMBER, MembershipState.ACTIVE)

    client.post(f"/teams/{team.id}/verlaten")
    assert _role(team, anna) is None


def test_a_declined_request_is_removed_and_audited(client, hood):
    anna, bram = make_user("Anna", hood), make_user("Bram", hood)
    team = make_team(hood, anna)
    request = add_member(team, bram, state=MembershipState.REQUESTED)
    client.login(anna).post(f"/teams/{team.id}/leden/{request.id}/afwijzen")
    assert _role(team, bram) is None
    assert (
        db.session.scalar(sa.select(AuditEntry.actor_id).where(AuditEntry.action == "membership.declined")) == anna.id
    )


def test_a_trekker_cannot_decide_on_another_teams_request(client, hood):
    anna, bram, carla = make_user("Anna", hood), make_user("Bram", hood), make_user("Carla", hood)
    make_team(hood, anna)
    other = make_team(hood, carla)
    request = add_member(other, bram, state=MembershipState.REQUESTED)
    own_team_id = db.session.scalar(sa.select(Membership.team_id).where(Membership.user_id == anna.id))
    client.login(anna).post(f"/teams/{own_team_id}/leden/{request.id}/accepteren")
    assert _role(other, bram) == (MemberRole.MEMBER, MembershipState.REQUESTED)


def test_junior_teams_take_members_under_25_and_older_people_as_supporters(ctx, hood):
    this_year = utcnow().year
    youth, adult = make_user("Youssef", hood), make_user("Els", hood)
    team = make_team(hood, youth, kind=TeamKind.JUNIOR, birth_year=this_year - 17)
    memberships.request_to_join(adult, team, "", birth_year=this_year - 40)
    assert _role(team, adult) == (MemberRole.SUPPORTER, MembershipState.REQUESTED)


def test_a_junior_team_asks_for_the_year_of_birth_and_is_started_by_someone_young(ctx, hood):
    adult = make_user("Els", hood)
    with pytest.raises(RuleViolated, match="geboortejaar"):
        make_team(hood, adult, kind=TeamKind.JUNIOR)
    with pytest.raises(RuleViolated, match="jonger dan 25"):
        make_team(hood, adult, kind=TeamKind.JUNIOR, birth_year=utcnow().year - 25)


def test_a_supporter_cannot_become_trekker_of_a_junior_team(ctx, hood):
    youth, adult = make_user("Youssef", hood), make_user("Els", hood)
    team = make_team(hood, youth, kind=TeamKind.JUNIOR, birth_year=utcnow().year - 17)
    supporter = add_member(team, adult, MemberRole.SUPPORTER)
    with pytest.raises(RuleViolated, match="jonger dan 25"):
        memberships.hand_over(youth, team, supporter.id)


def test_an_invitation_link_lets_a_resident_join_until_it_is_revoked(client, hood):
    anna, bram, carla = make_user("Anna", hood), make_user("Bram", hood), make_user("Carla", hood)
    team = make_team(hood, anna)
    client.login(anna).post(f"/teams/{team.id}/uitnodigingen")
    invitation = memberships.open_invitations(team)[0]

    client.login(bram).post(f"/uitnodiging/{invitation.token}")
    assert _role(team, bram) == (MemberRole.MEMBER, MembershipState.ACTIVE)

    client.login(anna).post(f"/teams/{team.id}/uitnodigingen/{invitation.id}/intrekken")
    page = client.login(carla).post(f"/uitnodiging/{invitation.token}").get_data(as_text=True)
    assert "verlopen of ingetrokken" in page
    assert _role(team, carla) is None


def test_an_expired_invitation_no_longer_works(ctx, hood):
    anna, bram = make_user("Anna", hood), make_user("Bram", hood)
    team = make_team(hood, anna)
    invitation = memberships.create_invitation(anna, team)
    invitation.expires_at = utcnow() - timedelta(minutes=1)
    with pytest.raises(RuleViolated, match="verlopen"):
        memberships.join_by_invitation(bram, invitation.token)


def test_an_invitation_with_a_bad_year_of_birth_explains_it_and_changes_nothing(client, hood):
    youth, bram = make_user("Youssef", hood), make_user("Bram", hood)
    team = make_team(hood, youth, kind=TeamKind.JUNIOR, birth_year=utcnow().year - 17)
    invitation = memberships.create_invitation(youth, team)
    page = client.login(bram).post(f"/uitnodiging/{invitation.token}", {"birth_year": "1800"}).get_data(as_text=True)
    assert "Vul een geboortejaar in tussen 1900 en" in page
    assert _role(team, bram) is None


def test_join_request_with_bad_input_says_why_and_stores_nothing(client, hood):
    anna, bram = make_user("Anna", hood), make_user("Bram", hood)
    team = make_team(hood, anna)
    page = (
        client.login(bram)
        .post(f"/teams/{team.id}/aanmelden", {"message": "x" * 1001}, follow_redirects=True)
        .get_data(as_text=True)
    )
    assert "Gebruik hoogstens 1000 tekens." in page
    assert _role(team, bram) is None


def test_a_member_cannot_ask_to_join_twice(ctx, hood):
    anna, bram = make_user("Anna", hood), make_user("Bram", hood)
    team = make_team(hood, anna)
    memberships.request_to_join(bram, team, "")
    with pytest.raises(NotAllowed):
        memberships.request_to_join(bram, team, "")


def test_the_members_page_shows_the_teams_history_with_who_did_what(client, hood):
    anna, bram = make_user("Anna Smit", hood), make_user("Bram", hood)
    team = make_team(hood, anna)
    request = memberships.request_to_join(bram, team, "")
    client.login(anna).post(f"/teams/{team.id}/leden/{request.id}/accepteren")
    page = client.get(f"/teams/{team.id}/leden").get_data(as_text=True)
    assert "Aanmelding geaccepteerd" in page and "(Anna Smit)" in page
    assert "Team gestart" in page and "Aanmelding ontvangen" in page
