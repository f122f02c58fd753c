"""Municipalities and neighbourhoods, set up by coordinators and admins."""

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import selectinload

from app.core.audit import record
from app.core.errors import RuleViolated
from app.core.policy import authorize
from app.core.text import name_key
from app.extensions import db
from app.places.models import Municipality, Neighbourhood


def municipalities() -> list[Municipality]:
    return list(
        db.session.scalars(
            sa.select(Municipality).options(selectinload(Municipality.neighbourhoods)).order_by(Municipality.name)
        )
    )


def neighbourhood_choices() -> list[tuple[int, str]]:
    rows = db.session.execute(
        sa.select(Neighbourhood.id, Neighbourhood.name, Municipality.name)
        .join(Municipality)
        .order_by(Municipality.name, Neighbourhood.name)
    )
    return [(id_, f"{name} ({municipality})") for id_, name, municipality in rows]


def _check_unique(model, obj_id, message, *conditions) -> None:
    query = sa.select(model.id).where(*conditions)
    if obj_id is not None:
        query = query.where(model.id != obj_id)
    if db.session.scalar(query) is not None:
        raise RuleViolated(message)


def save_municipality(actor, municipality: Municipality | None, name: str) -> Municipality:
    """Create or rename a municipality; names are unique."""
    authorize(actor, "places.manage")
    name = name.strip()
    municipality = municipality or Municipality()
    _check_unique(
        Municipality,
        municipality.id,
        _l("Er is al een gemeente met deze naam."),
        Municipality.name_key == name_key(name),
    )
    municipality.name = name
    db.session.add(municipality)
    record(actor, "municipality.saved", municipality, name=name)
    db.session.flush()
    return municipality


def save_neighbourhood(
    actor,
    neighbourhood: Neighbourhood | None,
    municipality_id: int,
    name: str,
    cbs_code: str | None,
    homes: int | None,
) -> Neighbourhood:
    """Create or change a neighbourhood; its name is unique in the municipality, a CBS code everywhere."""
    authorize(actor, "places.manage")
    if db.session.get(Municipality, municipality_id) is None:
        raise RuleViolated(_l("Kies een gemeente uit de lijst."))
    neighbourhood = neighbourhood or Neighbourhood()
    name, cbs_code = name.strip(), (cbs_code or "").strip().upper() or None
    _check_unique(
        Neighbourhood,
        neighbourhood.id,
        _l("Deze gemeente heeft al een buurt met deze naam."),
        Neighbourhood.municipality_id == municipality_id,
        Neighbourhood.name_key == name_key(name),
    )
    if cbs_code:
        _check_unique(
            Neighbourhood,
            neighbourhood.id,
            _l("Deze CBS-code hoort al bij een andere buurt."),
            Neighbourhood.cbs_code == cbs_code,
        )
    neighbourhood.municipality_id = municipality_id
    neighbourhood.name, neighbourhood.cbs_code, neighbourhood.homes = name, cbs_code, homes
    db.session.add(neighbourhood)
    record(actor, "neighbourhood.saved", neighbourhood, name=name, cbs_code=cbs_code, homes=homes)
    db.session.flush()
    return neighbourhood
