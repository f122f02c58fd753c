"""Issue 11, findings 7 and 14: real parallel requests against a served app on its own
committed database (SQLite file and PostgreSQL). Double submits get the form's own message,
never a 500; two admins demoting each other at once never leave nobody in charge."""

import threading

import flask_migrate
import pytest
import requests
import sqlalchemy as sa
from werkzeug.serving import make_server

from app import create_app
from app.accounts.models import User
from app.extensions import db
from app.teams.models import Membership, Team
from tests.databases import database_url, drop_database
from tests.factories import PASSWORD, make_neighbourhood, make_team, make_user

pytestmark = pytest.mark.no_db_transaction
PARALLEL = 6


@pytest.fixture(scope="module")
def served(backend, tmp_path_factory):
    url = database_url(backend, "race", tmp_path_factory.mktemp("race"))
    app = create_app(
        "test",
        SQLALCHEMY_DATABASE_URI=url,
        WTF_CSRF_ENABLED=False,  # many clients at once; CSRF has its own tests
        FAILED_LOGIN_LIMIT="1000 per minute",
        LOGIN_RATE_LIMIT="1000 per minute",
        MAILS_PER_ADDRESS_LIMIT="1000 per minute",
    )
    with app.app_context():
        flask_migrate.upgrade()
        db.session.remove()
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield app, f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(5)
    server.server_close()
    with app.app_context():
        db.session.remove()
        db.engine.dispose()
    drop_database(url)


def _arrange(app, build):
    with app.app_context():
        result = build()
        db.session.commit()
        db.session.remove()
        return result


def _count(app, query) -> int:
    with app.app_context():
        try:
            return db.session.scalar(query)
        finally:
            db.session.remove()


def _logged_in(base: str, email: str) -> requests.Session:
    session = requests.Session()
    response = session.post(f"{base}/inloggen", data={"email": email, "password": PASSWORD}, allow_redirects=False)
    assert response.status_code == 302, response.text[:300]
    return session


def _all_at_once(calls) -> list[int]:
    """Run the calls in threads that start together; their HTTP status codes."""
    barrier, answers = threading.Barrier(len(calls)), [None] * len(calls)

    def run(n, call):
        barrier.wait()
        answers[n] = call().status_code

    threads = [threading.Thread(target=run, args=(n, call)) for n, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return answers


def test_parallel_registrations_with_one_address_make_one_account(served):
    app, base = served
    hood_id = _arrange(app, lambda: make_neighbourhood().id)
    data = {
        "name": "Yara",
        "email": "dubbel@example.org",
        "neighbourhood_id": hood_id,
        "password": "paars kanon dinsdag",
        "password_repeat": "paars kanon dinsdag",
    }
    register = lambda: requests.post(f"{base}/registreren", data=data, allow_redirects=False, timeout=60)  # noqa: E731
    answers = _all_at_once([register] * PARALLEL)
    assert set(answers) == {302}  # every visitor is told to look in their mail
    assert _count(app, sa.select(sa.func.count()).where(User.email == "dubbel@example.org")) == 1


def test_parallel_team_creations_with_one_name_make_one_team(served):
    app, base = served
    hood_id = _arrange(app, lambda: make_user("Anna", make_neighbourhood(), email="anna@example.org").neighbourhood_id)
    sessions = [_logged_in(base, "anna@example.org") for _ in range(PARALLEL)]
    data = {"name": "Dubbel Team", "neighbourhood_id": hood_id, "kind": "buurtteam", "area": "Straat", "question": "x"}
    answers = _all_at_once(
        [lambda s=s: s.post(f"{base}/teams/nieuw", data=data, allow_redirects=False) for s in sessions]
    )
    assert all(answer < 500 for answer in answers) and answers.count(302) == 1
    assert _count(app, sa.select(sa.func.count()).where(Team.name == "Dubbel Team")) == 1


def test_parallel_join_requests_make_one_request(served):
    app, base = served

    def build():
        hood = make_neighbourhood()
        make_user("Mo", hood, email="mo@example.org")
        return make_team(hood, make_user("Tess", hood, email="tess@example.org")).id

    team_id = _arrange(app, build)
    sessions = [_logged_in(base, "mo@example.org") for _ in range(PARALLEL)]
    answers = _all_at_once(
        [lambda s=s: s.post(f"{base}/teams/{team_id}/aanmelden", data={}, allow_redirects=False) for s in sessions]
    )
    assert all(answer < 500 for answer in answers)
    assert _count(app, sa.select(sa.func.count()).where(Membership.team_id == team_id)) == 2  # Tess and Mo


@pytest.mark.parametrize("attempt", range(4))
def test_two_admins_demoting_each_other_at_once_leave_an_admin(served, attempt):
    app, base = served

    def build():
        db.session.execute(sa.update(User).values(is_admin=False))
        ada = make_user("Ada", email=f"ada{attempt}@example.org", is_admin=True)
        bea = make_user("Bea", email=f"bea{attempt}@example.org", is_admin=True)
        return ada.id, bea.id

    ada_id, bea_id = _arrange(app, build)
    ada = _logged_in(base, f"ada{attempt}@example.org")
    bea = _logged_in(base, f"bea{attempt}@example.org")
    answers = _all_at_once(
        [
            # The form as the browser sends it with both boxes unticked.
            lambda: ada.post(f"{base}/beheer/gebruikers/{bea_id}/rollen", data={"is_coordinator": ""}),
            lambda: bea.post(f"{base}/beheer/gebruikers/{ada_id}/rollen", data={"is_coordinator": ""}),
        ]
    )
    assert all(answer < 500 for answer in answers)
    assert _count(app, sa.select(sa.func.count()).where(User.is_admin.is_(True))) == 1
