"""Templates, public activities, neighbourhoods and funds as JSON, and the template list's
query parameters read from it. Vocabulary fields hold the keys listed as enums in the OpenAPI
document."""

from typing import Any

from flask_babel import gettext as _

from app.agenda.services import Listed, local_zone
from app.core.forms import LINE_BREAKS
from app.core.urls import external_url
from app.core.vocab import THEMES
from app.templates_library.services import Filters
from app.templates_library.vocab import GROUPS, LOCATIONS, MAX_AGE, PROBLEMS, RECOGNITION, SOLUTION_DIRECTIONS

SUMMARY_FIELDS = ("slug", "name", "summary", "recognition", "form", "problems", "target_groups")
SUMMARY_FIELDS += ("locations", "solution_directions", "themes")
DETAIL_FIELDS = SUMMARY_FIELDS + ("goal", "description", "steps", "working_elements", "executors")
DETAIL_FIELDS += ("group_size", "duration", "evaluation", "links", "sources")
MAX_SEARCH = 200
# Each key filter of the template list: its parameter, the attribute of Filters, the vocabulary.
TEMPLATE_CHOICES = (
    ("probleem", "problem", PROBLEMS),
    ("richting", "direction", SOLUTION_DIRECTIONS),
    ("doelgroep", "group", GROUPS),
    ("plek", "location", LOCATIONS),
    ("thema", "theme", THEMES),
    ("erkenning", "recognition", RECOGNITION),
)
# The order in which invalid-params names them: the library page's.
TEMPLATE_PARAMETERS = ("q", "probleem", "richting", "doelgroep", "leeftijd", "plek", "thema", "erkenning")


def template_filters(args, errors: dict[str, list[str]]) -> Filters:
    """The template list's filters, the same parameters as the library's page. A wrong one is
    named in `errors` with its reasons; so is an empty one, which the document says to leave
    out. Hidden characters never get here: core.security blanks them in every query."""
    q = args.get("q", "")
    reasons = {"q": [_("Gebruik hoogstens %(max)d tekens.", max=MAX_SEARCH)] if len(q) > MAX_SEARCH else []}
    if not LINE_BREAKS.isdisjoint(q):
        reasons["q"].append(_("Deze tekst moet op één regel. Haal de regeleinden weg."))
    chosen = {}
    for name, attribute, vocabulary in TEMPLATE_CHOICES:
        chosen[attribute] = args.get(name, "")
        reasons[name] = [_("Ongeldige keuze.")] if chosen[attribute] not in {"", *vocabulary} else []
    age, reasons["leeftijd"] = _age(args.get("leeftijd", ""))
    for name in TEMPLATE_PARAMETERS:
        if name != "q" and args.get(name) == "":
            reasons[name] = [_("Laat deze parameter weg als u niet wilt filteren.")]
        if reasons[name]:
            errors[name] = reasons[name]
    return Filters(q=q, age=age, **chosen)


def _age(value: str) -> tuple[int | None, list[str]]:
    """An age from 0 to MAX_AGE as Python's int() reads it (' 5' is 5); blank is no age."""
    if not value.strip():
        return None, []
    try:
        age = int(value)
    except ValueError:
        return None, [_("Vul de leeftijd in als getal, bijvoorbeeld 15."), _age_range()]
    return (age, []) if 0 <= age <= MAX_AGE else (None, [_age_range()])


def _age_range() -> str:
    return _("Vul een leeftijd in tussen 0 en %(max)d.", max=MAX_AGE)


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
