"""Finding templates: filters, Dutch word search on the database's full-text engine
(fulltext.py), and the chooser's ranking by fit on facet rows."""

from dataclasses import dataclass, field

import sqlalchemy as sa

from app.templates_library import fulltext
from app.templates_library.models import FacetKind, Template, TemplateFacet, TemplateStatus
from app.templates_library.vocab import GROUP_WORDS, PROBLEM_WORDS

# Small words that say nothing about the method ("ruzie met de buren" -> ruzie, buren).
STOPWORDS = frozenset(
    "aan al als bij dan dat de deze die dit door een en er geen hebben heeft het hoe hun ik in is je jij "
    "kan kunnen maar me meer met mijn na naar niet nog of om onze ons op over te tegen toe tot u uit van "
    "veel voor want was wat we wel wie wij ze zij zijn zo".split()
)
MAX_TERMS = 8
# The chooser: a matching problem says most about fit, a location least.
FIT_WEIGHTS = {FacetKind.PROBLEM: 3, FacetKind.GROUP: 2, FacetKind.DIRECTION: 2, FacetKind.LOCATION: 1}


@dataclass(frozen=True)
class Filters:
    q: str = ""
    problem: str = ""
    direction: str = ""
    group: str = ""
    age: int | None = None
    location: str = ""
    theme: str = ""
    recognition: str = ""


@dataclass(frozen=True)
class Criteria:
    """The chooser's answers; every answer is optional."""

    problems: list[str] = field(default_factory=list)
    group: str = ""
    location: str = ""
    direction: str = ""

    def by_kind(self) -> dict[FacetKind, list[str]]:
        wanted = {
            FacetKind.PROBLEM: self.problems,
            FacetKind.GROUP: [self.group],
            FacetKind.LOCATION: [self.location],
            FacetKind.DIRECTION: [self.direction],
        }
        return {kind: [key for key in keys if key] for kind, keys in wanted.items() if any(keys)}


def search_terms(q: str) -> list[fulltext.Term]:
    """The query's words without small words, each with its stems and its synonyms'."""
    words = fulltext.words(q)
    kept = [word for word in words if word not in STOPWORDS and len(word) > 1] or words
    return [fulltext.term(word) for word in list(dict.fromkeys(kept))[:MAX_TERMS]]


def _facet_stems(words: dict[str, str], kind: FacetKind) -> dict[str, set[tuple[FacetKind, str]]]:
    named: dict[str, set[tuple[FacetKind, str]]] = {}
    for key, text in words.items():
        for stem in fulltext.stems(text):
            named.setdefault(stem, set()).add((kind, key))
    return named


# The facets a resident's own word names: "eenzame" the problem loneliness, "ouderen" the group.
_NAMED = _facet_stems(PROBLEM_WORDS, FacetKind.PROBLEM)
for _stem, _facets in _facet_stems(GROUP_WORDS, FacetKind.GROUP).items():
    _NAMED[_stem] = _NAMED.get(_stem, set()) | _facets


def named_facets(terms: list[fulltext.Term]) -> set[tuple[FacetKind, str]]:
    return set().union(*(_NAMED.get(stem, set()) for t in terms for stem in t.own))


def _fit(facets: set[tuple[FacetKind, str]]):
    """How many of `facets` a template has, per template (for the ranking)."""
    return (
        sa.select(sa.func.count())
        .where(TemplateFacet.template_id == Template.id, sa.tuple_(TemplateFacet.kind, TemplateFacet.key).in_(facets))
        .correlate(Template)
        .scalar_subquery()
    )


def _has_facet(kind: FacetKind, key: str):
    return (
        sa.exists()
        .where(TemplateFacet.template_id == Template.id, TemplateFacet.kind == kind, TemplateFacet.key == key)
        .correlate(Template)
    )


def library_query(filters: Filters) -> sa.Select:
    """Published templates matching every filter; with search words, those with any of the
    words (or a synonym), best match first."""
    query = sa.select(Template).where(Template.status == TemplateStatus.PUBLISHED)
    for kind, key in (
        (FacetKind.PROBLEM, filters.problem),
        (FacetKind.DIRECTION, filters.direction),
        (FacetKind.GROUP, filters.group),
        (FacetKind.LOCATION, filters.location),
        (FacetKind.THEME, filters.theme),
    ):
        if key:
            query = query.where(_has_facet(kind, key))
    if filters.age is not None:
        query = query.where(
            sa.or_(Template.min_age.is_(None), Template.min_age <= filters.age),
            sa.or_(Template.max_age.is_(None), Template.max_age >= filters.age),
        )
    if filters.recognition:
        query = query.where(Template.recognition == filters.recognition)
    terms = search_terms(filters.q)
    if not terms:
        return query.order_by(Template.name, Template.id)
    facets = named_facets(terms)
    return fulltext.ranked(query, terms, (Template.name, Template.id), _fit(facets) if facets else None)


def chooser_query(criteria: Criteria, limit: int) -> sa.Select:
    """Published templates sharing at least one answer, ranked by the weighted fit."""
    wanted = criteria.by_kind()
    weight = sa.case(*((TemplateFacet.kind == kind, w) for kind, w in FIT_WEIGHTS.items()), else_=0)
    fit = (
        sa.select(TemplateFacet.template_id, sa.func.sum(weight).label("score"))
        .where(
            sa.or_(*(sa.and_(TemplateFacet.kind == kind, TemplateFacet.key.in_(keys)) for kind, keys in wanted.items()))
        )
        .group_by(TemplateFacet.template_id)
        .subquery()
    )
    return (
        sa.select(Template)
        .join(fit, fit.c.template_id == Template.id)
        .where(Template.status == TemplateStatus.PUBLISHED)
        .order_by(fit.c.score.desc(), Template.name, Template.id)
        .limit(limit)
    )
