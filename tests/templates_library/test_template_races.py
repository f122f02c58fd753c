"""Templates under races (issue 22, the races SQLite hid): two coordinators add a template of
the same name at the same moment, in parallel transactions on PostgreSQL. Both pick the
same free address (slug); the database keeps it unique, and the second coordinator reads
why instead of getting a 500."""

import pytest
import sqlalchemy as sa

from app.accounts.models import User
from app.core.views import perform
from app.extensions import db
from app.templates_library import services as library
from app.templates_library.content import normalise
from app.templates_library.models import Template
from tests.factories import make_user
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
