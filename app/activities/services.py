"""Activities and their checklists. Services flush; the request commits. A change that
depends on an activity's status takes its row lock first and reads it again (`lock`), so two
changes at the same moment each start from what the other left."""

import functools

import sqlalchemy as sa
from flask import abort
from sqlalchemy.orm import joinedload, selectinload

from app.activities import practice
from app.activities.models import Activity, ActivityStatus, ChecklistItem
from app.activities.policy import PLANNERS
from app.activities.practice import PracticeFigures
from app.core.audit import record
from app.core.errors import RuleViolated
from app.core.i18n import lazy_gettext as _l
from app.core.locks import locked
from app.core.models import utcnow
from app.core.policy import authorize
from app.extensions import db
from app.teams import services as teams
from app.teams.models import Membership, MembershipState, Team, TeamStatus

# --- reading -------------------------------------------------------------------------


# Session key: the team whose activities the person looked at last, preselected when they
# adopt a template from the library.
PLANNING_TEAM = "planning_team"


def planning_teams(user) -> list[Team]:
    """The open teams the user plans activities for (as member or trekker)."""
    if not user.is_authenticated:
        return []
    return list(
        db.session.scalars(
            sa.select(Team)
            .join(Membership, Membership.team_id == Team.id)
            .where(
                Membership.user_id == user.id,
                Membership.state == MembershipState.ACTIVE,
                Membership.role.in_(PLANNERS),
                Team.status != TeamStatus.ARCHIVED,
            )
            .order_by(Team.name, Team.id)
        )
    )


def team_activities(team: Team) -> list[Activity]:
    return list(
        db.session.scalars(
            sa.select(Activity).where(Activity.team_id == team.id).order_by(Activity.created_at.desc(), Activity.id)
        )
    )


def overview(activities: list[Activity], now) -> dict[str, list[Activity]]:
    """The team's activities as the overview groups them: coming up (soonest first), ideas,
    to evaluate (they took place), and past (evaluated or cancelled, newest first)."""
    groups: dict[str, list[Activity]] = {"upcoming": [], "ideas": [], "to_evaluate": [], "past": []}
    for activity in activities:
        if activity.status == ActivityStatus.IDEA:
            groups["ideas"].append(activity)
        elif activity.status == ActivityStatus.PLANNED and (activity.starts_at is None or activity.starts_at > now):
            groups["upcoming"].append(activity)
        elif activity.status in (ActivityStatus.PLANNED, ActivityStatus.DONE):
            groups["to_evaluate"].append(activity)
        else:
            groups["past"].append(activity)
    groups["upcoming"].sort(key=lambda activity: activity.starts_at)
    groups["past"].sort(key=lambda activity: activity.starts_at or activity.created_at, reverse=True)
    return groups


def checklist_progress(activity_ids: list[int]) -> dict[int, tuple[int, int]]:
    """Per activity: steps done and steps in all, in one statement."""
    if not activity_ids:
        return {}
    rows = db.session.execute(
        sa.select(ChecklistItem.activity_id, sa.func.count(ChecklistItem.done_at), sa.func.count())
        .where(ChecklistItem.activity_id.in_(activity_ids))
        .group_by(ChecklistItem.activity_id)
    )
    return {activity_id: (done, total) for activity_id, done, total in rows}


def plans_from(team: Team, template_id: int) -> list[Activity]:
    """The team's plans made from this template, newest first (adopting again asks first)."""
    return list(
        db.session.scalars(
            sa.select(Activity)
            .where(Activity.team_id == team.id, Activity.template_id == template_id)
            .order_by(Activity.created_at.desc(), Activity.id.desc())
        )
    )


@functools.cache
def _team_membership_and_activity() -> sa.Select:
    """The team with the person's membership (teams.services) and the team's activity with
    its checklist, in one statement built once: every page of an activity reads them."""
    theirs = sa.and_(Activity.team_id == Team.id, Activity.id == sa.bindparam("activity_id"))
    return (
        teams.team_and_membership()
        .add_columns(Activity)
        .outerjoin(Activity, theirs)
        .options(joinedload(Activity.checklist), joinedload(Activity.template))
    )


def load_for(user, action: str, team_id: int, activity_id: int) -> tuple[Team, Activity]:
    """For routes: the team (404), the person's right to `action` in it (403), then the
    team's activity (404). Another team's activity does not exist here."""
    team, _membership, activity = teams.team_row_or_404(
        _team_membership_and_activity(), team_id, activity_id=activity_id
    )
    authorize(user, action, team)
    if activity is None:
        abort(404)
    return team, activity


def lock(activity: Activity) -> Activity:
    """The activity's row lock until the commit, and the activity with its checklist as it
    is now; Gone when it was deleted meanwhile."""
    return locked(activity, selectinload(Activity.checklist), joinedload(Activity.template))


def practice_figures(template_id: int) -> PracticeFigures:
    """What came of a template: teams that adopted it, activities that took place, and the
    participants those activities reached; kept up to date by every activity change."""
    return practice.figures(template_id)


def template_ids_in_use() -> set[int]:
    """Templates that some team adopted: they are kept when their seed disappears."""
    return set(db.session.scalars(sa.select(Activity.template_id).where(Activity.template_id.is_not(None)).distinct()))


# --- changing ------------------------------------------------------------------------


def create_plan(
    actor, team: Team, title: str, description: str, steps: list[dict[str, str]], template_id: int | None = None
) -> Activity:
    """A member or trekker starts an activity plan (status idea) with the steps as checklist."""
    authorize(actor, "activity.plan", team)
    activity = Activity(
        team_id=team.id,
        template_id=template_id,
        created_by_id=actor.id,
        title=title[:150],
        description=description,
        status=ActivityStatus.IDEA,
    )
    activity.checklist = [
        ChecklistItem(position=position, title=step["title"][:200], description=step.get("description") or "")
        for position, step in enumerate(steps, start=1)
    ]
    db.session.add(activity)
    db.session.flush()
    teams.touch(actor, team)
    record(actor, "activity.created", activity, team_id=team.id, template_id=template_id)
    db.session.flush()
    return activity


def toggle_step(actor, team: Team, activity: Activity, item_id: int) -> ChecklistItem:
    """Tick a step off, or undo the tick; a cancelled activity's checklist stays as it was."""
    authorize(actor, "activity.plan", team)
    if activity.status == ActivityStatus.CANCELLED:
        raise RuleViolated(_l("Deze activiteit gaat niet door. De stappen kunt u niet meer afvinken."))
    item = next((item for item in activity.checklist if item.id == item_id), None)
    if item is None:
        raise RuleViolated(_l("Deze stap hoort niet bij deze activiteit."))
    if item.done_at is None:
        item.done_at, item.done_by_id = utcnow(), actor.id
    else:
        item.done_at, item.done_by_id = None, None
    db.session.flush()
    return item


def delete_idea(actor, team: Team, activity: Activity) -> None:
    """A trekker deletes a plan that is still an idea (e.g. adopted twice by mistake);
    once planned, an activity is cancelled instead, so that sign-ups are told."""
    authorize(actor, "activity.delete", team)
    lock(activity)
    if activity.status != ActivityStatus.IDEA:
        raise RuleViolated(_l("Alleen een idee kunt u verwijderen. Een geplande activiteit kunt u afzeggen."))
    record(actor, "activity.deleted", team, activity_id=activity.id, title=activity.title)
    db.session.delete(activity)
    db.session.flush()
