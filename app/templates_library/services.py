"""The template library (workflow 2). Services flush; the request or CLI commits."""

from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.orm import load_only, selectinload

from app.activities import services as activities
from app.core.audit import record
from app.core.errors import RuleViolated
from app.core.i18n import lazy_gettext as _l
from app.core.locks import locked
from app.core.pagination import Page, paginate
from app.core.policy import authorize
from app.core.text import fold
from app.extensions import db
from app.teams.models import Team
from app.templates_library.content import apply_content
from app.templates_library.models import Template, TemplateStatus
from app.templates_library.search import Criteria, Filters, chooser_query, library_query
from app.templates_library.vocab import GROUPS, LOCATIONS, PROBLEMS, SOLUTION_DIRECTIONS

CHOOSER_RESULTS = 10
# Paths under /aanpakken/ that are pages, not templates.
RESERVED_SLUGS = frozenset({"nieuw", "kiezen"})

# --- reading -------------------------------------------------------------------------


# What a card in the library shows (templates/templates_library/_macros.html): a page of
# cards loads these, not the long texts and lists of the template page.
CARD = (Template.slug, Template.name, Template.summary, Template.recognition, Template.solution_directions)


def library(filters: Filters, page: int, per_page: int | None = None, only: tuple | None = None) -> Page:
    """One page of the library: two statements (count and slice) whatever its size; with
    `only`, the templates carry just those columns (reading another one raises)."""
    query = library_query(filters)
    if only:
        query = query.options(load_only(*only, raiseload=True))
    return paginate(query, page, per_page or current_app.config["PAGE_SIZE"])


@dataclass(frozen=True)
class Fit:
    template: Template
    reasons: list[str]


def choose(criteria: Criteria) -> list[Fit]:
    """The templates that fit the answers best, each with the answers it matches."""
    if not criteria.by_kind():
        return []
    fits = []
    for template in db.session.scalars(chooser_query(criteria, CHOOSER_RESULTS)):
        reasons = [PROBLEMS[key] for key in template.problems if key in criteria.problems]
        reasons += [GROUPS[key] for key in template.group_keys if key == criteria.group]
        reasons += [LOCATIONS[key] for key in template.locations if key == criteria.location]
        reasons += [SOLUTION_DIRECTIONS[key] for key in template.solution_directions if key == criteria.direction]
        fits.append(Fit(template, reasons))
    return fits


def template_by_slug(slug: str) -> Template | None:
    """A template, published or retired (adopted plans still link to it)."""
    return db.session.scalar(sa.select(Template).where(Template.slug == slug))


def practice_figures(template: Template) -> activities.PracticeFigures:
    return activities.practice_figures(template.id)


# --- changing ------------------------------------------------------------------------


def _new_slug(name: str) -> str:
    base = "-".join(fold(name).replace("'", "").split())
    base = "".join(c if c.isalnum() or c == "-" else "-" for c in base)
    base = "-".join(part for part in base.split("-") if part)[:80] or "aanpak"
    taken = set(db.session.scalars(sa.select(Template.slug).where(Template.slug.startswith(base, autoescape=True))))
    taken |= RESERVED_SLUGS
    slug, n = base, 1
    while slug in taken:
        n += 1
        slug = f"{base}-{n}"
    return slug


def create_template(actor, content: dict[str, Any]) -> Template:
    """Staff add a template in the interface. It counts as a local edit, so a seed with
    the same slug later never overwrites it."""
    authorize(actor, "template.manage")
    template = Template(slug=_new_slug(content["name"]), status=TemplateStatus.PUBLISHED, locally_edited=True)
    apply_content(template, content)
    db.session.add(template)
    db.session.flush()
    record(actor, "template.created", template, slug=template.slug)
    return template


def update_template(actor, template: Template, content: dict[str, Any]) -> None:
    """Staff edit a template's texts; the edit is kept when the seed changes later
    (`flask seed templates` reports it as a conflict). Under the template's row lock, read
    again with its facets: of two edits at the same moment, the second replaces the first's
    facets instead of adding to them."""
    authorize(actor, "template.manage")
    locked(template, selectinload(Template.facets))
    apply_content(template, content)
    template.locally_edited = True
    record(actor, "template.updated", template, slug=template.slug)
    db.session.flush()


def adopt(actor, template: Template, team: Team) -> activities.Activity:
    """A member or trekker adopts a template for their team: a plan (status idea) with the
    template's goal and its steps as checklist, linked to the template."""
    authorize(actor, "template.adopt", template)
    # Kept until the commit, and read again: a seed run removing it at this moment either
    # waits for this plan (and then retires the template) or removed it first (Gone).
    locked(template, keep=True)
    if template.status != TemplateStatus.PUBLISHED:
        raise RuleViolated(_l("Deze aanpak wordt niet meer aangeboden."))
    return activities.create_plan(actor, team, template.name, template.goal, template.steps, template.id)
