"""Templates, public activities, neighbourhoods and funds as JSON. Vocabulary fields hold the keys
listed as enums in the OpenAPI document."""

from typing import Any

from app.agenda.services import Listed, local_zone
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


def _local_iso(moment) -> str | None:
    """ISO 8601 in the municipality's time with its offset: 2026-12-12T14:00:00+01:00."""
    return moment.astimezone(local_zone()).isoformat(timespec="seconds") if moment else None


def _team(team) -> dict[str, Any]:
    return {"id": team.id, "name": team.name, "url": external_url("teams.show", team_id=team.id)}


def activity_item(entry: Listed) -> dict[str, Any]:
    activity = entry.activity
    return {
        "id": activity.id,
        "title": activity.title,
        "kind": str(activity.kind),
        "starts_at": _local_iso(activity.starts_at),
        "ends_at": _local_iso(activity.ends_at),
        "location": activity.location,
        "team": {
            "id": entry.team.id,
            "name": entry.team.name,
            "url": external_url("teams.show", team_id=entry.team.id),
        },
        "neighbourhood": {"id": entry.neighbourhood.id, "name": entry.neighbourhood.name},
        "capacity": activity.capacity,
        "places_left": entry.places_left,
        "waitlist_count": entry.waitlist_count,
        "status": str(activity.status),
        "url": external_url("agenda.activity", activity_id=activity.id),
        "ical_url": external_url("agenda.activity_feed", activity_id=activity.id),
    }


def neighbourhood_item(neighbourhood) -> dict[str, Any]:
    return {
        "id": neighbourhood.id,
        "name": neighbourhood.name,
        "municipality": neighbourhood.municipality.name,
        "calendar_url": external_url("agenda.neighbourhood", neighbourhood_id=neighbourhood.id),
        "ical_url": external_url("agenda.neighbourhood_feed", neighbourhood_id=neighbourhood.id),
    }


def fund_item(summary) -> dict[str, Any]:
    """A fund with its balances in cents (funds.queries.Summary)."""
    fund, money = summary.fund, summary.balances
    return {
        "id": fund.id,
        "name": fund.name,
        "neighbourhood": {"id": fund.neighbourhood.id, "name": fund.neighbourhood.name},
        "period_start": fund.period_start.isoformat(),
        "period_end": fund.period_end.isoformat(),
        "total_cents": money.total,
        "support_cents": money.support,
        "reserved_cents": money.reserved,
        "paid_out_cents": money.paid_out,
        "returned_cents": money.returned,
        "available_cents": money.available,
        "html_url": external_url("funds.public_fund", fund_id=fund.id),
        "decisions_url": external_url("api.fund_decisions", fund_id=fund.id),
    }


def decision_item(decision) -> dict[str, Any]:
    """A line of the public decision list (funds.queries.PublicDecision): no person's name."""
    return {
        "request_id": decision.request_id,
        "team": {
            "id": decision.team_id,
            "name": decision.team_name,
            "url": external_url("teams.show", team_id=decision.team_id),
        },
        "activity": decision.activity_title,
        "outcome": str(decision.outcome),
        "amount_cents": decision.amount_cents,
        "motivation": decision.motivation,
        "decided_on": decision.decided_on.isoformat(),
        "departs_from_advice": decision.departs,
        "advised_amount_cents": decision.advised_cents,
    }
