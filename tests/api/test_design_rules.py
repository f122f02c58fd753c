"""Issue 25, item 11: the API follows the Dutch government's API Design Rules. Errors are
problem details (RFC 9457) naming the parameters that were not valid, every answer carries
API-Version, the OpenAPI document and the public GETs are open to every origin without a
login, and a trailing slash is a 404, never a redirect."""

import pytest

from app.api.openapi import API_VERSION, openapi_document
from tests.factories import make_fund, make_neighbourhood, make_template, make_user

PROBLEM = "application/problem+json"


@pytest.fixture
def urls(app) -> list[str]:
    """Every GET of the API, with real values for its path's parameters."""
    hood = make_neighbourhood("Kruiskamp")
    fund = make_fund(hood, make_user("Cor", hood, is_coordinator=True))
    slug = make_template("Buurtcafé").slug
    found = []
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith("/api/") and "GET" in rule.methods:
            found.append(rule.rule.replace("<slug>", slug).replace("<int:fund_id>", str(fund.id)))
    assert len(found) == 7
    return found


def _is_problem(response, status: int) -> dict:
    assert (response.status_code, response.mimetype) == (status, PROBLEM)
    body = response.get_json(force=True)
    assert {"type", "title", "status", "detail"} <= set(body)
    assert body["status"] == status and body["title"] and body["detail"]
    return body


def test_bad_parameters_are_problem_details_naming_each_parameter(client):
    body = _is_problem(client.get("/api/v1/templates?leeftijd=oud&pagina=0"), 400)
    assert body["title"] == "Bad Request" and body["type"] == "about:blank"
    assert {param["name"] for param in body["invalid-params"]} == {"leeftijd", "pagina"}
    assert all(param["reason"] for param in body["invalid-params"])


def test_unknown_things_paths_and_methods_are_problem_details(client):
    assert "invalid-params" not in _is_problem(client.get("/api/v1/templates/bestaat-niet"), 404)
    assert _is_problem(client.get("/api/v1/bestaat-niet"), 404)["title"] == "Not Found"
    response = client.http.post("/api/v1/templates")
    _is_problem(response, 405)
    assert set(response.headers["Allow"].split(", ")) == {"GET", "HEAD", "OPTIONS"}


def test_every_answer_has_the_api_version(client, urls):
    assert openapi_document()["info"]["version"] == API_VERSION
    answers = [client.get(url) for url in urls]
    answers += [client.get("/api/v1/templates?pagina=0"), client.get("/api/v1/bestaat-niet")]
    answers.append(client.http.post("/api/v1/funds"))
    assert {response.headers.get("API-Version") for response in answers} == {API_VERSION}
    assert "API-Version" not in client.get("/contact").headers  # the site's own pages are no API


def test_the_document_and_the_public_gets_are_open_to_every_origin_without_login(client, urls):
    response = client.get("/api/v1/openapi.json", headers={"Origin": "https://andere-gemeente.example"})
    assert (response.status_code, response.get_json()) == (200, openapi_document())
    for url in urls:
        response = client.get(url)
        assert (url, response.status_code) == (url, 200)
        assert response.headers["Access-Control-Allow-Origin"] == "*"
        assert "API-Version" in response.headers["Access-Control-Expose-Headers"]


def test_a_trailing_slash_is_not_found_and_never_a_redirect(client, urls):
    for url in urls:
        response = client.get(url + "/")
        assert not 300 <= response.status_code < 400, url
        _is_problem(response, 404)


def test_the_document_describes_the_problems_and_the_version_header():
    document = openapi_document()
    for path, item in document["paths"].items():
        for status, answer in item["get"]["responses"].items():
            assert answer["headers"] == {"API-Version": {"$ref": "#/components/headers/API-Version"}}, path
            media = PROBLEM if status.startswith("4") else "application/json"
            assert list(answer["content"]) == [media], (path, status)
    assert document["components"]["headers"]["API-Version"]["required"] is True
