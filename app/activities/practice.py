"""The practice figures of a template (teams that adopted it, activities that took place,
participants reached), kept per template instead of added up on every view.

Every flush that inserts, changes or deletes an activity moves the figures in the same
transaction, whichever service or test made the change, with increments the database does
itself (`n = n + :d`): two transactions changing activities of one template at once both
count. A team counts once however many activities it has from a template: its adoption row
holds that number, and the team is added to the template's count when the number goes from
0 to 1 and taken off when it returns to 0. The row is changed with an upsert that returns
the new number under the row's lock, so of two activities of one team created or deleted at
the same moment exactly one sees the team arrive or leave.

Bulk SQL (`sa.insert(Activity)`, `sa.update(Activity)`) passes by the ORM and so by these
counts: a bulk loader calls `recount()` afterwards."""

from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert

from app.activities.models import HAPPENED, Activity, TemplateAdoption, TemplatePractice
from app.extensions import db

COUNTED = ("template_id", "team_id", "status", "actual_participants")


@dataclass(frozen=True)
class PracticeFigures:
    teams: int
    activities_done: int
    participants: int


@dataclass(frozen=True)
class Share:
    """What one activity adds to its template's figures."""

    template_id: int | None
    team_id: int | None
    done: int
    participants: int

    @classmethod
    def of(cls, template_id, team_id, status, actual_participants) -> "Share":
        happened = status in HAPPENED
        return cls(template_id, team_id, int(happened), (actual_participants or 0) if happened else 0)


def figures(template_id: int) -> PracticeFigures:
    """One lookup by primary key; a template no team ever used has no row yet."""
    row = db.session.execute(
        sa.select(TemplatePractice.teams, TemplatePractice.activities_done, TemplatePractice.participants).where(
            TemplatePractice.template_id == template_id
        )
    ).first()
    return PracticeFigures(*row) if row else PracticeFigures(0, 0, 0)


# --- keeping them --------------------------------------------------------------------


def _add(connection: sa.Connection, template_id: int, teams: int, done: int, participants: int) -> None:
    if not (teams or done or participants):
        return
    table = TemplatePractice.__table__
    upsert = insert(table).values(template_id=template_id, teams=teams, activities_done=done, participants=participants)
    connection.execute(
        upsert.on_conflict_do_update(
            index_elements=[table.c.template_id],
            set_={
                "teams": table.c.teams + upsert.excluded.teams,
                "activities_done": table.c.activities_done + upsert.excluded.activities_done,
                "participants": table.c.participants + upsert.excluded.participants,
            },
        )
    )


def _adopt(connection: sa.Connection, share: Share) -> int:
    """One more activity of the team from the template; 1 when the team is new to it."""
    table = TemplateAdoption.__table__
    upsert = insert(table).values(template_id=share.template_id, team_id=share.team_id, activities=1)
    activities = connection.scalar(
        upsert.on_conflict_do_update(
            index_elements=[table.c.template_id, table.c.team_id],
            set_={"activities": table.c.activities + 1},
        ).returning(table.c.activities)
    )
    return int(activities == 1)


def _drop(connection: sa.Connection, share: Share) -> int:
    """One activity of the team from the template fewer; 1 when it was the team's last."""
    table = TemplateAdoption.__table__
    pair = (table.c.template_id == share.template_id, table.c.team_id == share.team_id)
    left = connection.scalar(
        sa.update(table).where(*pair).values(activities=table.c.activities - 1).returning(table.c.activities)
    )
    if left != 0:
        return 0
    # Still under the row's lock: a parallel adoption waits for this delete and then inserts.
    connection.execute(sa.delete(table).where(*pair))
    return 1


def _move(connection: sa.Connection, before: Share | None, after: Share | None) -> None:
    before = before if before and before.template_id else None
    after = after if after and after.template_id else None
    if before == after:
        return
    if before and after and (before.template_id, before.team_id) == (after.template_id, after.team_id):
        _add(connection, after.template_id, 0, after.done - before.done, after.participants - before.participants)
        return
    if before:
        _add(connection, before.template_id, -_drop(connection, before), -before.done, -before.participants)
    if after:
        _add(connection, after.template_id, _adopt(connection, after), after.done, after.participants)


def _values(target: Activity, which: str) -> Share:
    """The counted fields as they were ("before") or are now ("after") in this flush."""
    state = sa.inspect(target)
    values = []
    for name in COUNTED:
        history = state.attrs[name].history
        if which == "after" or not history.has_changes():
            values.append(getattr(target, name))
        else:
            values.append(history.deleted[0] if history.deleted else None)
    return Share.of(*values)


@sa.event.listens_for(Activity, "after_insert")
def _inserted(_mapper, connection, target) -> None:
    _move(connection, None, _values(target, "after"))


@sa.event.listens_for(Activity, "after_update")
def _updated(_mapper, connection, target) -> None:
    _move(connection, _values(target, "before"), _values(target, "after"))


@sa.event.listens_for(Activity, "before_delete")
def _deleted(_mapper, connection, target) -> None:
    _move(connection, _values(target, "before"), None)


# --- recounting ----------------------------------------------------------------------


def recount() -> None:
    """Fill the figures again from the activities, in two statements per table: after a
    bulk load that wrote activities past the ORM. The migration does the same once."""
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
