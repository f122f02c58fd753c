"""Every route of the library, activities and API × every role, with the answers in
permission_cases.py (the same cases the app-wide matrix reads), and no GET writes."""

import pytest
from flask import url_for

from tests.factories import add_member, make_neighbourhood, make_team, make_user
from tests.templates_library.permission_cases import CASES, ROLES, url_args


def _classify(response) -> str:
    if response.status_code in (301, 302, 303):
        return "login" if "/inloggen" in response.location and "next=" in response.location else "ok"
    if response.status_code < 400:
        return "ok"
    return {403: "forbidden", 404: "notfound"}.get(response.status_code, str(response.status_code))


def test_the_cases_cover_exactly_these_features_routes(app):
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()}
    ours = {e for e in endpoints if e.split(".")[0] in ("templates_library", "activities", "api")}
    assert ours == CASES.keys()


@pytest.mark.parametrize("role", ROLES)
def test_each_route_answers_each_role_as_expected(app, client, count_statements, role):
    hood = make_neighbourhood()
    people = {
        "resident": make_user("Rosa", hood),
        "member": make_user("Mo", hood),
        "trekker": make_user("Tess", hood),
        "coordinator": make_user("Cor", hood, is_coordinator=True),
        "admin": make_user("Ada", hood, is_admin=True),
    }
    team = make_team(hood, people["trekker"])
    add_member(team, people["member"])
    args = url_args(team, people["trekker"]) | {"team_id": team.id}
    if role != "visitor":
        client.login(people[role])
    answers = {}
    for rule in app.url_map.iter_rules():
        if rule.endpoint not in CASES:
            continue
        with app.test_request_context():
            url = url_for(rule.endpoint, **{name: args[name] for name in rule.arguments})
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            with count_statements() as counter:
                response = client.get(url) if method == "GET" else client.post(url)
            answers[f"{method} {rule.endpoint}"] = _classify(response)
            if method == "GET":
                assert counter.writes == [], f"GET {url} wrote to the database"
    expected = {key: CASES[key.split()[1]][role] for key in answers}
    assert answers == expected
