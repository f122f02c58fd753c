"""Real parallel requests against a served app on its own committed database (issue 11,
findings 7 and 14; issue 22, the races SQLite hid). Double submits get the form's own
message, never a 500; two admins demoting each other at once never leave nobody in charge;
two trekkers leaving at once never leave a team without one; a fund never gets two chairs."""

from datetime import timedelta

import pytest
import requests
import sqlalchemy as sa

from app.accounts.models import User
from app.core.timezone import local_today
from app.extensions import db
from app.money.models import RegieMember
from app.teams.models import MemberRole, Membership, Team
from tests.factories import add_member, make_fund, make_neighbourhood, make_team, make_user
from tests.live import all_at_once, arrange, count_rows, csrf_of, logged_in

pytestmark = [pytest.mark.no_db_transaction, pytest.mark.many_connections]
PARALLEL = 6


def test_parallel_registrations_with_one_address_make_one_account(served):
    app, base = served
    hood_id = arrange(app, lambda: make_neighbourhood().id)
    data = {
        "name": "Yara",
        "email": "dubbel@example.org",
        "neighbourhood_id": hood_id,
        "password": "paars kanon dinsdag",
        "password_repeat": "paars kanon dinsdag",
    }
    register = lambda: requests.post(f"{base}/registreren", data=data, allow_redirects=False, timeout=60)  # noqa: E731
    answers = all_at_once([register] * PARALLEL)
    assert set(answers) == {302}  # every visitor is told to look in their mail
    assert count_rows(app, sa.select(sa.func.count()).where(User.email == "dubbel@example.org")) == 1


def test_parallel_team_creations_with_one_name_make_one_team(served):
    app, base = served
    hood_id = arrange(app, lambda: make_user("Anna", make_neighbourhood(), email="anna@example.org").neighbourhood_id)
    sessions = [logged_in(base, "anna@example.org") for _ in range(PARALLEL)]
    data = {"name": "Dubbel Team", "neighbourhood_id": hood_id, "kind": "buurtteam", "area": "Straat", "question": "x"}
    answers = all_at_once(
        [lambda s=s: s.post(f"{base}/teams/nieuw", data=data, allow_redirects=False) for s in sessions]
    )
    assert all(answer < 500 for answer in answers) and answers.count(302) == 1
    assert count_rows(app, sa.select(sa.func.count()).where(Team.name == "Dubbel Team")) == 1


def test_parallel_join_requests_make_one_request(served):
    app, base = served

    def build():
        hood = make_neighbourhood()
        make_user("Mo", hood, email="mo@example.org")
        return make_team(hood, make_user("Tess", hood, email="tess@example.org")).id

    team_id = arrange(app, build)
    sessions = [logged_in(base, "mo@example.org") for _ in range(PARALLEL)]
    answers = all_at_once(
        [lambda s=s: s.post(f"{base}/teams/{team_id}/aanmelden", data={}, allow_redirects=False) for s in sessions]
    )
    assert all(answer < 500 for answer in answers)
    assert count_rows(app, sa.select(sa.func.count()).where(Membership.team_id == team_id)) == 2  # Tess and Mo


@pytest.mark.parametrize("attempt", range(4))
def test_two_admins_demoting_each_other_at_once_leave_an_admin(served, attempt):
    app, base = served

    def build():
        db.session.execute(sa.update(User).values(is_admin=False))
        ada = make_user("Ada", email=f"ada{attempt}@example.org", is_admin=True)
        bea = make_user("Bea", email=f"bea{attempt}@example.org", is_admin=True)
        return ada.id, bea.id

    ada_id, bea_id = arrange(app, build)
    ada = logged_in(base, f"ada{attempt}@example.org")
    bea = logged_in(base, f"bea{attempt}@example.org")
    answers = all_at_once(
        [
            # The form as the browser sends it with both boxes unticked.
            lambda: ada.post(f"{base}/beheer/gebruikers/{bea_id}/rollen", data={"is_coordinator": ""}),
            lambda: bea.post(f"{base}/beheer/gebruikers/{ada_id}/rollen", data={"is_coordinator": ""}),
        ]
    )
    assert all(answer < 500 for answer in answers)
    assert count_rows(app, sa.select(sa.func.count()).where(User.is_admin.is_(True))) == 1


@pytest.mark.parametrize("attempt", range(10))
def test_the_last_two_trekkers_leaving_at_once_leave_the_team_a_trekker(served, attempt):
    app, base = served

    def build():
        hood = make_neighbourhood()
        tess = make_user("Tess", hood, email=f"tess-leaves{attempt}@example.org")
        tom = make_user("Tom", hood, email=f"tom-leaves{attempt}@example.org")
        team = make_team(hood, tess)
        add_member(team, tom, role=MemberRole.TREKKER)
        return team.id

    team_id = arrange(app, build)
    sessions = [logged_in(base, f"{name}-leaves{attempt}@example.org") for name in ("tess", "tom")]
    answers = all_at_once(
        [lambda s=s: s.post(f"{base}/teams/{team_id}/verlaten", allow_redirects=False) for s in sessions]
    )
    assert all(answer < 500 for answer in answers)
    trekkers = sa.select(sa.func.count()).where(Membership.team_id == team_id, Membership.role == MemberRole.TREKKER)
    assert count_rows(app, trekkers) == 1


@pytest.mark.parametrize("role", ["chair", "deputy"])
def test_two_residents_appointed_to_one_fund_as_chair_at_once_make_one_chair(served, role):
    app, base = served

    def build():
        hood = make_neighbourhood()
        coordinator = make_user("Cor", hood, email=f"cor-seats-{role}@example.org", is_coordinator=True)
        fund = make_fund(hood, coordinator)
        for name in ("ada", "bo"):
            make_user(name, hood, email=f"{name}-{role}@example.org")
        return fund.id

    fund_id = arrange(app, build)
    coordinator = logged_in(base, f"cor-seats-{role}@example.org")
    with app.app_context():
        today = local_today()
    page = coordinator.get(f"{base}/fondsen/{fund_id}/regiegroep").text  # this form keeps its token
    form = {
        "csrf_token": csrf_of(page),
        "role": role,
        "starts_on": today.isoformat(),
        "ends_on": (today + timedelta(days=300)).isoformat(),
    }
    answers = all_at_once(
        [
            lambda name=name: coordinator.post(
                f"{base}/fondsen/{fund_id}/regiegroep", data=form | {"email": f"{name}-{role}@example.org"}
            )
            for name in ("ada", "bo")
        ]
    )
    assert all(answer < 500 for answer in answers)
    seats = sa.select(sa.func.count()).where(RegieMember.fund_id == fund_id, RegieMember.role == role)
    assert count_rows(app, seats) == 1
