"""Templates under races (issue 22, the races SQLite hid): two coordinators add a template of
the same name at the same moment, in parallel transactions on PostgreSQL. Both pick the
same free address (slug); the database keeps it unique, and the second coordinator reads
why instead of getting a 500. A template adopted while the seed command removes it is kept
for the plan."""

import pytest
import sqlalchemy as sa

from app.accounts.models import User
from app.activities.models import Activity
from app.core.views import perform
from app.extensions import db
from app.teams.models import Team
from app.templates_library import services as library
from app.templates_library.content import normalise
from app.templates_library.models import Template
from app.templates_library.seeding import sync_templates
from tests.factories import make_neighbourhood, make_team, make_template, make_user
from tests.live import arrange, together

pytestmark = pytest.mark.no_db_transaction


@pytest.mark.parametrize("attempt", range(10))
def test_two_templates_of_one_name_added_at_once_never_fail(served, attempt):
    app, _base = served
    name = f"Burendag {attempt}"
    staff = arrange(app, lambda: [make_user(n, is_coordinator=True).id for n in ("Cor", "Dee")])
    content = normalise(
        {
            "name": name,
            "summary": "Een dag voor en met de buren.",
            "goal": "Buren leren elkaar kennen.",
            "description": "Bewoners komen samen en maken een plan.",
            "recognition": "praktijkvoorbeeld",
            "form": "werkwijze",
            "problems": ["weinig_contact"],
            "solution_directions": ["ontmoeting"],
            "steps": [{"title": "Buren uitnodigen", "description": ""}],
        }
    )

    def add(user_id: int):
        return lambda: perform(library.create_template, db.session.get(User, user_id), content)

    results = together(app, [add(user_id) for user_id in staff])
    assert not any(isinstance(result, BaseException) for result in results), results
    with app.app_context():
        slugs = db.session.scalars(sa.select(Template.slug).where(Template.name == name)).all()
        db.session.remove()
    assert len(slugs) == len(set(slugs)) >= 1


@pytest.mark.parametrize("attempt", range(10))
def test_a_template_adopted_while_its_seed_is_removed_is_kept_for_the_plan(served, attempt):
    """`flask seed templates` deletes a seeded template no team adopted, and retires one that
    a team did. A team adopting it at that very moment gets its plan, and the template stays
    (retired); or the template is gone first, and the team is told so; never a 500 or a
    failed seed run."""
    app, _base = served

    def build():
        hood = make_neighbourhood()
        tess = make_user("Tess", hood)
        team = make_team(hood, tess)
        template = make_template()
        template.seed_hash = "0" * 64  # made from a seed file that is now removed
        return template.id, team.id, tess.id

    template_id, team_id, tess_id = arrange(app, build)

    def seed():
        sync_templates({})
        db.session.commit()

    def adopt():
        template, team = db.session.get(Template, template_id), db.session.get(Team, team_id)
        return perform(library.adopt, db.session.get(User, tess_id), template, team)

    results = together(app, [seed, adopt])
    assert not any(isinstance(result, BaseException) for result in results), results
    with app.app_context():
        kept = db.session.get(Template, template_id)
        plans = db.session.scalar(sa.select(sa.func.count()).where(Activity.template_id == template_id))
        db.session.remove()
    assert (kept is not None, plans) in ((True, 1), (False, 0))
