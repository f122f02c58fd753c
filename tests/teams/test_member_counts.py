"""Issue 28, item 0: each team keeps its active trekkers and its counted members (trekkers
and members, the roles that count for a fund's minimum: COUNTED_ROLES), added to by a
trigger on membership. After writes through the services, the ORM and bulk SQL over several
teams, they equal a count from scratch."""

import sqlalchemy as sa

from app.extensions import db
from app.money.requests.services import COUNTED_ROLES
from app.teams import memberships
from app.teams.models import MemberRole, Membership, MembershipState, Team
from tests.factories import add_member, make_neighbourhood, make_team, make_user


def from_scratch() -> dict[int, tuple[int, int]]:
    counted = {team_id: [0, 0] for team_id in db.session.scalars(sa.select(Team.id))}
    rows = db.session.execute(
        sa.select(Membership.team_id, Membership.role).where(
            Membership.state == MembershipState.ACTIVE, Membership.role.in_(COUNTED_ROLES)
        )
    )
    for team_id, role in rows:
        counted[team_id][0] += role == MemberRole.TREKKER
        counted[team_id][1] += 1
    return {team_id: tuple(values) for team_id, values in counted.items()}


def kept() -> dict[int, tuple[int, int]]:
    rows = db.session.execute(sa.select(Team.id, Team.trekker_count, Team.member_count))
    return {team_id: (trekkers, members) for team_id, trekkers, members in rows}


def test_the_counts_follow_the_services(app, ctx):
    hood = make_neighbourhood()
    trekker, resident = make_user("Fatima", hood), make_user("Bram", hood)
    team = make_team(hood, trekker)
    assert kept() == from_scratch() == {team.id: (1, 1)}
    asked = memberships.request_to_join(resident, team, "Ik help graag")
    assert kept() == from_scratch() == {team.id: (1, 1)}  # a request counts only once accepted
    memberships.decide_request(trekker, team, asked.id, accept=True)
    assert kept() == from_scratch() == {team.id: (1, 2)}
    memberships.hand_over(trekker, team, asked.id)  # Bram leads, Fatima stays as a member
    assert kept() == from_scratch() == {team.id: (1, 2)}
    supporter = add_member(team, make_user("Ilse", hood), role=MemberRole.SUPPORTER)
    assert kept() == from_scratch() == {team.id: (1, 2)}  # supporters do not count
    supporter.role = MemberRole.MEMBER
    db.session.flush()
    assert kept() == from_scratch() == {team.id: (1, 3)}
    memberships.leave(trekker, team)
    assert kept() == from_scratch() == {team.id: (1, 2)}


def test_the_counts_follow_bulk_sql_over_several_teams(app, ctx):
    hood = make_neighbourhood()
    teams = [make_team(hood, make_user(f"Trekker {n}", hood)) for n in range(3)]
    users = [make_user(f"Bewoner {n}", hood) for n in range(6)]
    db.session.execute(
        sa.insert(Membership),
        [
            dict(team_id=team.id, user_id=user.id, role=role, state=state)
            for team, role, state in [
                (teams[0], MemberRole.MEMBER, MembershipState.ACTIVE),
                (teams[1], MemberRole.TREKKER, MembershipState.ACTIVE),
                (teams[2], MemberRole.MEMBER, MembershipState.REQUESTED),
            ]
            for user in users[:2]
        ],
    )
    assert kept() == from_scratch()
    db.session.execute(sa.update(Membership).values(state=MembershipState.ACTIVE))
    assert kept() == from_scratch()
    db.session.execute(
        sa.update(Membership).where(Membership.role == MemberRole.TREKKER).values(role=MemberRole.MEMBER)
    )
    assert kept() == from_scratch()
    assert {trekkers for trekkers, _members in kept().values()} == {0}
    db.session.execute(sa.update(Membership).values(message="Tot zaterdag"))  # counts nothing
    assert kept() == from_scratch()
    db.session.execute(sa.delete(Membership).where(Membership.team_id != teams[1].id))
    assert kept() == from_scratch() == {teams[0].id: (0, 0), teams[1].id: (0, 3), teams[2].id: (0, 0)}
