import sqlalchemy as sa

from app.core.audit import AuditEntry
from app.extensions import db
from app.teams.models import MemberRole, Membership, MembershipState, Team
from tests.factories import make_neighbourhood, make_team, make_user


def test_a_resident_starts_a_team_and_becomes_its_trekker(client):
    hood = make_neighbourhood("Kruiskamp")
    anna = make_user("Anna de Boer", hood)
    response = client.login(anna).post(
        "/teams/nieuw",
        {
            "name": "Pruimengaarde Samen",
            "neighbourhood_id": hood.id,
            "kind": "buurtteam",
            "area": "Pruimengaarde",
            "themes": ["groen", "ontmoeting"],
            "question": "Samen de binnentuin opknappen",
        },
    )
    team = db.session.scalar(sa.select(Team).where(Team.name == "Pruimengaarde Samen"))
    assert response.status_code == 302 and response.location == f"/teams/{team.id}"
    membership = db.session.scalar(sa.select(Membership).where(Membership.team_id == team.id))
    assert (membership.user_id, membership.role) == (anna.id, MemberRole.TREKKER)
    assert (
        db.session.scalar(
            sa.select(AuditEntry.actor_id).where(AuditEntry.action == "team.created", AuditEntry.object_id == team.id)
        )
        == anna.id
    )
    page = client.get(f"/teams/{team.id}").get_data(as_text=True)
    assert "Pruimengaarde Samen" in page and "Anna" in page and "de Boer" not in page


def test_a_request_to_join_is_accepted_by_the_trekker(client):
    hood = make_neighbourhood()
    anna, bram = make_user("Anna", hood), make_user("Bram Visser", hood)
    team = make_team(hood, anna)
    client.login(bram).post(f"/teams/{team.id}/aanmelden", {"message": "Ik help graag"})
    request = db.session.scalar(sa.select(Membership).where(Membership.user_id == bram.id))
    assert request.state == MembershipState.REQUESTED

    client.login(anna).post(f"/teams/{team.id}/leden/{request.id}/accepteren")
    db.session.refresh(request)
    assert request.state == MembershipState.ACTIVE and request.role == MemberRole.MEMBER
