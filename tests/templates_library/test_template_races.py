"""Templates under races (issue 22, the races SQLite hid): two coordinators add a template of
the same name at the same moment, in parallel transactions on PostgreSQL. Both pick the
same free address (slug); the database keeps it unique, and the second coordinator reads
why instead of getting a 500. A template adopted while the seed command removes it is kept
for the plan; of two edits at once (by two coordinators, or by one and the seed command) the
template keeps one whole, with the filters that go with it, and a local edit is never
overwritten by the seed."""

import pytest
import sqlalchemy as sa
from werkzeug.exceptions import NotFound

from app.accounts.models import User
from app.activities.models import Activity
from app.core.views import perform
from app.extensions import db
from app.teams.models import Team
from app.templates_library import services as library
from app.templates_library.content import CONTENT_FIELDS, normalise
from app.templates_library.models import FacetKind, Template, TemplateFacet
from app.templates_library.routes import load_template_or_404
from app.templates_library.seeding import sync_templates
from tests.factories import make_neighbourhood, make_team, make_template, make_user
from tests.live import arrange, together

pytestmark = [pytest.mark.no_db_transaction, pytest.mark.many_connections]


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
        return template.id, template.slug, team.id, tess.id

    template_id, slug, team_id, tess_id = arrange(app, build)

    def seed():
        sync_templates({})
        db.session.commit()

    def adopt():
        template = load_template_or_404(slug)  # as the route does: a template gone first is a 404
        return perform(library.adopt, db.session.get(User, tess_id), template, db.session.get(Team, team_id))

    seeded, adopted = together(app, [seed, adopt])
    # The adopter's plan (an activity), or the 404 of a template that was gone first.
    assert seeded is None and (isinstance(adopted, Activity) or isinstance(adopted, NotFound)), (seeded, adopted)
    with app.app_context():
        kept = db.session.get(Template, template_id)
        plans = db.session.scalar(sa.select(sa.func.count()).where(Activity.template_id == template_id))
        db.session.remove()
    assert (kept is not None, plans) in ((True, 1), (False, 0))


def _content(template: Template, problems: list[str]) -> dict:
    return {name: getattr(template, name) for name in CONTENT_FIELDS} | {"problems": problems}


def _facets(app, template_id: int) -> tuple[list[str], list[str], bool]:
    """The template's problems, its problem facets (which the filters read), and whether it
    counts as edited locally."""
    with app.app_context():
        try:
            template = db.session.get(Template, template_id)
            facets = db.session.scalars(
                sa.select(TemplateFacet.key).where(
                    TemplateFacet.template_id == template_id, TemplateFacet.kind == FacetKind.PROBLEM
                )
            ).all()
            return sorted(template.problems), sorted(facets), template.locally_edited
        finally:
            db.session.remove()


def _edit(user_id: int, template_id: int, problems: list[str]):
    def call():
        template = db.session.get(Template, template_id)
        return perform(library.update_template, db.session.get(User, user_id), template, _content(template, problems))

    return call


@pytest.mark.parametrize("attempt", range(10))
def test_two_coordinators_editing_one_template_at_once_leave_its_filters_true(served, attempt):
    app, _base = served
    template_id, cor_id, dee_id = arrange(
        app, lambda: (make_template().id, *(make_user(n, is_coordinator=True).id for n in ("Cor", "Dee")))
    )
    results = together(app, [_edit(cor_id, template_id, ["eenzaamheid"]), _edit(dee_id, template_id, ["vervuiling"])])
    assert results == [True, True], results
    problems, facets, _edited = _facets(app, template_id)
    # One edit's problems, and the filters find the template under exactly those.
    assert problems in (["eenzaamheid"], ["vervuiling"]) and facets == problems


@pytest.mark.parametrize("attempt", range(10))
def test_a_template_edited_while_its_seed_changes_keeps_the_edit(served, attempt):
    app, _base = served

    def build():
        template = make_template()
        template.seed_hash = "0" * 64
        seed = _content(template, ["jeugdoverlast"]) | {"summary": "De nieuwe tekst van de seed."}
        return template.id, template.slug, seed, make_user("Cor", is_coordinator=True).id

    template_id, slug, seed, cor_id = arrange(app, build)

    def sync():
        sync_templates({slug: seed})
        db.session.commit()

    results = together(app, [sync, _edit(cor_id, template_id, ["eenzaamheid"])])
    assert not any(isinstance(result, BaseException) for result in results), results
    # The seed first and the edit over it, or the edit first and the seed kept out: the edit stays.
    assert _facets(app, template_id) == (["eenzaamheid"], ["eenzaamheid"], True)
