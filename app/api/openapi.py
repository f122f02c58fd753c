"""The OpenAPI 3.1 document of API v1, built from the same vocabularies the app stores."""

from typing import Any

from app.activities.models import ActivityKind
from app.agenda.services import PUBLIC_STATUSES
from app.core.security import MAX_ID
from app.core.vocab import THEMES
from app.money.requests.models import Outcome
from app.templates_library.vocab import FORMS, GROUPS, LOCATIONS, MAX_AGE, PROBLEMS, RECOGNITION, SOLUTION_DIRECTIONS

MAX_PAGE = 10_000
# The API's version (semantic versioning): in this document and in every answer's API-Version header.
API_VERSION = "1.0.0"


def _keys(vocabulary: dict) -> dict[str, Any]:
    return {"type": "string", "enum": list(vocabulary)}


def _list_of(schema: dict[str, Any]) -> dict[str, Any]:
    return {"type": "array", "items": schema}


def _object(properties: dict[str, Any]) -> dict[str, Any]:
    return {"type": "object", "properties": properties, "required": list(properties), "additionalProperties": False}


def _query(name: str, description: str, schema: dict[str, Any]) -> dict[str, Any]:
    return {"name": name, "in": "query", "required": False, "description": description, "schema": schema}


STRING = {"type": "string"}
NULLABLE_AGE = {"type": ["integer", "null"], "minimum": 0}
TARGET_GROUP = _object({"group": _keys(GROUPS), "label": STRING, "min_age": NULLABLE_AGE, "max_age": NULLABLE_AGE})
SUMMARY = {
    "slug": STRING,
    "name": STRING,
    "summary": STRING,
    "recognition": _keys(RECOGNITION),
    "form": _keys(FORMS),
    "problems": _list_of(_keys(PROBLEMS)),
    "target_groups": _list_of({"$ref": "#/components/schemas/TargetGroup"}),
    "locations": _list_of(_keys(LOCATIONS)),
    "solution_directions": _list_of(_keys(SOLUTION_DIRECTIONS)),
    "themes": _list_of(_keys(THEMES)),
    "html_url": {"type": "string", "format": "uri"},
}
DETAIL = SUMMARY | {
    "status": {"type": "string", "enum": ["published", "retired"]},
    "goal": STRING,
    "description": STRING,
    "steps": _list_of(_object({"title": STRING, "description": STRING})),
    "working_elements": _list_of(STRING),
    "executors": STRING,
    "group_size": STRING,
    "duration": STRING,
    "evaluation": STRING,
    "links": _list_of({"type": "string", "format": "uri"}),
    "sources": _list_of(
        _object(
            {
                "document": {"type": ["string", "null"]},
                "title": STRING,
                "publisher": {"type": ["string", "null"]},
                "year": {"type": ["integer", "null"]},
                "url": {"type": ["string", "null"]},
            }
        )
    ),
    "practice": _object(
        {
            "teams": {"type": "integer", "minimum": 0, "description": "Teams that adopted the template"},
            "activities_done": {"type": "integer", "minimum": 0, "description": "Adopted activities that took place"},
            "participants": {"type": "integer", "minimum": 0, "description": "Participants those activities reached"},
        }
    ),
}
URI = {"type": "string", "format": "uri"}
ID = {"type": "integer", "minimum": 1, "maximum": MAX_ID}
LOCAL_TIME = {"type": "string", "format": "date-time", "description": "Europe/Amsterdam time with its UTC offset"}
NULLABLE_COUNT = {"type": ["integer", "null"], "minimum": 0}
ACTIVITY = {
    "id": ID,
    "title": STRING,
    "kind": {"type": "string", "enum": [str(kind) for kind in ActivityKind]},
    "starts_at": LOCAL_TIME,
    "ends_at": {**LOCAL_TIME, "type": ["string", "null"]},
    "location": STRING,
    "team": _object({"id": ID, "name": STRING, "url": URI}),
    "neighbourhood": _object({"id": ID, "name": STRING}),
    "capacity": NULLABLE_COUNT | {"description": "Maximum number of participants; null: no maximum"},
    "places_left": NULLABLE_COUNT | {"description": "Free places; null: no maximum"},
    "waitlist_count": {"type": "integer", "minimum": 0},
    "status": {"type": "string", "enum": [str(status) for status in PUBLIC_STATUSES]},
    "url": URI,
    "ical_url": URI,
}
NEIGHBOURHOOD = {"id": ID, "name": STRING, "municipality": STRING, "calendar_url": URI, "ical_url": URI}
CENTS = {"type": "integer", "minimum": 0, "description": "Euro cents"}
DAY = {"type": "string", "format": "date"}
FUND = {
    "id": ID,
    "name": STRING,
    "neighbourhood": _object({"id": ID, "name": STRING}),
    "period_start": DAY,
    "period_end": DAY,
    "total_cents": CENTS | {"description": "The fund's budget, in euro cents"},
    "support_cents": CENTS | {"description": "Set aside for support and execution"},
    "reserved_cents": CENTS | {"description": "Awarded to teams, not yet paid out"},
    "paid_out_cents": CENTS | {"description": "Paid out to teams"},
    "returned_cents": CENTS | {"description": "Unspent money that came back"},
    "available_cents": CENTS
    | {"description": "total - support - reserved - paid out + returned: what can still be awarded"},
    "html_url": URI,
    "decisions_url": URI,
}
DECISION = {
    "request_id": ID,
    "team": _object({"id": ID, "name": STRING, "url": URI}),
    "activity": STRING,
    "outcome": {"type": "string", "enum": [str(outcome) for outcome in Outcome]},
    "amount_cents": CENTS | {"description": "Awarded amount; 0 for a rejection"},
    "motivation": STRING,
    "decided_on": DAY | {"description": "Local date of the decision"},
    "departs_from_advice": {
        "type": "boolean",
        "description": "The decision gives another amount than the regie-group's advices said",
    },
    "advised_amount_cents": NULLABLE_COUNT
    | {"description": "What the advices said to award, in euro cents; null for decisions from before it was kept"},
}
# RFC 9457 problem details; "invalid-params" names each query parameter that was not valid.
PROBLEM = {
    "type": "object",
    "properties": {
        "type": {"type": "string", "format": "uri-reference", "description": "about:blank: the title says it"},
        "title": {"type": "string", "description": "The HTTP status's own phrase"},
        "status": {"type": "integer", "minimum": 400, "maximum": 599},
        "detail": {"type": "string", "description": "What went wrong, in the language of the site (Dutch)"},
        "invalid-params": _list_of(_object({"name": STRING, "reason": STRING})),
    },
    "required": ["type", "title", "status", "detail"],
    "additionalProperties": False,
}
PAGE_NUMBER = _query("pagina", "Page number", {"type": "integer", "minimum": 1, "maximum": MAX_PAGE})
FILTERS = [
    _query(
        "q",
        "Search words (Dutch), accent- and case-insensitive; one line",
        {"type": "string", "maxLength": 200, "pattern": "^[^\n\r\u2028\u2029]*$"},
    ),
    _query("probleem", "Problem the template addresses", _keys(PROBLEMS)),
    _query("richting", "Solution direction (KIS)", _keys(SOLUTION_DIRECTIONS)),
    _query("doelgroep", "Target group", _keys(GROUPS)),
    _query(
        "leeftijd", "An age the template's target groups include", {"type": "integer", "minimum": 0, "maximum": MAX_AGE}
    ),
    _query("plek", "Location in the neighbourhood", _keys(LOCATIONS)),
    _query("thema", "Theme", _keys(THEMES)),
    _query("erkenning", "Recognition level", _keys(RECOGNITION)),
    PAGE_NUMBER,
]
ACTIVITY_FILTERS = [
    _query("buurt", "Neighbourhood id", ID),
    _query("van", "First day (local date); today when left out", {"type": "string", "format": "date"}),
    _query("tot", "Last day (local date), included", {"type": "string", "format": "date"}),
    PAGE_NUMBER,
]


def _page_of(ref: str) -> dict[str, Any]:
    return _object(
        {
            "items": _list_of({"$ref": ref}),
            "page": {"type": "integer", "minimum": 1},
            "per_page": {"type": "integer", "minimum": 1},
            "total": {"type": "integer", "minimum": 0},
            "pages": {"type": "integer", "minimum": 1},
        }
    )


def _list_operation(operation_id: str, summary: str, parameters: list, page: str) -> dict[str, Any]:
    return {
        "get": {
            "operationId": operation_id,
            "summary": summary,
            "parameters": parameters,
            "responses": {
                "200": _json("One page", f"#/components/schemas/{page}"),
                "400": _problem("A parameter is not valid"),
            },
        }
    }


HEADERS = {"API-Version": {"$ref": "#/components/headers/API-Version"}}


def _json(description: str, ref: str) -> dict[str, Any]:
    return {"description": description, "headers": HEADERS, "content": {"application/json": {"schema": {"$ref": ref}}}}


def _problem(description: str) -> dict[str, Any]:
    schema = {"$ref": "#/components/schemas/Problem"}
    return {"description": description, "headers": HEADERS, "content": {"application/problem+json": {"schema": schema}}}


def openapi_document() -> dict[str, Any]:
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Buurtmakers API",
            "version": API_VERSION,
            "license": {"name": "EUPL-1.2", "identifier": "EUPL-1.2"},
            "description": "Read-only access to the library of proven neighbourhood methods (templates),"
            " the public agenda of the neighbourhoods, and the neighbourhood funds with their decisions.",
        },
        "servers": [{"url": "/api/v1"}],
        "paths": {
            "/templates": {
                "get": {
                    "operationId": "listTemplates",
                    "summary": "Published templates matching the filters; with q, best match first",
                    "description": "Leave a filter out to not filter on it; an empty value is refused.",
                    "parameters": FILTERS,
                    "responses": {
                        "200": _json("One page of templates", "#/components/schemas/TemplatePage"),
                        "400": _problem("A parameter is not valid"),
                    },
                }
            },
            "/templates/{slug}": {
                "get": {
                    "operationId": "getTemplate",
                    "summary": "One template with its steps, sources and practice figures",
                    "parameters": [{"name": "slug", "in": "path", "required": True, "schema": STRING}],
                    "responses": {
                        "200": _json("The template", "#/components/schemas/Template"),
                        "404": _problem("No template with this slug"),
                    },
                }
            },
            "/activities": _list_operation(
                "listActivities",
                "Public activities from a day on (today by default), soonest first; cancelled ones"
                " while their date is still to come",
                ACTIVITY_FILTERS,
                "ActivityPage",
            ),
            "/neighbourhoods": _list_operation(
                "listNeighbourhoods",
                "Neighbourhoods with the links to their calendar and iCalendar feed",
                [PAGE_NUMBER],
                "NeighbourhoodPage",
            ),
            "/funds": _list_operation(
                "listFunds",
                "Neighbourhood funds with their balances in euro cents, oldest first",
                [PAGE_NUMBER],
                "FundPage",
            ),
            "/funds/{fund_id}/decisions": {
                "get": {
                    "operationId": "listFundDecisions",
                    "summary": "The public decision list of a fund, newest first: the final decision"
                    " per request (after an objection, the second one); teams, never persons",
                    "parameters": [{"name": "fund_id", "in": "path", "required": True, "schema": ID}, PAGE_NUMBER],
                    "responses": {
                        "200": _json("One page of decisions", "#/components/schemas/DecisionPage"),
                        "400": _problem("A parameter is not valid"),
                        "404": _problem("No fund with this id"),
                    },
                }
            },
        },
        "components": {
            "schemas": {
                "TargetGroup": TARGET_GROUP,
                "TemplateSummary": _object(SUMMARY | {"url": {"type": "string", "format": "uri"}}),
                "Template": _object(DETAIL),
                "TemplatePage": _page_of("#/components/schemas/TemplateSummary"),
                "Activity": _object(ACTIVITY),
                "ActivityPage": _page_of("#/components/schemas/Activity"),
                "Neighbourhood": _object(NEIGHBOURHOOD),
                "NeighbourhoodPage": _page_of("#/components/schemas/Neighbourhood"),
                "Fund": _object(FUND),
                "FundPage": _page_of("#/components/schemas/Fund"),
                "Decision": _object(DECISION),
                "DecisionPage": _page_of("#/components/schemas/Decision"),
                "Problem": PROBLEM,
            },
            "headers": {
                "API-Version": {
                    "description": "The version of the API that answered",
                    "required": True,
                    "schema": {"type": "string", "const": API_VERSION},
                }
            },
        },
    }
