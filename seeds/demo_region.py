"""The demo's second municipality (`flask seed demo`): Leusden, with a neighbourhood, its own
coordinator, two teams and a fund with its regie-group. The first coordinator works in
Amersfoort only (seeds/demo.py) and never sees it; the admin sees both. Idempotent, like the rest."""

from collections.abc import Callable

import sqlalchemy as sa

from app.accounts import scope
from app.accounts.models import User
from app.extensions import db
from app.places.models import Municipality, Neighbourhood
from app.teams import services as teams
from app.teams.models import Team, TeamKind
from seeds import demo_funds

MUNICIPALITY = "Leusden"
NEIGHBOURHOOD = ("Leusden-Zuid", "BU03270203", 1900, ["3833"])
COORDINATOR = ("Ingrid van Leeuwen", "coordinator2@example.org")
TREKKER = ("Wim Verhoef", "wim@example.org")
# (name, e-mail, team index or None); the regie-group of the fund is in demo_funds.REGIE.
RESIDENTS = [
    ("Yasmina Ouali", "yasmina@example.org", 0),
    ("Thijs Brouwer", "thijs@example.org", 0),
    ("Noor Smit", "noor@example.org", 1),
    ("Bram Willems", "bram@example.org", 1),
    ("Els Hoekstra", "els@example.org", None),
    ("Rob Mulder", "rob@example.org", None),
]
TEAMS = [
    ("Buurtkamer Leusden-Zuid", TeamKind.BUURTTEAM, "Buurtkamer aan de Hamersveldseweg", ["ontmoeting"]),
    ("Speelveld Rozenhof", TeamKind.BEWONERSGROEP, "Speelveld achter de Rozenhof", ["groen", "ontmoeting"]),
]


def _place(municipality: Municipality) -> Neighbourhood:
    name, code, homes, postcodes = NEIGHBOURHOOD
    hood = db.session.scalar(sa.select(Neighbourhood).where(Neighbourhood.cbs_code == code))
    if hood is None:
        hood = Neighbourhood(municipality=municipality, name=name, cbs_code=code, homes=homes, postcodes=postcodes)
        db.session.add(hood)
        db.session.flush()
    return hood


def _municipality(name: str) -> Municipality:
    municipality = db.session.scalar(sa.select(Municipality).where(Municipality.name == name))
    if municipality is None:
        municipality = Municipality(name=name)
        db.session.add(municipality)
        db.session.flush()
    return municipality


def build(
    admin: User,
    account: Callable[[str, str, Neighbourhood], User],
    join: Callable[[User, Team, User, str], None],
) -> list[tuple[str, str]]:
    """Leusden with its coordinator. Returns the new demo login as (role, e-mail)."""
    hood = _place(_municipality(MUNICIPALITY))
    second = account(*COORDINATOR, hood)
    second.is_coordinator = True
    scope.set_scope(admin, second, [hood.municipality_id])
    trekker = account(*TREKKER, hood)
    made = []
    for name, kind, area, themes in TEAMS:
        team = db.session.scalar(sa.select(Team).where(Team.name == name))
        if team is None:
            question = "Een plek in de buurt waar buren elkaar zien."
            team = teams.create_team(trekker, hood.id, name, kind, area, themes, question, "")
        made.append(team)
    for name, email, team_index in RESIDENTS:
        resident = account(name, email, hood)
        if team_index is not None:
            join(trekker, made[team_index], resident, "Ik doe graag mee.")
    demo_funds.build(second, trekker, [hood], [])
    return [("coordinator2", COORDINATOR[1])]
