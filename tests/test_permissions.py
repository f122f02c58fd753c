"""Every route × role, generated from app.url_map: a route missing here fails the suite.

Answers: "ok" (served, or redirected somewhere other than the login page), "login"
(redirect to log in), "forbidden" (403), "notfound" (404). POSTs carry a valid CSRF token
and no form data, so an allowed POST may answer with a validation message: only the
permission is tested here. A GET never writes to the database, whoever asks."""

import importlib
from pathlib import Path
from types import SimpleNamespace

import pytest
from flask import url_for

from app import create_app
from app.accounts.models import User
from app.extensions import db, limiter
from app.money.models import Fund
from app.money.requests import services as requests
from app.money.requests.models import Receipt, RequestStatus, VoucherRequest
from app.teams.memberships import create_invitation
from app.teams.models import MemberRole, MembershipState, Team
from tests.conftest import Client, session_on
from tests.databases import UNCONNECTED
from tests.factories import add_member, make_municipality, make_neighbourhood, make_team, make_user
from tests.permission_rules import (
    NOT_SUBMITTED,
    REQUEST_STATES,
    ROLES,
    SCOPE_ROLES,
    STAFF,
    WITHDRAWN_DRAFT,
    everyone,
    logged_in,
    only,
    outside_scope,
)
from tests.vouchers_review.conftest import bring_to

MATRIX: dict[str, dict[str, str]] = {
    "main.home": everyone(),
    "main.set_language": everyone(),
    "main.contact": everyone(),
    "main.privacy": everyone(),
    "main.accessibility": everyone(),
    "accounts.register": everyone(),
    "accounts.login": everyone(),
    "accounts.logout": logged_in(),
    "accounts.forgot_password": everyone(),
    "accounts.reset_password": everyone(),
    "accounts.profile": logged_in(),
    "accounts.change_password": logged_in(),
    "accounts.check_mail": everyone(),
    "accounts.activate": everyone(),
    "accounts.messages": logged_in(),
    "accounts.deactivate": only("admin"),
    "accounts.reactivate": only("admin"),
    "accounts.send_reset": only("admin"),
    "accounts.users": only("admin"),
    "accounts.user_roles": only("admin"),
    "accounts.user_scope": only("admin"),
    "places.overview": only(*STAFF),
    "places.edit_municipality": only(*STAFF),
    "places.edit_neighbourhood": only(*STAFF),
    "places.add_list": only(*STAFF),
    "teams.neighbourhoods": everyone(),
    "teams.directory": everyone(),
    "teams.show": everyone(),
    "teams.create": logged_in(),
    "teams.edit": only("trekker", *STAFF),
    "teams.request_join": only("resident", *STAFF),
    "teams.leave": only("member", "trekker"),
    "teams.members": only("trekker", *STAFF),
    "teams.accept": only("trekker"),
    "teams.decline": only("trekker"),
    "teams.hand_over": only("trekker"),
    "teams.remove_member": only("trekker"),
    "teams.correct_birth_year": only(*STAFF),
    "teams.invite": only("trekker"),
    "teams.revoke_invitation": only("trekker"),
    "teams.flyer": everyone(),
    "teams.invitation_flyer": only("trekker"),
    "teams.invitation": logged_in(),
    "teams.set_status": only("trekker", *STAFF),
}


def _feature_case_modules() -> list:
    """Features keep their cases next to their tests: tests/<feature>/permission_cases.py with
    CASES (endpoint -> role -> answer) and url_args(team, people) for their URL arguments (people: role -> user)."""
    here = Path(__file__).parent
    return [
        importlib.import_module(f"tests.{case_file.parent.name}.permission_cases")
        for case_file in sorted(here.glob("*/permission_cases.py"))
    ]


FEATURE_CASES = _feature_case_modules()
for _module in FEATURE_CASES:
    MATRIX |= _module.CASES

# The scope dimension's exceptions to permission_rules.outside_scope: the admin's pages refuse
# every coordinator before any record is read (403).
ELSEWHERE: dict[str, str] = dict.fromkeys(
    (
        "accounts.deactivate",
        "accounts.reactivate",
        "accounts.send_reset",
        "accounts.user_roles",
        "accounts.user_scope",
        "accounts.reset_second_step",
    ),
    "forbidden",
)
for _module in FEATURE_CASES:
    ELSEWHERE |= getattr(_module, "ELSEWHERE", {})


@pytest.fixture(scope="module")
def built_world(app, module_transaction, tmp_path_factory):
    """One team with a trekker, a member and a pending request; people in every role. Made
    once per module: its tests (over a thousand requests) each run in a savepoint of it. Its
    files are in a folder of the module's own."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setitem(app.config, "UPLOAD_FOLDER", str(tmp_path_factory.mktemp("world")))
        with session_on(app, module_transaction):
            people, args = _build_world()
            db.session.commit()
            ids = {role: user.id for role, user in people.items()}
        yield ids, args


def _build_world() -> tuple[dict, dict]:
    hood = make_neighbourhood("Kruiskamp")
    other = make_neighbourhood("Rozenhof", make_municipality("Leusden"))
    people = {
        "resident": make_user("Rosa Resident", hood),
        "member": make_user("Mo Member", hood),
        "trekker": make_user("Tess Trekker", hood),
        "regie": make_user("Rik Regie", hood),
        "chair": make_user("Carla Voorzitter", hood),
        "coordinator": make_user("Cor Coördinator", hood, is_coordinator=True),
        "admin": make_user("Ada Admin", hood, is_admin=True),
        # The scope dimension: a coordinator of the world's municipality only, and one of another.
        "own": make_user("Olga Eigen", hood, is_coordinator=True, scope=[hood.municipality]),
        "elsewhere": make_user("Els Elders", other, is_coordinator=True, scope=[other.municipality]),
    }
    team = make_team(hood, people["trekker"], name="Pruimengaarde Samen")
    add_member(team, people["member"])
    pending = add_member(team, make_user("Piet Pending", hood), MemberRole.MEMBER, MembershipState.REQUESTED)
    invitation = create_invitation(people["trekker"], team)
    args = {
        "team_id": team.id,
        "membership_id": pending.id,
        "neighbourhood_id": hood.id,
        "municipality_id": hood.municipality_id,
        "user_id": people["resident"].id,
        "invitation_id": invitation.id,
        "token": invitation.token,
        "code": "en",
    }
    for module in FEATURE_CASES:
        args |= module.url_args(team, people)
    return people, args


@pytest.fixture
def world(built_world, app):
    """The module's world, its people in this test's session; its files as they were afterwards."""
    ids, args = built_world
    people = {role: db.session.get(User, user_id) for role, user_id in ids.items()}
    folder = Path(app.config["UPLOAD_FOLDER"])
    files = _files_of(folder)
    yield people, args
    _files_as_they_were(folder, files)


def _routes(app):
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static":
            continue
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            yield rule, method


def test_every_route_is_in_the_matrix(app):
    endpoints = {rule.endpoint for rule, _method in _routes(app)}
    assert endpoints - MATRIX.keys() == set(), "routes without expected answers"
    assert MATRIX.keys() - endpoints == set(), "answers for routes that do not exist"


def _classify(response) -> str:
    if response.status_code in (301, 302, 303):
        return "login" if "/inloggen" in response.location and "next=" in response.location else "ok"
    return {403: "forbidden", 404: "notfound"}.get(
        response.status_code, "ok" if response.status_code < 400 else str(response.status_code)
    )


def _cases(app):
    for rule, method in _routes(app):
        yield pytest.param((rule.endpoint, sorted(rule.arguments), method), id=f"{method} {rule.rule}")


def pytest_generate_tests(metafunc):
    if "route_case" in metafunc.fixturenames:
        metafunc.parametrize("route_case", list(_cases(create_app("test", SQLALCHEMY_DATABASE_URI=UNCONNECTED))))


def _visit_as(role, world, client, app, endpoint, arguments) -> str:
    """Log the client in as `role` and return the endpoint's URL in the world."""
    people, args = world
    if role != "visitor":
        client.login(people[role])
    with app.test_request_context():
        return url_for(endpoint, **{name: args[name] for name in arguments})


def _files_of(folder: Path) -> dict[Path, bytes]:
    return {path: path.read_bytes() for path in folder.rglob("*") if path.is_file()}


def _files_as_they_were(folder: Path, files: dict[Path, bytes]) -> None:
    """The files of `folder` as in `files` again: the files' part of rolling back a role."""
    for path in folder.rglob("*"):
        if path.is_file() and path not in files:
            path.unlink()
    for path, data in files.items():
        if not path.exists():
            path.write_bytes(data)


def _answers(world, app, count_statements, endpoint, arguments, method, roles=ROLES) -> dict[str, str]:
    """Every role's answer, each in a fresh browser and inside a savepoint that is rolled back
    afterwards (files too): a role meets the world as it was built, whatever the role before did."""
    answers, writes = {}, {}
    folder = Path(app.config["UPLOAD_FOLDER"])
    files = _files_of(folder)
    for role in roles:
        client = Client(app.test_client())
        url = _visit_as(role, world, client, app, endpoint, arguments)
        # A savepoint of our own on the shared connection: the request's session commits
        # into it, and rolling back to it undoes whatever the role did.
        connection = db.session.connection()
        connection.exec_driver_sql("SAVEPOINT role_attempt")
        limiter.reset()
        with count_statements() as counter:
            response = client.get(url) if method == "GET" else client.post(url)
        answers[role] = _classify(response)
        if answers[role] == "forbidden":  # recorded in the audit log, and that is all it writes
            assert [w.split("(")[0].strip() for w in counter.writes] == ["INSERT INTO audit_entry"], (role, endpoint)
        elif method == "GET" and counter.writes:
            writes[role] = counter.writes
        connection.exec_driver_sql("ROLLBACK TO SAVEPOINT role_attempt")
        db.session.expire_all()
        _files_as_they_were(folder, files)
    assert writes == {}, f"GET {endpoint} wrote to the database"
    return answers


def test_route_answers_each_role_as_expected(route_case, world, app, count_statements):
    endpoint, arguments, method = route_case
    assert _answers(world, app, count_statements, endpoint, arguments, method) == MATRIX[endpoint]


def test_route_answers_coordinators_within_and_outside_its_municipality(route_case, world, app, count_statements):
    """The scope dimension: the world's records are in one municipality. Its own coordinator
    gets what the world's (regio) coordinator gets; a coordinator of another municipality gets
    404 for them, as if they did not exist, and their own lists (which leave them out)."""
    endpoint, arguments, method = route_case
    answers = MATRIX[endpoint]
    expected = {"own": answers["coordinator"], "elsewhere": ELSEWHERE.get(endpoint, outside_scope(answers, arguments))}
    assert _answers(world, app, count_statements, endpoint, arguments, method, SCOPE_ROLES) == expected


def _in_state(world, state: str) -> tuple[dict, dict]:
    """The world with its voucher request (and that request's receipt) in `state`, brought
    there the way the services do it."""
    people, args = world
    request = db.session.get(VoucherRequest, args["request_id"])
    w = SimpleNamespace(
        team=db.session.get(Team, request.team_id),
        fund=db.session.get(Fund, request.fund_id),
        request=request,
        trekker=people["trekker"],
        chair=people["chair"],
        rik=people["regie"],
        coordinator=people["coordinator"],
    )
    if state in NOT_SUBMITTED:
        request = bring_to(w, RequestStatus.DRAFT)
        if state == WITHDRAWN_DRAFT:
            requests.withdraw(w.trekker, w.team, request)
        db.session.get(Receipt, args["receipt_id"]).request_id = request.id
    else:
        bring_to(w, RequestStatus(state))
    db.session.flush()
    return people, args | {"request_id": request.id}


def _request_routes(app):
    return [
        (rule.endpoint, sorted(rule.arguments), method)
        for rule, method in _routes(app)
        if "request_id" in rule.arguments
    ]


@pytest.mark.parametrize("state", REQUEST_STATES)
def test_request_routes_answer_each_role_in_each_state_of_the_request(state, world, app, count_statements):
    """The state dimension of the matrix: every route of a voucher request, for every role,
    with the request in each status (and as a draft withdrawn before it was submitted)."""
    world = _in_state(world, state)
    expected, answers = {}, {}
    for endpoint, arguments, method in _request_routes(app):
        differs = {}
        for module in FEATURE_CASES:
            differs |= getattr(module, "in_state", lambda _state: {})(state)
        expected[f"{method} {endpoint}"] = differs.get(endpoint, MATRIX[endpoint])
        answers[f"{method} {endpoint}"] = _answers(world, app, count_statements, endpoint, arguments, method)
    assert answers == expected


def _post_cases(app):
    for rule, method in _routes(app):
        if method == "POST":
            allowed = next((r for r in ROLES if MATRIX[rule.endpoint][r] == "ok"), None)
            yield pytest.param((rule.endpoint, sorted(rule.arguments), allowed), id=rule.rule)


@pytest.fixture(params=list(_post_cases(create_app("test", SQLALCHEMY_DATABASE_URI=UNCONNECTED))))
def post_case(request):
    return request.param


def test_a_post_without_csrf_token_is_refused_and_changes_nothing(post_case, world, client, app, count_statements):
    endpoint, arguments, role = post_case
    url = _visit_as(role, world, client, app, endpoint, arguments)
    with count_statements() as counter:
        response = client.post(url, {"name": "x", "status": "active"}, csrf=False)
    assert response.status_code == 400
    assert counter.writes == []


def test_a_wrong_method_answers_405_with_the_allowed_methods(client):
    response = client.get("/uitloggen")
    assert response.status_code == 405 and "POST" in response.headers["Allow"]
