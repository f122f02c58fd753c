"""An activity under races (issue 22, the races SQLite hid): real parallel requests against
the served app on PostgreSQL. Every change of an activity takes its row lock and reads it
again, so each move starts from the status the other left: an activity is done or cancelled,
never both; a deleted idea was never planned; a cancelled one is not edited after; and the
practice figures count it once."""

from datetime import timedelta
from types import SimpleNamespace

import pytest
import sqlalchemy as sa

from app.activities import practice
from app.activities.models import ActivityStatus
from app.core.audit import AuditEntry
from app.core.models import utcnow
from app.extensions import db
from tests.activities.test_practice_figures import recomputed
from tests.factories import add_member, make_activity, make_neighbourhood, make_team, make_template, make_user
from tests.live import all_at_once, arrange, count_rows, logged_in

pytestmark = [pytest.mark.no_db_transaction, pytest.mark.many_connections]
ROUNDS = range(10)


def _activity(app, name: str, status: ActivityStatus, starts_in: timedelta) -> SimpleNamespace:
    """An activity of Tess's team from a template; Tom is a member."""

    def build():
        hood = make_neighbourhood()
        tess = make_user("Tess", hood, email=f"tess-{name}@example.org")
        team = make_team(hood, tess)
        add_member(team, make_user("Tom", hood, email=f"tom-{name}@example.org"))
        template = make_template()
        activity = make_activity(team, tess, template, status=status)
        activity.starts_at = utcnow() + starts_in
        url = f"/teams/{team.id}/activiteiten/{activity.id}"
        return SimpleNamespace(id=activity.id, template=template.id, url=url)

    return arrange(app, build)


def _sessions(base: str, name: str, *people: str):
    return [logged_in(base, f"{person}-{name}@example.org") for person in people]


def _figures_kept(app, template_id: int) -> bool:
    with app.app_context():
        try:
            return practice.figures(template_id) == recomputed(template_id)
        finally:
            db.session.remove()


def _moves(app, activity_id: int, *actions: str) -> int:
    return count_rows(
        app,
        sa.select(sa.func.count()).where(
            AuditEntry.action.in_(actions),
            sa.or_(
                sa.and_(AuditEntry.object_type == "activity", AuditEntry.object_id == activity_id),
                AuditEntry.data["activity_id"].as_string() == str(activity_id),
            ),
        ),
    )


def _evaluation(participants: int) -> dict:
    return {"participants": participants, "new_contacts": 1, "went_well": "Veel buren", "could_be_better": ""}


@pytest.mark.parametrize("attempt", ROUNDS)
def test_two_evaluations_saved_at_once_count_the_activity_once(served, attempt):
    app, base = served
    name = f"evaluate{attempt}"
    activity = _activity(app, name, ActivityStatus.DONE, timedelta(hours=-3))
    tess, tom = _sessions(base, name, "tess", "tom")
    url = f"{base}{activity.url}/terugkijken/invullen"
    answers = all_at_once([lambda: tess.post(url, data=_evaluation(10)), lambda: tom.post(url, data=_evaluation(20))])
    assert all(answer < 500 for answer in answers), answers
    assert _figures_kept(app, activity.template)


@pytest.mark.parametrize("attempt", ROUNDS)
def test_an_activity_marked_done_and_cancelled_at_once_is_one_of_the_two(served, attempt):
    app, base = served
    name = f"done{attempt}"
    activity = _activity(app, name, ActivityStatus.PLANNED, timedelta(hours=-3))
    tess, tom = _sessions(base, name, "tess", "tom")
    answers = all_at_once(
        [
            lambda: tess.post(f"{base}{activity.url}/gedaan"),
            lambda: tom.post(f"{base}{activity.url}/afzeggen", data={"reason": "Regen"}),
        ]
    )
    assert all(answer < 500 for answer in answers), answers
    assert _moves(app, activity.id, "activity.status_changed") == 1
    assert _figures_kept(app, activity.template)


@pytest.mark.parametrize("attempt", ROUNDS)
def test_an_idea_planned_and_deleted_at_once_is_one_of_the_two(served, attempt):
    app, base = served
    name = f"delete{attempt}"
    activity = _activity(app, name, ActivityStatus.IDEA, timedelta(days=7))
    tess, tom = _sessions(base, name, "tess", "tom")
    answers = all_at_once(
        [
            lambda: tom.post(f"{base}{activity.url}/plannen"),
            lambda: tess.post(f"{base}{activity.url}/verwijderen"),
        ]
    )
    assert all(answer < 500 for answer in answers), answers
    # Deleted as an idea, or planned (and then only cancelling ends it): never a planned one deleted.
    assert _moves(app, activity.id, "activity.status_changed", "activity.deleted") == 1
    assert _figures_kept(app, activity.template)


@pytest.mark.parametrize("attempt", ROUNDS)
def test_an_activity_edited_while_it_is_cancelled_is_never_edited_after(served, attempt):
    app, base = served
    name = f"edit{attempt}"
    activity = _activity(app, name, ActivityStatus.PLANNED, timedelta(days=7))
    tess, tom = _sessions(base, name, "tess", "tom")
    form = {"title": "Burendag", "kind": "party", "starts_at": "2027-06-14T14:00", "location": "Binnentuin"}
    answers = all_at_once(
        [
            lambda: tess.post(f"{base}{activity.url}/afzeggen", data={"reason": "Regen"}),
            lambda: tom.post(f"{base}{activity.url}/bewerken", data=form),
        ]
    )
    assert all(answer < 500 for answer in answers), answers
    with app.app_context():
        order = db.session.scalars(
            sa.select(AuditEntry.action)
            .where(AuditEntry.object_type == "activity", AuditEntry.object_id == activity.id)
            .where(AuditEntry.action.in_(["activity.updated", "activity.status_changed"]))
            .order_by(AuditEntry.id)
        ).all()
        db.session.remove()
    # Edited and then cancelled, or cancelled (and the edit refused): a cancelled one stays as it was.
    assert order in (["activity.updated", "activity.status_changed"], ["activity.status_changed"])
