"""The practice figures of a template (teams that adopted it, activities that took place,
participants reached), kept per template instead of added up on every view.

A row trigger on activity (migration e28p00000001) moves the figures in the transaction of
every write the database sees, from a service, a test or bulk SQL alike, with increments the
database does itself (`n = n + d`): two transactions changing activities of one template at
once both count. A team counts once however many activities it has from a template: its
adoption row holds that number, and the team is added to the template's count when the
number goes from 0 to 1 and taken off when it returns to 0. The row is changed with an
upsert that returns the new number under the row's lock, so of two activities of one team
created or deleted at the same moment exactly one sees the team arrive or leave."""

from dataclasses import dataclass

import sqlalchemy as sa

from app.activities.models import HAPPENED, Activity, TemplateAdoption, TemplatePractice
from app.extensions import db


@dataclass(frozen=True)
class PracticeFigures:
    teams: int
    activities_done: int
    participants: int


def figures(template_id: int) -> PracticeFigures:
    """One lookup by primary key; a template no team ever used has no row yet."""
    row = db.session.execute(
        sa.select(TemplatePractice.teams, TemplatePractice.activities_done, TemplatePractice.participants).where(
            TemplatePractice.template_id == template_id
        )
    ).first()
    return PracticeFigures(*row) if row else PracticeFigures(0, 0, 0)


# --- recounting ----------------------------------------------------------------------


def recount() -> None:
    """Fill the figures again from the activities, in two statements per table: a repair
    (the trigger keeps them); the migration that added the trigger did the same once."""
    activity, happened = Activity.__table__, Activity.status.in_(HAPPENED)
    adoption, practice = TemplateAdoption.__table__, TemplatePractice.__table__
    used = activity.c.template_id.is_not(None)
    db.session.execute(sa.delete(adoption))
    db.session.execute(
        sa.insert(adoption).from_select(
            ["template_id", "team_id", "activities"],
            sa.select(activity.c.template_id, activity.c.team_id, sa.func.count())
            .where(used)
            .group_by(activity.c.template_id, activity.c.team_id),
        )
    )
    db.session.execute(sa.delete(practice))
    db.session.execute(
        sa.insert(practice).from_select(
            ["template_id", "teams", "activities_done", "participants"],
            sa.select(
                activity.c.template_id,
                sa.func.count(sa.distinct(activity.c.team_id)),
                sa.func.count().filter(happened),
                sa.func.coalesce(sa.func.sum(activity.c.actual_participants).filter(happened), 0),
            )
            .where(used)
            .group_by(activity.c.template_id),
        )
    )
