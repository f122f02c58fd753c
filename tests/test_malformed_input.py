"""Issue 11, finding 6: every route, as every role, with values that cannot be right (ids
past any database integer, page numbers like '²', NUL bytes in slugs, searches and form
fields) answers with a page, never with a server error."""

import re

import pytest

from app import create_app
from tests.conftest import Client
from tests.databases import UNCONNECTED
from tests.permission_rules import ROLES
from tests.test_permissions import _routes, built_world, world  # noqa: F401 - fixtures

HUGE = "99999999999999999999"
QUERY = f"?pagina={HUGE}&q=a%00b&leeftijd={HUGE}&rol=%00&status=%C2%8A&thema=%00"
FORM = {
    name: "a\x00b\u202e"
    for name in (
        "name",
        "email",
        "password",
        "password_repeat",
        "current_password",
        "message",
        "area",
        "question",
        "description",
        "reason",
        "summary",
        "goal",
        "q",
        "title",
        "cbs_code",
        "next",
    )
} | {name: HUGE for name in ("neighbourhood_id", "municipality_id", "team_id", "birth_year", "homes", "status")}


def _bad_urls(rule) -> list[str]:
    path = rule.rule
    urls = []
    for number, text in ((HUGE, "a%00b"), (str(2**31), "%C2%8A")):
        url = re.sub(r"<int:[^>]+>", number, path)
        urls.append(re.sub(r"<(?:string:|default:)?[^>]+>", text, url) + QUERY)
    return urls


def _cases(app):
    for rule, method in _routes(app):
        yield pytest.param((rule.endpoint, method), id=f"{method} {rule.rule}")


def pytest_generate_tests(metafunc):
    if "fuzz_case" in metafunc.fixturenames:
        metafunc.parametrize("fuzz_case", list(_cases(create_app("test", SQLALCHEMY_DATABASE_URI=UNCONNECTED))))


def test_malformed_values_never_cause_a_server_error(fuzz_case, world, app):  # noqa: F811
    # Every role in one test: the bad values name nothing that exists, so no role's request
    # changes what the next one meets, and the world is built once per route, not per role.
    endpoint, method = fuzz_case
    people, _args = world
    rule = next(rule for rule, _method in _routes(app) if rule.endpoint == endpoint)
    for role in ROLES:
        client = Client(app.test_client())
        if role != "visitor":
            client.login(people[role])
        for url in _bad_urls(rule):
            response = client.get(url) if method == "GET" else client.post(url, FORM)
            assert response.status_code < 500, f"{method} {url} as {role}: {response.status_code}"
