"""Every staff route refuses a session that passed the password but not the second step:
it gets exactly what a visitor gets (tests/test_permissions.py's matrix), for a coordinator
and an admin, on every coordinator and admin route of app.url_map."""

import pytest
from flask import url_for

from app.extensions import db
from tests.accounts.test_second_step import set_up
from tests.factories import PASSWORD
from tests.permission_rules import STAFF
from tests.test_permissions import MATRIX, _classify, _routes, built_world, world  # noqa: F401 - the matrix's fixtures


def _staff_routes(app):
    for rule, method in _routes(app):
        answers = MATRIX[rule.endpoint]
        if any(answers[role] == "ok" for role in STAFF) and answers["resident"] != "ok":
            yield rule, method


@pytest.mark.parametrize("role", STAFF)
def test_every_staff_route_refuses_a_session_that_passed_only_the_password(
    role,
    world,  # noqa: F811 - the fixture imported above
    app,
    client,
    monkeypatch,
    count_statements,
):
    monkeypatch.setitem(app.config, "TOTP_REQUIRED_FOR_STAFF", True)
    people, args = world
    set_up(people[role])
    assert client.post("/inloggen", {"email": people[role].email, "password": PASSWORD}).location == (
        "/inloggen/tweede-stap"
    )

    answers, expected = {}, {}
    with count_statements() as counter:
        for rule, method in _staff_routes(app):
            with app.test_request_context():
                url = url_for(rule.endpoint, **{name: args[name] for name in rule.arguments})
            response = client.get(url) if method == "GET" else client.post(url)
            answers[f"{method} {rule.endpoint}"] = _classify(response)
            expected[f"{method} {rule.endpoint}"] = MATRIX[rule.endpoint]["visitor"]

    assert len(answers) > 50
    assert answers == expected
    assert counter.writes == []
    db.session.expire_all()
