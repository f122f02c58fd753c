"""Outreach areas and visit rounds, kept by coordinators. Services check the rule, write the
audit entry and flush; the request commits. `activation_rates` (from rates.py) is what other
features (reports) read."""

from datetime import date

import sqlalchemy as sa
from flask import abort
from sqlalchemy.orm import joinedload

from app.core.audit import record
from app.core.errors import RuleViolated
from app.core.i18n import lazy_gettext as _l
from app.core.pagination import Page, paginate
from app.core.policy import authorize, can
from app.core.text import name_key
from app.core.timezone import local_today
from app.extensions import db
from app.outreach.models import FIGURES, AreaKind, OutreachArea, OutreachRecord
from app.outreach.rates import GOOD_BAND, NeighbourhoodActivation, activation_rates
from app.places.models import Neighbourhood
from app.places.services import place_or_404

__all__ = ["GOOD_BAND", "NeighbourhoodActivation", "activation_rates"]  # the contract for other features
EARLIEST = date(2000, 1, 1)
RECORDS_PER_PAGE = 20


def neighbourhood_or_404(user, neighbourhood_id: int) -> Neighbourhood:
    """The neighbourhood, when it lies in `user`'s scope (else 404)."""
    return place_or_404(user, Neighbourhood, neighbourhood_id)


def area_or_404(user, area_id: int) -> OutreachArea:
    area = db.session.scalar(
        sa.select(OutreachArea).options(joinedload(OutreachArea.neighbourhood)).where(OutreachArea.id == area_id)
    )
    if area is None or not can(user, "outreach.manage", area):
        abort(404)
    return area


def area_in(neighbourhood: Neighbourhood, area_id: int | None) -> OutreachArea | None:
    """The area by id, only when it lies in this neighbourhood."""
    return db.session.scalar(
        sa.select(OutreachArea).where(OutreachArea.id == area_id, OutreachArea.neighbourhood_id == neighbourhood.id)
    )


def record_or_404(user, record_id: int) -> OutreachRecord:
    found = db.session.scalar(
        sa.select(OutreachRecord).options(joinedload(OutreachRecord.area)).where(OutreachRecord.id == record_id)
    )
    if found is None or not can(user, "outreach.manage", found.area):
        abort(404)
    return found


def areas_of(neighbourhood: Neighbourhood) -> list[OutreachArea]:
    return list(
        db.session.scalars(
            sa.select(OutreachArea)
            .where(OutreachArea.neighbourhood_id == neighbourhood.id)
            .order_by(OutreachArea.name_key)
        )
    )


def records_page(neighbourhood: Neighbourhood, page: int) -> Page:
    """The neighbourhood's rounds, newest first, with their area and who recorded them."""
    query = (
        sa.select(OutreachRecord)
        .join(OutreachArea, OutreachArea.id == OutreachRecord.area_id)
        .options(joinedload(OutreachRecord.area), joinedload(OutreachRecord.recorded_by))
        .where(OutreachArea.neighbourhood_id == neighbourhood.id)
        .order_by(OutreachRecord.visited_on.desc(), OutreachRecord.id.desc())
    )
    return paginate(query, page, RECORDS_PER_PAGE)


def _check_name(neighbourhood_id: int, name: str, area_id: int | None) -> None:
    query = sa.select(OutreachArea.id).where(
        OutreachArea.neighbourhood_id == neighbourhood_id, OutreachArea.name_key == name_key(name)
    )
    if area_id is not None:
        query = query.where(OutreachArea.id != area_id)
    if db.session.scalar(query) is not None:
        raise RuleViolated(_l("Deze buurt heeft al een gebied met deze naam."))


def add_area(actor, neighbourhood: Neighbourhood, name: str, kind: AreaKind, homes: int | None) -> OutreachArea:
    """A new street, flat or other area in the neighbourhood; its name is unique there."""
    authorize(actor, "outreach.manage", neighbourhood)
    name = name.strip()
    _check_name(neighbourhood.id, name, None)
    area = OutreachArea(neighbourhood_id=neighbourhood.id, name=name, kind=kind, homes=homes)
    db.session.add(area)
    db.session.flush()
    record(actor, "outreach_area.created", area, name=name, kind=kind, homes=homes)
    return area


def update_area(actor, area: OutreachArea, name: str, kind: AreaKind, homes: int | None) -> None:
    """A new name, kind or number of homes (the rates follow the new number)."""
    authorize(actor, "outreach.manage", area)
    name = name.strip()
    _check_name(area.neighbourhood_id, name, area.id)
    area.name, area.kind, area.homes = name, kind, homes
    db.session.flush()
    record(actor, "outreach_area.updated", area, name=name, kind=kind, homes=homes)


def _check_figures(visited_on: date, figures: dict[str, int]) -> None:
    if not EARLIEST <= visited_on <= local_today():
        raise RuleViolated(_l("De datum ligt in de toekomst of is te oud. Vul de dag van de ronde in."))
    if not any(figures.values()):
        raise RuleViolated(_l("Alle aantallen zijn 0. Vul minstens één aantal in."))
    if figures["conversations"] > figures["doors_visited"]:
        raise RuleViolated(
            _l("Er zijn meer gesprekken aan de deur dan deuren. Vul hoogstens evenveel gesprekken als deuren in.")
        )
    if figures["attendance"] and not figures["meetings"]:
        raise RuleViolated(_l("Er zijn bezoekers maar geen bijeenkomsten. Vul ook het aantal bijeenkomsten in."))


def record_round(actor, area: OutreachArea, visited_on: date, figures: dict[str, int]) -> OutreachRecord:
    """What one visit round in the area brought. Rounds only add up: willing residents are
    the new ones of this round."""
    authorize(actor, "outreach.manage", area)
    figures = {name: figures[name] for name in FIGURES}
    _check_figures(visited_on, figures)
    entry = OutreachRecord(area_id=area.id, visited_on=visited_on, recorded_by_id=actor.id, **figures)
    db.session.add(entry)
    db.session.flush()
    record(actor, "outreach_record.created", entry, area_id=area.id, visited_on=visited_on, **figures)
    return entry


def delete_record(actor, entry: OutreachRecord) -> None:
    """Remove a round entered by mistake; the audit log keeps its figures."""
    authorize(actor, "outreach.manage", db.session.get(OutreachArea, entry.area_id))
    figures = {name: getattr(entry, name) for name in FIGURES}
    record(actor, "outreach_record.deleted", entry, area_id=entry.area_id, visited_on=entry.visited_on, **figures)
    db.session.delete(entry)
    db.session.flush()
