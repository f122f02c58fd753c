from datetime import timedelta

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from app.activities.models import ActivityStatus
from app.api.openapi import openapi_document
from app.core.models import utcnow
from tests.agenda.helpers import make_public_activity
from tests.factories import make_activity, make_neighbourhood, make_team, make_template, make_user

schema = schemathesis.openapi.from_dict(openapi_document())


@pytest.fixture
def library(app):
    make_template(
        "Buurtcafé",
        target_groups=[{"group": "ouderen", "label": "Buren die alleen wonen", "min_age": 65, "max_age": None}],
        sources=[{"document": "002", "title": "WijkWijzer", "publisher": "Platform31", "year": 2024, "url": None}],
        links=["https://example.org/buurtcafe"],
    )
    hood = make_neighbourhood("Kruiskamp")
    team = make_team(hood, make_user("Anna", hood))
    make_public_activity(team, "Burendag", capacity=10, ends_at=utcnow() + timedelta(days=7, hours=3))
    make_public_activity(team, "Opruimdag", status=ActivityStatus.CANCELLED, cancel_reason="Regen")


def test_the_api_serves_the_document_that_the_run_below_checks_against(client):
    assert client.get("/api/v1/openapi.json").get_json() == openapi_document()


@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_the_api_answers_as_its_openapi_document_says(case, app, library):
    case.call_and_validate(app=app)


def test_the_list_filters_like_the_library_and_is_paginated(client):
    make_template("Buurtcafé", locations=["buurthuis"])
    make_template("Straatvoetbal", locations=["straat"])
    body = client.get("/api/v1/templates?q=cafe").get_json()
    assert [item["name"] for item in body["items"]] == ["Buurtcafé"]
    assert body | {"items": None} == {"items": None, "page": 1, "per_page": 20, "total": 1, "pages": 1}
    assert [item["name"] for item in client.get("/api/v1/templates?plek=straat").get_json()["items"]] == [
        "Straatvoetbal"
    ]
    assert client.get("/api/v1/templates?pagina=2").get_json()["items"] == []


def test_a_template_in_json_has_its_steps_sources_and_practice_figures(client):
    template = make_template("Buurtcafé", steps=[{"title": "Ruimte zoeken"}])
    hood = make_neighbourhood()
    anna = make_user("Anna", hood)
    make_activity(make_team(hood, anna), anna, template, ActivityStatus.DONE, actual_participants=12)
    body = client.get(f"/api/v1/templates/{template.slug}").get_json()
    assert body["steps"] == [{"title": "Ruimte zoeken", "description": ""}]
    assert body["practice"] == {"teams": 1, "activities_done": 1, "participants": 12}
    assert body["html_url"].endswith(f"/aanpakken/{template.slug}")


def test_wrong_parameters_and_unknown_slugs_answer_in_json(client):
    response = client.get("/api/v1/templates?richting=alles&leeftijd=oud&pagina=0")
    assert response.status_code == 400
    assert {param["name"] for param in response.get_json()["invalid-params"]} == {"richting", "leeftijd", "pagina"}
    response = client.get("/api/v1/templates/bestaat-niet")
    assert (response.status_code, response.get_json()["detail"]) == (404, "Er is geen aanpak met deze naam.")
