"""Demo for the coordinator's dashboard: two teams in a neighbourhood of their own
(Nieuwland, without a fund; the browser stories keep the other neighbourhoods as they
expect them) that need attention, so the dashboard shows more than the demo's waiting
question: a new team that nobody has visited yet, and one that has planned nothing for
months. Idempotent: what exists is left alone."""

from datetime import timedelta

import sqlalchemy as sa

from app.accounts.models import User
from app.core.models import utcnow
from app.extensions import db
from app.places.models import Neighbourhood
from app.teams import services as teams
from app.teams.models import MemberRole, Membership, MembershipState, Team, TeamKind, TeamStatus

NEIGHBOURHOOD = ("Nieuwland", "BU03070903", 2600, ["3824"])
# (name, trekker and members by e-mail, status, days since made, days since active)
TEAMS = [
    ("Moestuin Nieuwland", ["anouk@example.org", "sem@example.org", "fenna@example.org"], TeamStatus.STARTING, 20, 20),
    (
        "Speeltuin Nieuwland",
        ["marleen@example.org", "ahmed@example.org", "kees@example.org"],
        TeamStatus.ACTIVE,
        300,
        140,
    ),
]


def _neighbourhood(municipality_id: int) -> Neighbourhood:
    name, code, homes, postcodes = NEIGHBOURHOOD
    hood = db.session.scalar(sa.select(Neighbourhood).where(Neighbourhood.cbs_code == code))
    if hood is None:
        hood = Neighbourhood(
            municipality_id=municipality_id, name=name, cbs_code=code, homes=homes, postcodes=postcodes
        )
        db.session.add(hood)
        db.session.flush()
    return hood


def build(municipality_id: int) -> None:
    hood = _neighbourhood(municipality_id)
    for name, emails, status, made, active in TEAMS:
        if db.session.scalar(sa.select(Team.id).where(Team.name == name)) is not None:
            continue
        trekker, *members = (db.session.scalar(sa.select(User).where(User.email == email)) for email in emails)
        team = teams.create_team(
            trekker,
            hood.id,
            name,
            TeamKind.BEWONERSGROEP,
            "Rond het speelveld",
            ["groen", "ontmoeting"],
            "Een plek waar kinderen en ouders elkaar ontmoeten.",
            "",
        )
        db.session.add_all(
            Membership(team_id=team.id, user_id=member.id, role=MemberRole.MEMBER, state=MembershipState.ACTIVE)
            for member in members
        )
        # Back-dated, as if made and last active that long ago.
        team.status = status
        team.created_at = utcnow() - timedelta(days=made)
        team.last_activity_at = utcnow() - timedelta(days=active)
    db.session.flush()
