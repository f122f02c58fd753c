"""A template's practice figures are kept per template (activities.practice) and must equal a
count of the activities themselves after any sequence of changes: adopting, planning,
taking place, evaluating (and evaluating again), cancelling, deleting an idea, and changes
made straight on the rows the services never make (back from done, a moved activity)."""

from datetime import timedelta
from types import SimpleNamespace

import sqlalchemy as sa
from hypothesis import Phase, given, settings
from hypothesis import strategies as st

from app.accounts.models import User
from app.activities import lifecycle, practice
from app.activities import services as activities
from app.activities.models import HAPPENED, Activity, ActivityStatus, TemplateAdoption
from app.core.errors import RuleViolated
from app.core.models import utcnow
from app.extensions import db
from app.teams.models import Team
from app.templates_library.models import Template
from tests.factories import make_activity, make_neighbourhood, make_team, make_template, make_user

ACTIONS = ("adopt", "adopt", "plan", "done", "done", "evaluate", "cancel", "delete", "raw_status", "raw_move")
steps = st.lists(st.tuples(st.sampled_from(ACTIONS), st.integers(0, 20), st.integers(0, 40)), min_size=5, max_size=30)


def recomputed(template_id: int) -> practice.PracticeFigures:
    """The figures as the template page added them up before they were kept."""
    happened = Activity.status.in_(HAPPENED)
    row = db.session.execute(
        sa.select(
            sa.func.count(sa.distinct(Activity.team_id)),
            sa.func.count(Activity.id).filter(happened),
            sa.func.coalesce(sa.func.sum(Activity.actual_participants).filter(happened), 0),
        ).where(Activity.template_id == template_id)
    ).one()
    return practice.PracticeFigures(*row)


def assert_kept(template_ids) -> None:
    db.session.flush()
    for template_id in template_ids:
        assert practice.figures(template_id) == recomputed(template_id), template_id
    adoptions = db.session.execute(sa.select(TemplateAdoption.template_id, TemplateAdoption.team_id)).all()
    pairs = db.session.execute(
        sa.select(Activity.template_id, Activity.team_id).where(Activity.template_id.is_not(None)).distinct()
    ).all()
    assert sorted(adoptions) == sorted(pairs)


def _people() -> SimpleNamespace:
    hood = make_neighbourhood()
    trekker = make_user("Tineke Trekker", hood)
    teams = [make_team(hood, trekker) for _ in range(3)]
    templates = [make_template() for _ in range(2)]
    return SimpleNamespace(
        trekker_id=trekker.id, team_ids=[team.id for team in teams], template_ids=[t.id for t in templates]
    )


def _apply(world, action: str, target: int, choice: int) -> None:
    """One change; a refused service call rolls back its savepoint, as `perform` does."""
    mine = list(db.session.scalars(sa.select(Activity).where(Activity.team_id.in_(world.team_ids))))
    activity = mine[target % len(mine)] if mine else None
    team = db.session.get(Team, activity.team_id if activity else world.team_ids[target % 3])
    if choice % 4 == 0:
        db.session.expire_all()  # the old values must be known even when not loaded
    try:
        with db.session.begin_nested():
            if action == "adopt" or activity is None:
                template = db.session.get(Template, world.template_ids[choice % 2])
                team = db.session.get(Team, world.team_ids[target % 3])
                activities.create_plan(world.trekker, team, template.name, "", template.steps, template.id)
            elif action == "plan":
                activity.starts_at = utcnow() - timedelta(hours=1)
                lifecycle.change_status(world.trekker, team, activity, ActivityStatus.PLANNED)
            elif action == "done":
                lifecycle.change_status(world.trekker, team, activity, ActivityStatus.DONE)
            elif action == "evaluate":
                lifecycle.mark_evaluated(world.trekker, team, activity, choice)
            elif action == "cancel":
                lifecycle.change_status(world.trekker, team, activity, ActivityStatus.CANCELLED, "Regen")
            elif action == "delete":
                activities.delete_idea(world.trekker, team, activity)
            elif action == "raw_status":
                activity.status = list(ActivityStatus)[choice % len(ActivityStatus)]
                activity.actual_participants = choice if choice % 3 else None
            else:  # another template or none, another team: what no service does today
                activity.template_id = (world.template_ids + [None])[choice % 3]
                activity.team_id = world.team_ids[choice % 3]
            db.session.flush()
    except RuleViolated:
        pass


def test_the_kept_figures_equal_a_count_of_the_activities_after_any_changes(app):
    people = _people()

    @settings(max_examples=40, deadline=None, phases=(Phase.explicit, Phase.reuse, Phase.generate))
    @given(plan=steps)
    def run(plan):
        # A new app context is a new session whose savepoint is rolled back when it closes:
        # the example's activities go with it.
        with app.app_context(), app.test_request_context():
            world = SimpleNamespace(**vars(people), trekker=db.session.get(User, people.trekker_id))
            for action, target, choice in plan:
                _apply(world, action, target, choice)
                assert_kept(people.template_ids)

    run()


def test_two_activities_of_one_team_count_the_team_once_until_both_are_gone(ctx):
    hood = make_neighbourhood()
    anna = make_user("Anna", hood)
    team, template = make_team(hood, anna), make_template()
    first, second = make_activity(team, anna, template), make_activity(team, anna, template)
    assert practice.figures(template.id) == practice.PracticeFigures(1, 0, 0)
    activities.delete_idea(anna, team, first)
    assert practice.figures(template.id) == practice.PracticeFigures(1, 0, 0)
    activities.delete_idea(anna, team, second)
    assert practice.figures(template.id) == practice.PracticeFigures(0, 0, 0)
    assert_kept([template.id])


def test_recount_repairs_figures_after_a_bulk_load(ctx):
    hood = make_neighbourhood()
    anna = make_user("Anna", hood)
    team, template = make_team(hood, anna), make_template()
    make_activity(team, anna, template, ActivityStatus.EVALUATED, actual_participants=5)
    db.session.execute(
        sa.insert(Activity),
        [dict(team_id=team.id, template_id=template.id, title="Bulk", status="done", actual_participants=3)] * 4,
    )
    practice.recount()
    assert practice.figures(template.id) == practice.PracticeFigures(1, 5, 17) == recomputed(template.id)


def test_bulk_sql_moves_the_figures_as_it_writes(ctx):
    """The database keeps the figures (a trigger): bulk inserts, updates and deletes that pass
    by the ORM count at once, without a recount."""
    hood = make_neighbourhood()
    anna = make_user("Anna", hood)
    team, other, template = make_team(hood, anna), make_team(hood, anna, name="Tweede"), make_template()
    rows = [dict(team_id=team.id, template_id=template.id, title="Bulk", status="done", actual_participants=3)] * 4
    db.session.execute(sa.insert(Activity), rows)
    assert practice.figures(template.id) == practice.PracticeFigures(1, 4, 12) == recomputed(template.id)
    bulk = sa.update(Activity).where(Activity.title == "Bulk")
    db.session.execute(bulk.where(Activity.actual_participants == 3).values(actual_participants=5))
    assert practice.figures(template.id) == practice.PracticeFigures(1, 4, 20) == recomputed(template.id)
    moved = sa.select(sa.func.min(Activity.id)).where(Activity.title == "Bulk").scalar_subquery()
    db.session.execute(sa.update(Activity).where(Activity.id == moved).values(team_id=other.id, status="planned"))
    assert practice.figures(template.id) == practice.PracticeFigures(2, 3, 15) == recomputed(template.id)
    db.session.execute(sa.delete(Activity).where(Activity.title == "Bulk"))
    assert practice.figures(template.id) == practice.PracticeFigures(0, 0, 0) == recomputed(template.id)
    assert_kept([template.id])


def test_an_activity_changed_or_deleted_unread_still_moves_the_figures(ctx):
    """The old values are read when the flush needs them, not only when a service read them."""
    hood = make_neighbourhood()
    anna = make_user("Anna", hood)
    team, template = make_team(hood, anna), make_template()
    done = make_activity(team, anna, template, ActivityStatus.DONE, actual_participants=4)
    other = make_activity(make_team(hood, anna), anna, template)
    db.session.expire_all()
    done.actual_participants = 9
    db.session.flush()
    assert practice.figures(template.id) == practice.PracticeFigures(2, 1, 9)
    db.session.expire_all()
    db.session.delete(db.session.get(Activity, other.id))
    db.session.delete(done)
    assert_kept([template.id])
    assert practice.figures(template.id) == practice.PracticeFigures(0, 0, 0)
