"""The content of a template as plain values (the seed schema without the slug), and
writing it onto a template together with everything derived from it."""

import re
from typing import Any

import sqlalchemy as sa
from flask_babel import force_locale

from app.core.text import fold
from app.core.vocab import THEMES
from app.extensions import db
from app.templates_library import fulltext
from app.templates_library.models import FacetKind, Template, TemplateFacet
from app.templates_library.vocab import (
    FORMS,
    GROUPS,
    LOCATIONS,
    PROBLEM_WORDS,
    PROBLEMS,
    RECOGNITION,
    SOLUTION_DIRECTIONS,
)

TEXT_FIELDS = ("name", "summary", "goal", "description", "executors", "group_size", "duration", "evaluation")
LIST_FIELDS = ("problems", "target_groups", "locations", "steps", "working_elements")
LIST_FIELDS += ("solution_directions", "themes", "links", "sources")
CONTENT_FIELDS = TEXT_FIELDS + LIST_FIELDS + ("recognition", "form")
REQUIRED = ("name", "summary", "goal", "description", "recognition", "form")
MAX_LENGTH = {"name": 150, "summary": 300, "group_size": 200, "duration": 200}
VOCABULARIES = {
    "problems": PROBLEMS,
    "locations": LOCATIONS,
    "solution_directions": SOLUTION_DIRECTIONS,
    "themes": THEMES,
}
FACETS = {
    "problems": FacetKind.PROBLEM,
    "locations": FacetKind.LOCATION,
    "solution_directions": FacetKind.DIRECTION,
    "themes": FacetKind.THEME,
}
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def normalise(data: dict[str, Any]) -> dict[str, Any]:
    """Missing or empty (null) values become "" or []; text is stripped."""
    content = {name: (data.get(name) or "").strip() for name in TEXT_FIELDS + ("recognition", "form")}
    content.update({name: list(data.get(name) or []) for name in LIST_FIELDS})
    return content


def problems_in(content: dict[str, Any]) -> list[str]:
    """What is wrong with the content, in English for the seed maintainer; empty when fine."""
    errors = [f"{name} is required" for name in REQUIRED if not content[name]]
    errors += [f"{name} is longer than {n}" for name, n in MAX_LENGTH.items() if len(content[name]) > n]
    for name, vocabulary in VOCABULARIES.items():
        errors += [f"{name}: unknown key {key!r}" for key in content[name] if key not in vocabulary]
    for name, vocabulary in (("recognition", RECOGNITION), ("form", FORMS)):
        if content[name] and content[name] not in vocabulary:
            errors.append(f"{name}: unknown key {content[name]!r}")
    for group in content["target_groups"]:
        if not isinstance(group, dict) or group.get("group") not in GROUPS:
            errors.append(f"target_groups: unknown group in {group!r}")
        elif not all(isinstance(group.get(a), int | None) for a in ("min_age", "max_age")):
            errors.append(f"target_groups: ages must be whole numbers in {group!r}")
    if not all(isinstance(step, dict) and step.get("title") for step in content["steps"]):
        errors.append("steps: every step needs a title")
    if not all(isinstance(link, str) and link.startswith(("https://", "http://")) for link in content["links"]):
        errors.append("links: every link is a web address")
    if not all(isinstance(source, dict) and source.get("title") for source in content["sources"]):
        errors.append("sources: every source needs a title")
    return errors


def _age_bound(groups: list[dict[str, Any]], name: str, pick) -> int | None:
    ages = [group.get(name) for group in groups]
    return pick(ages) if ages and None not in ages else None


def _folded(*parts) -> str:
    return fold(" ".join(str(part) for part in parts if part))


def apply_content(template: Template, content: dict[str, Any]) -> None:
    """Write the content and re-derive facets, search text and age range."""
    state = sa.inspect(template)
    if state.persistent and "facets" in state.unloaded:
        # Loaded here, for the one page that edits: the pages that show a template skip them.
        db.session.refresh(template, ["facets"])
    for name in CONTENT_FIELDS:
        setattr(template, name, content[name])
    wanted = [(kind, key) for name, kind in FACETS.items() for key in dict.fromkeys(content[name])]
    wanted += [(FacetKind.GROUP, key) for key in template.group_keys]
    existing = {(facet.kind, facet.key): facet for facet in template.facets}
    template.facets = [existing.get(pair) or TemplateFacet(kind=pair[0], key=pair[1]) for pair in wanted]
    template.min_age = _age_bound(template.target_groups, "min_age", min)
    template.max_age = _age_bound(template.target_groups, "max_age", max)
    derive_search_text(template)


def derive_search_text(template: Template) -> None:
    """Re-derive the full-text documents from the template's content."""
    # Labels in Dutch whatever the language of the person saving: search is in Dutch.
    with force_locale("nl"):
        problem_words = [(PROBLEMS[key], PROBLEM_WORDS[key]) for key in template.problems]
        problems = _folded(*(w for pair in problem_words for w in pair))
        labels = [GROUPS[key] for key in template.group_keys]
        labels += [vocabulary[key] for name, vocabulary in VOCABULARIES.items() for key in getattr(template, name)]
        labels += [RECOGNITION[template.recognition], FORMS[template.form]]
        rest = _folded(
            template.goal,
            template.description,
            template.executors,
            template.evaluation,
            *template.working_elements,
            *(group.get("label") for group in template.target_groups),
            *(f"{step['title']} {step.get('description') or ''}" for step in template.steps),
            *labels,
        )
    for column, document in fulltext.documents(template.name, template.summary, problems, rest).items():
        setattr(template, column, document)
