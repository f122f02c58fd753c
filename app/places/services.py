"""Municipalities and neighbourhoods, set up by coordinators and admins."""

import itertools
import re
from dataclasses import dataclass

import sqlalchemy as sa
from flask import abort
from sqlalchemy.orm import aliased, contains_eager, selectinload

from app.core.audit import record
from app.core.errors import RuleViolated
from app.core.i18n import lazy_gettext as _l
from app.core.pagination import MAX_ID_DIGITS, Page
from app.core.policy import authorize, can
from app.core.scope import in_scope, municipality_in_scope
from app.core.text import name_key, prefix_pattern
from app.extensions import db
from app.places.models import Municipality, Neighbourhood

# A list of 5,000 neighbourhoods is no use to anyone: it shows this many, a page at a time,
# and asks for the name beyond that. The cap keeps both the count and the deepest page's
# offset small, so no statement reads every neighbourhood.
PER_PAGE = 50
MAX_LISTED = 500


def municipalities(user) -> list[Municipality]:
    """The municipalities in `user`'s scope, with their neighbourhoods."""
    return list(
        db.session.scalars(
            sa.select(Municipality)
            .options(selectinload(Municipality.neighbourhoods))
            .where(municipality_in_scope(user, Municipality.id))
            .order_by(Municipality.name)
        )
    )


@dataclass
class NeighbourhoodList:
    """A page of neighbourhoods in the order municipality, name. `page.total` stops at
    MAX_LISTED; `more` says there are more than that."""

    page: Page
    more: bool

    @property
    def groups(self) -> list[tuple[Municipality, list[Neighbourhood]]]:
        """The page's neighbourhoods under their municipality (one heading per municipality)."""
        return [
            (municipality, list(hoods))
            for municipality, hoods in itertools.groupby(self.page.items, key=lambda hood: hood.municipality)
        ]


def neighbourhood_list(term: str, page: int, staff=None) -> NeighbourhoodList:
    """Neighbourhoods whose name starts with `term` (any case or accents), by municipality and
    name. A search reads a range of ix_neighbourhood_name_key (a prefix, as no index serves
    any part of a name); the plain list walks the municipalities' name index and their
    neighbourhoods. Neither reads more than MAX_LISTED neighbourhoods and a municipality.
    With `staff`, only the neighbourhoods of their scope (core.scope)."""

    def within(hood) -> sa.ColumnElement[bool]:
        return in_scope(staff, hood.id) if staff is not None else sa.true()

    found = sa.select(Neighbourhood).where(within(Neighbourhood))
    hood = Neighbourhood
    if key := name_key(term):
        found = found.where(Neighbourhood.name_key.like(prefix_pattern(key), escape="\\"))
        # The matches first, then their order: ordered by municipality at once, PostgreSQL
        # read every neighbourhood to find a rare name, or to join the many of a short one.
        # Beyond MAX_LISTED matches the page shows the first ones it finds, and asks for more
        # of the name.
        hood = aliased(Neighbourhood, found.limit(MAX_LISTED).subquery())
    counted = found.with_only_columns(Neighbourhood.id).limit(MAX_LISTED + 1).subquery()
    count = db.session.scalar(sa.select(sa.func.count()).select_from(counted)) or 0
    listed = Page(items=[], page=1, per_page=PER_PAGE, total=min(count, MAX_LISTED))
    listed.page = min(max(1, page), listed.pages)
    rows = (
        sa.select(hood)
        .join(hood.municipality)
        .options(contains_eager(hood.municipality))
        .where(within(hood))
        .order_by(Municipality.name_key, hood.name_key)
        .limit(PER_PAGE)
        .offset((listed.page - 1) * PER_PAGE)
    )
    listed.items = list(db.session.scalars(rows))
    return NeighbourhoodList(listed, more=count > MAX_LISTED)


def municipality_choices(user) -> list[tuple[int, str]]:
    """The municipalities `user` manages (in their scope)."""
    rows = db.session.execute(
        sa.select(Municipality.id, Municipality.name)
        .where(municipality_in_scope(user, Municipality.id))
        .order_by(Municipality.name_key)
    )
    return [(id_, name) for id_, name in rows]


def empty_municipalities(user) -> list[Municipality]:
    """Municipalities in the scope without a neighbourhood yet, which the paged list cannot show."""
    has_hood = sa.select(Neighbourhood.id).where(Neighbourhood.municipality_id == Municipality.id).exists()
    query = sa.select(Municipality).where(~has_hood, municipality_in_scope(user, Municipality.id))
    return list(db.session.scalars(query.order_by(Municipality.name_key)))


def place_or_404(user, model: type[Municipality] | type[Neighbourhood], place_id: int):
    """A municipality or neighbourhood that `user` manages; outside their scope it does not exist (404)."""
    place = db.get_or_404(model, place_id)
    if not can(user, "places.manage", place):
        abort(404)
    return place


def _labelled(hood=Neighbourhood) -> sa.Select:
    return sa.select(hood.id, hood.name, Municipality.name).join(Municipality, Municipality.id == hood.municipality_id)


def _labels(rows) -> list[tuple[int, str]]:
    return [(id_, f"{name} ({municipality})") for id_, name, municipality in rows]


def neighbourhood_choices(*where) -> list[tuple[int, str]]:
    """Every neighbourhood (of a coordinator's scope: core.scope.in_scope) as (id, 'Name
    (Municipality)'), by municipality and name."""
    query = _labelled().where(*where).order_by(Municipality.name_key, Neighbourhood.name_key)
    return _labels(db.session.execute(query))


def few_neighbourhood_choices(limit: int, *where) -> list[tuple[int, str]] | None:
    """The choices while there are at most `limit` neighbourhoods (`where` them); None when
    there are more."""
    # Any `limit` + 1 of them, then those in order: a site with thousands of neighbourhoods
    # does not sort them all to find out that there are too many.
    some = (
        _labelled()
        .add_columns(Municipality.name_key.label("municipality_key"), Neighbourhood.name_key.label("key"))
        .where(*where)
        .limit(limit + 1)
        .subquery()
    )
    labelled = list(some.c)[:3]  # `_labelled`'s columns
    query = sa.select(*labelled).order_by(some.c.municipality_key, some.c.key)
    choices = _labels(db.session.execute(query))
    return choices if len(choices) <= limit else None


def neighbourhood_label(hood_id: int) -> str:
    labels = _labels(db.session.execute(_labelled().where(Neighbourhood.id == hood_id)))
    return labels[0][1] if labels else ""


@dataclass
class Lookup:
    """What a typed neighbourhood name found: one neighbourhood, or labels to suggest."""

    hood_id: int | None
    suggestions: list[str]


SUGGESTIONS = 5
# Suggestions come from the first names found that start with what was typed (as in the
# list), so that a single letter does not sort every neighbourhood it begins.
SUGGEST_FROM = MAX_LISTED
LABELLED = re.compile(r"^(?P<name>[^()]*?)\s*\((?P<municipality>[^()]*)\)$")


def find_neighbourhood(text: str, *where) -> Lookup:
    """The neighbourhood with this id, or typed as 'Name' or 'Name (Municipality)' in any case
    or accents: the only one with that name, else the only one whose name starts with it.
    Otherwise no neighbourhood, and up to SUGGESTIONS labels of those that could be meant.
    `where` limits the neighbourhoods (to a coordinator's scope)."""
    text = text.strip()
    if text.isascii() and text.isdigit() and len(text) <= MAX_ID_DIGITS:
        # A link carries the id (?buurt=12), as a list would send it.
        by_id = db.session.scalar(sa.select(Neighbourhood.id).where(Neighbourhood.id == int(text), *where))
        if by_id is not None:
            return Lookup(by_id, [])
    typed = LABELLED.match(text)
    key = name_key(typed["name"] if typed else text)
    if not key:
        return Lookup(None, [])
    where = list(where)
    if typed:
        municipality = sa.select(Municipality.id).where(Municipality.name_key == name_key(typed["municipality"]))
        where.append(Neighbourhood.municipality_id == municipality.scalar_subquery())
    exact = _labelled().where(Neighbourhood.name_key == key, *where).order_by(Municipality.name_key)
    found = _labels(db.session.execute(exact.limit(SUGGESTIONS)))
    if not found:
        named = Neighbourhood.name_key.like(prefix_pattern(key), escape="\\")
        starting = sa.select(Neighbourhood).where(named, *where).limit(SUGGEST_FROM).subquery()
        hood = aliased(Neighbourhood, starting)
        query = _labelled(hood).order_by(hood.name_key, Municipality.name_key).limit(SUGGESTIONS)
        found = _labels(db.session.execute(query))
    if len(found) == 1:
        return Lookup(found[0][0], [])
    return Lookup(None, [label for _id, label in found])


def _check_unique(model, obj_id, message, *conditions) -> None:
    query = sa.select(model.id).where(*conditions)
    if obj_id is not None:
        query = query.where(model.id != obj_id)
    if db.session.scalar(query) is not None:
        raise RuleViolated(message)


def save_municipality(actor, municipality: Municipality | None, name: str) -> Municipality:
    """Create (an admin) or rename (staff of it) a municipality; names are unique."""
    authorize(actor, "places.manage" if municipality else "places.add_municipality", municipality)
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
    postcodes: list[str] = (),
) -> Neighbourhood:
    """Create or change a neighbourhood of a municipality in the actor's scope; its name is
    unique in the municipality, a CBS code everywhere."""
    authorize(actor, "places.manage", neighbourhood)
    municipality = db.session.get(Municipality, municipality_id)
    if municipality is None or not can(actor, "places.manage", municipality):
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
    neighbourhood.postcodes = sorted(set(postcodes))
    db.session.add(neighbourhood)
    record(actor, "neighbourhood.saved", neighbourhood, name=name, cbs_code=cbs_code, homes=homes, postcodes=postcodes)
    db.session.flush()
    return neighbourhood


def add_neighbourhoods(actor, municipality_id: int, rows: list[tuple[str, str | None, int | None, list[str]]]) -> int:
    """Add a pasted list of neighbourhoods (name, CBS code, homes, postcodes), each under the
    rules of one; a broken rule names the neighbourhood, and then none is added."""
    for name, cbs_code, homes, postcodes in rows:
        try:
            save_neighbourhood(actor, None, municipality_id, name, cbs_code, homes, postcodes)
        except RuleViolated as error:
            raise RuleViolated(_l("%(name)s: %(problem)s", name=name, problem=error.message)) from error
    return len(rows)
