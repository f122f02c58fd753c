"""`make bench-quick`: page times and SQL statement counts with a lot of data.

Fills a fresh PostgreSQL database (tests/databases.py: TEST_POSTGRES_URL, or embedded) with
thousands of teams, tens of thousands of public activities and the seeded templates, then
times the busiest public pages; then a fund's page, ledger and CSV (as the demo coordinator)
with 10, 10,000 and 100,000 ledger entries. Prints a table; asserts nothing:
speed is measured here, behaviour in the tests."""

import statistics
import time
from datetime import timedelta

import flask_migrate
import sqlalchemy as sa

from app import create_app
from app.accounts.models import User
from app.activities.models import Activity
from app.core.models import utcnow
from app.extensions import db
from app.money.funds.services import RULES, create_fund
from app.money.models import EntryKind, Fund, LedgerEntry
from app.places.models import Neighbourhood
from app.teams.models import Team
from app.templates_library.seeding import seed_from_files
from seeds.demo import build_demo
from tests.databases import drop_database, fresh_database
from tests.generate import bulk_teams

TEAMS = 5_000
ACTIVITIES = 10_000
RUNS = 20


def _fill_activities(team_ids: list[int]) -> int:
    """Public planned activities, one every two hours from now on, spread over the teams;
    returns one of them."""
    now = utcnow().replace(microsecond=0)
    rows = [
        dict(
            team_id=team_ids[n % len(team_ids)],
            title=f"Bench activiteit {n:05d}",
            description="Iedereen is welkom.",
            kind="party",
            starts_at=now + timedelta(hours=2 * n + 1),
            location=f"Straat {n}",
            is_public=True,
            capacity=20,
            status="planned",
            cancel_reason="",
            sequence=0,
            created_at=now,
            updated_at=now,
        )
        for n in range(ACTIVITIES)
    ]
    db.session.execute(sa.insert(Activity), rows)
    return db.session.scalar(sa.select(Activity.id).where(Activity.title == "Bench activiteit 05000"))


def _measure(app, url: str, user: User | None = None, runs: int = RUNS) -> tuple[float, float, int]:
    client = app.test_client()
    if user is not None:
        with client.session_transaction() as session:
            session["_user_id"], session["_fresh"] = user.get_id(), True
    statements = []

    def count(*_args):
        statements.append(1)

    timings = []
    for run in range(runs + 1):
        sa.event.listen(db.engine, "before_cursor_execute", count)
        start = time.perf_counter()
        # Its own app context, as in production: `g` (the logged-in user, per-request
        # caches) would otherwise carry over from the previous request.
        with app.app_context():
            response = client.get(url, buffered=True)  # a streamed CSV is read to its end
        elapsed = time.perf_counter() - start
        sa.event.remove(db.engine, "before_cursor_execute", count)
        assert response.status_code == 200, (url, response.status_code, response.location)
        if run:  # the first run warms caches and compiles templates
            timings.append(elapsed * 1000)
        else:
            statements.clear()
    return statistics.median(timings), max(timings), len(statements) // runs


LEDGER_SIZES = (10, 10_000, 100_000)


def _fund_with_entries(coordinator: User, hood_id: int, total: int) -> int:
    """A fund whose ledger has `total` entries: its deposit and support share, then returns of a cent."""
    source = db.session.scalar(sa.select(Fund).limit(1))  # a demo fund's rules
    rules = {name: getattr(source, name) for name in RULES} | {"name": f"Bench buurtbudget {total}"}
    neighbourhood = db.session.get(Neighbourhood, hood_id)
    fund = create_fund(coordinator, neighbourhood, rules, 1_000_000_00)
    now = utcnow()
    for start in range(0, total - 2, 10_000):
        rows = [
            dict(
                fund_id=fund.id,
                kind=EntryKind.RETURN,
                amount_cents=1,
                actor_id=coordinator.id,
                reason=f"Bench {n}",
                created_at=now,
            )
            for n in range(start, min(start + 10_000, total - 2))
        ]
        db.session.execute(sa.insert(LedgerEntry), rows)
    return fund.id


def _fund_pages(app, hood_id: int) -> None:
    coordinator = db.session.scalar(sa.select(User).where(User.is_coordinator).limit(1))
    funds = {total: _fund_with_entries(coordinator, hood_id, total) for total in LEDGER_SIZES}
    db.session.commit()
    for total, fund_id in funds.items():
        pages = [("fund page", f"/fondsen/{fund_id}"), ("ledger page", f"/fondsen/{fund_id}/kasboek")]
        pages += [("ledger CSV", f"/fondsen/{fund_id}/kasboek.csv")]
        for name, page_url in pages:
            runs = 5 if total == 100_000 else RUNS
            median, worst, statements = _measure(app, page_url, coordinator, runs)
            label = f"{name}, {total} entries"
            print(f"{label:<28} median {median:6.1f} ms  max {worst:6.1f} ms  {statements} statements")


COORDINATION_SIZES = (1_000, 10_000)


def _coordination_pages(app) -> None:
    """The dashboard and a year's report (all neighbourhoods) as the demo coordinator, with
    1,000 and then 10,000 teams in 50 neighbourhoods; a fifth of them quiet for long, so the
    signal list is full."""
    coordinator = db.session.scalar(sa.select(User).where(User.is_coordinator).limit(1))
    municipality_id = db.session.scalar(sa.select(Neighbourhood.municipality_id).limit(1))
    hoods = [Neighbourhood(municipality_id=municipality_id, name=f"Benchwijk {n:02d}") for n in range(50)]
    db.session.add_all(hoods)
    db.session.flush()
    quiet = utcnow() - timedelta(days=150)
    made = 0
    year = utcnow().year
    for size in COORDINATION_SIZES:
        for hood in hoods:
            share = (size - made) // len(hoods)
            bulk_teams(hood.id, share - share // 5)
            bulk_teams(hood.id, share // 5, last_activity_at=quiet, created_at=quiet)
        made = size
        db.session.commit()
        pages = [("dashboard", "/coordinatie"), ("signal list", "/coordinatie/signalen")]
        pages += [("report, one year", f"/rapportages?van={year}-01-01&tot={year}-12-31")]
        for name, page_url in pages:
            median, worst, statements = _measure(app, page_url, coordinator)
            label = f"{name}, {size} teams"
            print(f"{label:<28} median {median:6.1f} ms  max {worst:6.1f} ms  {statements} statements")


def bench() -> None:
    url = fresh_database("bench")
    app = create_app("test", SQLALCHEMY_DATABASE_URI=url)
    with app.app_context():
        flask_migrate.upgrade()
        seed_from_files()
        build_demo()
        _coordination_pages(app)
        hood_id = db.session.scalar(sa.select(Team.neighbourhood_id).order_by(Team.id).limit(1))
        bulk_teams(hood_id, TEAMS)
        team_ids = list(db.session.scalars(sa.select(Team.id).where(Team.neighbourhood_id == hood_id).limit(200)))
        activity_id = _fill_activities(team_ids)
        db.session.commit()
        pages = [
            ("team directory, page 1", f"/buurten/{hood_id}/teams"),
            ("team directory, page 200", f"/buurten/{hood_id}/teams?pagina=200"),
            ("team directory, search", f"/buurten/{hood_id}/teams?q=straat+4999"),
            ("team page", "/teams/1"),
            ("template library", "/aanpakken"),
            ("library search", "/aanpakken?q=ruzie+met+de+buren"),
            ("chooser", "/aanpakken/kiezen?probleem=burenconflict&doelgroep=volwassenen&plek=woning"),
            ("template page", "/aanpakken/buurtbemiddeling"),
            ("API list", "/api/v1/templates?q=jongeren"),
            ("agenda, list", "/agenda"),
            ("agenda, month", "/agenda?weergave=maand"),
            ("agenda of a neighbourhood", f"/buurten/{hood_id}/agenda"),
            ("public activity page", f"/activiteiten/{activity_id}"),
            ("neighbourhood feed", f"/buurten/{hood_id}/agenda.ics"),
            ("API activities", f"/api/v1/activities?buurt={hood_id}"),
        ]
        for name, page_url in pages:
            median, worst, statements = _measure(app, page_url)
            print(f"{name:<28} median {median:6.1f} ms  max {worst:6.1f} ms  {statements} statements")
        _fund_pages(app, hood_id)
        db.session.remove()
        db.engine.dispose()
    drop_database(url)


if __name__ == "__main__":
    print(f"{TEAMS} teams and {ACTIVITIES} public activities in one neighbourhood, {RUNS} requests per page")
    bench()
