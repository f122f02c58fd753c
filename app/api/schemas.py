"""Templates as JSON. Vocabulary fields hold the keys listed as enums in the OpenAPI document."""

from typing import Any

from app.core.urls import external_url

SUMMARY_FIELDS = ("slug", "name", "summary", "recognition", "form", "problems", "target_groups")
SUMMARY_FIELDS += ("locations", "solution_directions", "themes")
DETAIL_FIELDS = SUMMARY_FIELDS + ("goal", "description", "steps", "working_elements", "executors")
DETAIL_FIELDS += ("group_size", "duration", "evaluation", "links", "sources")


def _target_groups(template) -> list[dict[str, Any]]:
    return [
        {key: group.get(key) for key in ("group", "label", "min_age", "max_age")} for group in template.target_groups
    ]


def _fields(template, names) -> dict[str, Any]:
    data = {name: getattr(template, name) for name in names}
    data["target_groups"] = _target_groups(template)
    return data


def template_summary(template) -> dict[str, Any]:
    return _fields(template, SUMMARY_FIELDS) | {
        "url": external_url("api.template", slug=template.slug),
        "html_url": external_url("templates_library.show", slug=template.slug),
    }


def template_detail(template, figures) -> dict[str, Any]:
    return _fields(template, DETAIL_FIELDS) | {
        "status": str(template.status),
        "steps": [{"title": step["title"], "description": step.get("description") or ""} for step in template.steps],
        "sources": [
            {key: source.get(key) for key in ("document", "title", "publisher", "year", "url")}
            for source in template.sources
        ],
        "practice": {
            "teams": figures.teams,
            "activities_done": figures.activities_done,
            "participants": figures.participants,
        },
        "html_url": external_url("templates_library.show", slug=template.slug),
    }
