"""Acceptance: on a generated world, the report's figures equal figures computed straight from
the database with SQL written here (sa.text), for a period around
today, one in the past and one over everything."""

import json
from collections import Counter, defaultdict
from datetime import UTC, timedelta

import pytest
import sqlalchemy as sa

from app.core.timezone import local_today
from app.extensions import db
from app.places.services import neighbourhood_choices
from app.reports import services
from app.reports.period import Period

STATUSES = ("starting", "active", "self_reliant", "dormant")


PERIODS = ("around today", "in the past", "everything")


def _periods() -> dict[str, Period]:
    today = local_today()
    return {
        "around today": Period(today - timedelta(days=20), today + timedelta(days=1)),
        "in the past": Period(today - timedelta(days=400), today - timedelta(days=30)),
        "everything": Period(today.replace(year=2000), today + timedelta(days=400)),
    }


def _moment(value):
    """A bound for raw SQL the way times are stored: naive UTC."""
    return value.astimezone(UTC).replace(tzinfo=None)


def _rows(sql: str, **params):
    return db.session.execute(sa.text(sql), params).all()


def _bounds(period: Period) -> dict:
    start, end = period.bounds()
    return {"start": _moment(start), "end": _moment(end)}


def expected_teams(period: Period) -> dict[int, dict[str, int]]:
    """The status at the end: the newest status change before it; none but one later means
    the team was still starting; no change at all means its status now."""
    bounds = _bounds(period)
    teams = _rows(
        "SELECT t.id, t.neighbourhood_id, t.status, t.created_at >= :start AS new FROM team t"
        " WHERE t.created_at < :end",
        **bounds,
    )
    changes = _rows(
        "SELECT a.object_id, a.at, a.id, a.data, a.at < :end AS before FROM audit_entry a"
        " WHERE a.object_type = 'team' AND a.action = 'team.status_changed' ORDER BY a.at, a.id",
        end=bounds["end"],
    )
    last_before, later = {}, set()
    for team_id, _at, _id, data, before in changes:
        if before:
            last_before[team_id] = json.loads(data)["status"] if isinstance(data, str) else data["status"]
        else:
            later.add(team_id)
    figures = defaultdict(Counter)
    for team_id, hood_id, status, new in teams:
        figures[hood_id]["new"] += int(bool(new))
        then = last_before.get(team_id) or ("starting" if team_id in later else status)
        figures[hood_id][then] += 1
    return figures


def expected_activities(period: Period) -> dict[int, tuple]:
    rows = _rows(
        "SELECT t.neighbourhood_id, COUNT(*), SUM(CASE WHEN a.status = 'evaluated' THEN 1 ELSE 0 END),"
        " COALESCE(SUM(a.actual_participants), 0), COALESCE(SUM(e.new_contacts), 0)"
        " FROM activity a JOIN team t ON t.id = a.team_id LEFT JOIN evaluation e ON e.activity_id = a.id"
        " WHERE a.status IN ('done', 'evaluated')"
        " AND COALESCE(a.starts_at, a.created_at) >= :start AND COALESCE(a.starts_at, a.created_at) < :end"
        " GROUP BY t.neighbourhood_id",
        **_bounds(period),
    )
    return {row[0]: tuple(int(v) for v in row[1:]) for row in rows}


def expected_money(period: Period) -> dict[int, dict[str, int]]:
    bounds = _bounds(period)
    figures = defaultdict(Counter)
    for hood_id, cents in _rows(
        "SELECT f.neighbourhood_id, SUM(r.requested_cents) FROM voucher_request r JOIN fund f ON f.id = r.fund_id"
        " WHERE r.submitted_at >= :start AND r.submitted_at < :end GROUP BY f.neighbourhood_id",
        **bounds,
    ):
        figures[hood_id]["requested"] = int(cents)
    for hood_id, kind, cents in _rows(
        "SELECT f.neighbourhood_id, COALESCE(c.kind, l.kind), SUM(l.amount_cents) FROM ledger_entry l"
        " JOIN fund f ON f.id = l.fund_id LEFT JOIN ledger_entry c ON c.id = l.corrects_id"
        " WHERE l.created_at >= :start AND l.created_at < :end GROUP BY f.neighbourhood_id, COALESCE(c.kind, l.kind)",
        **bounds,
    ):
        sign = {"reservation": 1, "release": -1}.get(kind)
        if sign:
            figures[hood_id]["awarded"] += sign * int(cents)
        elif kind in ("payout", "return"):
            figures[hood_id]["paid_out" if kind == "payout" else "returned"] += int(cents)
    return figures


def expected_templates(period: Period) -> dict[str, tuple]:
    rows = _rows(
        "SELECT tp.name, COUNT(*), SUM(CASE WHEN a.status IN ('done', 'evaluated') THEN 1 ELSE 0 END),"
        " SUM(CASE WHEN a.status IN ('done', 'evaluated') THEN COALESCE(a.actual_participants, 0) ELSE 0 END)"
        " FROM activity a JOIN template tp ON tp.id = a.template_id"
        " WHERE a.created_at >= :start AND a.created_at < :end GROUP BY tp.name",
        **_bounds(period),
    )
    return {name: tuple(int(v) for v in values) for name, *values in rows}


def expected_activation(period: Period) -> dict[int, float | None]:
    """Willing residents up to the end / the homes of the areas with known homes whose
    rounds had begun by then."""
    rows = _rows(
        "SELECT a.neighbourhood_id, a.homes, SUM(r.willing_to_act) FROM outreach_area a"
        " JOIN outreach_record r ON r.area_id = a.id"
        " WHERE a.homes IS NOT NULL AND r.visited_on <= :end GROUP BY a.id, a.neighbourhood_id, a.homes",
        end=period.end,
    )
    sums = defaultdict(lambda: [0, 0])
    for hood_id, homes, willing in rows:
        sums[hood_id][0] += int(willing)
        sums[hood_id][1] += int(homes)
    return {hood_id: willing / homes for hood_id, (willing, homes) in sums.items()}


def _series(chart) -> dict[str, dict[str, int]]:
    """label -> series name -> value."""
    return {label: {name: values[i] for name, values in chart.series.items()} for i, label in enumerate(chart.labels)}


@pytest.mark.parametrize("name", PERIODS)
def test_the_report_figures_equal_independent_sql(reports_world, name):
    period = _periods()[name]
    hoods = neighbourhood_choices()
    label = dict(hoods)
    report = services.build(period, hoods)

    teams = _series(report.chart("teams"))
    for hood_id, counts in expected_teams(period).items():
        shown = list(teams[label[hood_id]].values())
        assert shown == [counts["new"], *(counts[status] for status in STATUSES)], (name, label[hood_id])
    assert sum(next(iter(row.values())) for row in teams.values()) == report.totals["new_teams"]

    activities, people = _series(report.chart("activiteiten")), _series(report.chart("deelnemers"))
    expected = expected_activities(period)
    for hood_id, hood_label in hoods:
        happened, evaluated, participants, contacts = expected.get(hood_id, (0, 0, 0, 0))
        assert list(activities[hood_label].values()) == [happened, evaluated], (name, hood_label)
        assert list(people[hood_label].values()) == [participants, contacts], (name, hood_label)
    assert report.totals["activities"] == sum(v[0] for v in expected.values())
    assert report.totals["participants"] == sum(v[2] for v in expected.values())

    money = _series(report.chart("geld"))
    expected = expected_money(period)
    for hood_id, hood_label in hoods:
        sums = expected.get(hood_id, Counter())
        want = [sums["requested"], sums["awarded"], sums["paid_out"], sums["returned"]]
        assert list(money[hood_label].values()) == want, (name, hood_label)
    assert report.totals["awarded"] == sum(sums["awarded"] for sums in expected.values())

    activation = report.chart("activering")
    expected = expected_activation(period)
    for hood_id, hood_label in hoods:
        shown = activation.series[next(iter(activation.series))][activation.labels.index(hood_label)]
        assert shown == pytest.approx(expected.get(hood_id)), (name, hood_label)
    per_month = report.chart("activering-per-maand")
    for hood_id, hood_label in hoods:
        if hood_label in per_month.series:
            assert per_month.series[hood_label][-1] == pytest.approx(expected[hood_id])

    templates = _series(report.chart("aanpakken"))
    assert {k: tuple(v.values()) for k, v in templates.items()} == expected_templates(period)


def test_the_world_has_what_the_comparison_needs(reports_world):
    """So the comparison above compares something: every status, money in every column."""
    everything = services.build(_periods()["everything"], neighbourhood_choices())
    teams = _series(everything.chart("teams"))
    for status_column in range(5):
        assert sum(list(row.values())[status_column] for row in teams.values()) > 0
    money = _series(everything.chart("geld"))
    assert all(sum(row[column] for row in money.values()) > 0 for column in next(iter(money.values())))
    past = _series(services.build(_periods()["in the past"], neighbourhood_choices()).chart("teams"))
    # In the past, the teams made self-reliant or archived later were still starting.
    assert past["Kruiskamp (Amersfoort)"]["Net gestart"] >= 1
