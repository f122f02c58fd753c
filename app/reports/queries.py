"""The report's figures, each an aggregate in SQL (GROUP BY) over the chosen neighbourhoods
between two UTC moments (`start` included, `end` not): one statement per figure, whatever
the number of teams, activities or ledger entries.

How the period applies:
- teams: new = made in the period; the status counts are of the teams that existed at the
  period's end, in the status they had then. That status comes from the audit log (the last
  'team.status_changed' before the end). A team without such an entry had not changed
  before the end: it was still 'starting' when it changed later, else it has its status
  still (teams put in place by a seed or an import have no history).
- activities: those that took place (done or evaluated) on a day in the period (their
  start, or when they never had one, the day they were planned); participants and new
  contacts are those of the evaluation (the number of participants lives on the activity).
- vouchers: requested = submitted in the period (withdrawn ones too); awarded, paid out and
  returned = the ledger's movements in the period (app.money.ledger).
- templates: adopted = an activity plan made from the template in the period; what came of
  it = those plans that took place (by now), and their participants."""

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import aliased

from app.activities.models import HAPPENED, Activity, ActivityStatus
from app.core.audit import AuditEntry
from app.evaluations.models import Evaluation
from app.extensions import db
from app.money import ledger
from app.money.models import Fund
from app.money.requests.models import VoucherRequest
from app.teams.models import Team, TeamStatus
from app.templates_library.models import Template

# The statuses a report counts (archived teams are no longer counted).
COUNTED_STATUSES = (TeamStatus.STARTING, TeamStatus.ACTIVE, TeamStatus.SELF_RELIANT, TeamStatus.DORMANT)
STATUS_CHANGED = "team.status_changed"


def _status_changes(*where) -> sa.Select:
    return sa.select(AuditEntry.object_id, AuditEntry.id).where(
        AuditEntry.object_type == "team", AuditEntry.action == STATUS_CHANGED, *where
    )


def team_figures(hood_ids: list[int], start: datetime, end: datetime) -> dict[int, dict[str, int]]:
    """Per neighbourhood: 'new', and per status the teams in it at the period's end."""
    last_ids = (
        sa.select(AuditEntry.object_id.label("team_id"), sa.func.max(AuditEntry.id).label("entry_id"))
        .where(AuditEntry.object_type == "team", AuditEntry.action == STATUS_CHANGED, AuditEntry.at < end)
        .group_by(AuditEntry.object_id)
        .subquery()
    )
    last = aliased(AuditEntry)
    later = sa.exists(_status_changes(AuditEntry.object_id == Team.id, AuditEntry.at >= end))
    status_then = sa.case(
        (last.id.is_not(None), last.data["status"].as_string()),
        (later, sa.literal(TeamStatus.STARTING.value)),
        else_=sa.cast(Team.status, sa.String),
    )
    teams = (
        sa.select(
            Team.neighbourhood_id.label("hood_id"),
            sa.case((Team.created_at >= start, 1), else_=0).label("new"),
            status_then.label("status"),
        )
        .outerjoin(last_ids, last_ids.c.team_id == Team.id)
        .outerjoin(last, last.id == last_ids.c.entry_id)
        .where(Team.neighbourhood_id.in_(hood_ids), Team.created_at < end)
        .subquery()
    )
    rows = db.session.execute(
        sa.select(teams.c.hood_id, teams.c.status, sa.func.sum(teams.c.new), sa.func.count()).group_by(
            teams.c.hood_id, teams.c.status
        )
    )
    figures = {hood_id: dict.fromkeys(("new", *COUNTED_STATUSES), 0) for hood_id in hood_ids}
    for hood_id, status, new, count in rows:
        figures[hood_id]["new"] += int(new)
        if status in figures[hood_id]:
            figures[hood_id][status] += int(count)
    return figures


@dataclass(frozen=True)
class ActivityFigures:
    happened: int = 0
    evaluated: int = 0
    participants: int = 0
    new_contacts: int = 0


def activity_figures(hood_ids: list[int], start: datetime | None, end: datetime | None) -> dict[int, ActivityFigures]:
    """Per neighbourhood: the activities that took place in the period (all time without
    one), those with an evaluation, their participants and new contacts."""
    day = sa.func.coalesce(Activity.starts_at, Activity.created_at)
    within = [day >= start, day < end] if start is not None and end is not None else []
    rows = db.session.execute(
        sa.select(
            Team.neighbourhood_id,
            sa.func.count(Activity.id),
            sa.func.sum(sa.case((Activity.status == ActivityStatus.EVALUATED, 1), else_=0)),
            sa.func.coalesce(sa.func.sum(Activity.actual_participants), 0),
            sa.func.coalesce(sa.func.sum(Evaluation.new_contacts), 0),
        )
        .join(Team, Team.id == Activity.team_id)
        .outerjoin(Evaluation, Evaluation.activity_id == Activity.id)
        .where(Team.neighbourhood_id.in_(hood_ids), Activity.status.in_(HAPPENED), *within)
        .group_by(Team.neighbourhood_id)
    )
    figures = dict.fromkeys(hood_ids, ActivityFigures())
    for hood_id, *counts in rows:
        figures[hood_id] = ActivityFigures(*(int(count) for count in counts))
    return figures


def fund_neighbourhoods(hood_ids: list[int]) -> dict[int, int]:
    """The funds of these neighbourhoods: fund id -> neighbourhood id."""
    query = sa.select(Fund.id, Fund.neighbourhood_id).where(Fund.neighbourhood_id.in_(hood_ids))
    return {fund_id: hood_id for fund_id, hood_id in db.session.execute(query)}


@dataclass(frozen=True)
class MoneyFigures:
    """In cents. awarded is what the regie-groups held for vouchers in the period, after
    releases (a lower second decision, a withdrawal)."""

    requests: int = 0
    requested: int = 0
    awarded: int = 0
    paid_out: int = 0
    returned: int = 0


def money_figures(hood_ids: list[int], start: datetime, end: datetime) -> dict[int, MoneyFigures]:
    """Per neighbourhood: requests submitted in the period and the ledger's movements in it."""
    requested = dict(
        (hood_id, (int(count), int(cents)))
        for hood_id, count, cents in db.session.execute(
            sa.select(
                Fund.neighbourhood_id, sa.func.count(VoucherRequest.id), sa.func.sum(VoucherRequest.requested_cents)
            )
            .join(Fund, Fund.id == VoucherRequest.fund_id)
            .where(
                Fund.neighbourhood_id.in_(hood_ids),
                VoucherRequest.submitted_at >= start,
                VoucherRequest.submitted_at < end,
            )
            .group_by(Fund.neighbourhood_id)
        )
    )
    funds = fund_neighbourhoods(hood_ids)
    moved = ledger.movements_of(list(funds), start, end)
    totals = {hood_id: [0, 0, 0] for hood_id in hood_ids}
    for fund_id, balances in moved.items():
        hood = totals[funds[fund_id]]
        hood[0] += balances.reserved + balances.paid_out
        hood[1] += balances.paid_out
        hood[2] += balances.returned
    return {hood_id: MoneyFigures(*requested.get(hood_id, (0, 0)), *totals[hood_id]) for hood_id in hood_ids}


@dataclass(frozen=True)
class TemplateFigures:
    template_id: int
    name: str
    adopted: int
    happened: int
    participants: int


def template_figures(hood_ids: list[int], start: datetime, end: datetime) -> list[TemplateFigures]:
    """The templates adopted in the period, most adopted first, with what came of them."""
    happened = Activity.status.in_(HAPPENED)
    rows = db.session.execute(
        sa.select(
            Template.id,
            Template.name,
            sa.func.count(Activity.id),
            sa.func.sum(sa.case((happened, 1), else_=0)),
            sa.func.coalesce(sa.func.sum(sa.case((happened, Activity.actual_participants), else_=None)), 0),
        )
        .join(Activity, Activity.template_id == Template.id)
        .join(Team, Team.id == Activity.team_id)
        .where(Team.neighbourhood_id.in_(hood_ids), Activity.created_at >= start, Activity.created_at < end)
        .group_by(Template.id, Template.name)
        .order_by(sa.func.count(Activity.id).desc(), Template.name)
    )
    return [TemplateFigures(tid, name, int(a), int(h), int(p)) for tid, name, a, h, p in rows]
