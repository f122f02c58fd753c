"""Teams that adopt, complete and evaluate activities of one template at the same moment all
count in its practice figures: real parallel transactions, one thread and connection each,
on a committed database (`perform` commits), as tests/ledger/test_concurrent_awards.py does for the ledger."""

from datetime import timedelta
from types import SimpleNamespace

import pytest
from flask import get_flashed_messages

from app.accounts.models import User
from app.activities import lifecycle, practice
from app.activities import services as activities
from app.activities.models import Activity, ActivityStatus
from app.core.models import utcnow
from app.core.views import perform
from app.extensions import db
from app.teams.models import Team
from app.templates_library.models import Template
from tests.activities.test_practice_figures import recomputed
from tests.factories import make_neighbourhood, make_team, make_template, make_user
from tests.live import migrated_app, together

pytestmark = [pytest.mark.no_db_transaction, pytest.mark.many_connections]
TEAMS = 12


@pytest.fixture(scope="module")
def committed():
    engine = {"pool_size": 2 * TEAMS, "max_overflow": 5}
    with migrated_app("practice", SQLALCHEMY_ENGINE_OPTIONS=engine) as (app, _url):
        with app.test_request_context():
            hood = make_neighbourhood()
            trekkers = [make_user(f"Trekker {n}", hood) for n in range(TEAMS)]
            people = SimpleNamespace(teams=[(make_team(hood, trekker).id, trekker.id) for trekker in trekkers])
            db.session.commit()
        yield app, people


def adopt(template_id: int, team_id: int, user_id: int):
    def call():
        template, team = db.session.get(Template, template_id), db.session.get(Team, team_id)
        user = db.session.get(User, user_id)
        plan = perform(activities.create_plan, user, team, template.name, "", template.steps, template.id)
        return plan.id

    return call


def move(activity_id: int, user_id: int, status: ActivityStatus | None = None, participants: int = 0):
    def call():
        activity, user = db.session.get(Activity, activity_id), db.session.get(User, user_id)
        team = db.session.get(Team, activity.team_id)
        if status is None:
            perform(lifecycle.mark_evaluated, user, team, activity, participants)
        else:
            perform(lifecycle.change_status, user, team, activity, status)
        return [str(message) for message in get_flashed_messages()]  # a refusal says why

    return call


def figures(app, template_id: int) -> tuple:
    with app.app_context():
        try:
            return practice.figures(template_id), recomputed(template_id)
        finally:
            db.session.remove()


@pytest.mark.parametrize("attempt", range(3))
def test_teams_adopting_and_completing_one_template_at_once_lose_no_count(committed, attempt):
    app, people = committed
    with app.app_context():
        template_id = make_template().id
        db.session.commit()
        db.session.remove()

    # Every team adopts the template twice at the same moment: each team counts once.
    calls = [adopt(template_id, team_id, user_id) for team_id, user_id in people.teams for _ in range(2)]
    plan_ids = together(app, calls)
    assert all(isinstance(plan_id, int) for plan_id in plan_ids), plan_ids
    kept, counted = figures(app, template_id)
    assert kept == counted == practice.PracticeFigures(TEAMS, 0, 0)

    def start_in(hours: int) -> None:
        with app.app_context():
            for plan_id in plan_ids:
                db.session.get(Activity, plan_id).starts_at = utcnow() + timedelta(hours=hours)
            db.session.commit()
            db.session.remove()

    start_in(2)  # planned while the day is still to come (issue 24, item 3)
    owner = dict(zip(plan_ids, [user_id for _team, user_id in people.teams for _ in range(2)], strict=True))
    planned = together(app, [move(plan_id, owner[plan_id], ActivityStatus.PLANNED) for plan_id in plan_ids])
    start_in(-2)  # and the day has come
    done = together(app, [move(plan_id, owner[plan_id], ActivityStatus.DONE) for plan_id in plan_ids])
    assert planned == done == [[]] * len(plan_ids)
    kept, counted = figures(app, template_id)
    assert kept == counted == practice.PracticeFigures(TEAMS, 2 * TEAMS, 0)

    evaluated = together(app, [move(plan_id, owner[plan_id], participants=n) for n, plan_id in enumerate(plan_ids)])
    assert evaluated == [[]] * len(plan_ids)
    kept, counted = figures(app, template_id)
    assert kept == counted == practice.PracticeFigures(TEAMS, 2 * TEAMS, sum(range(2 * TEAMS)))
