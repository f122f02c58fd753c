"""`make bench`: page times and SQL statement counts with a lot of data.

Fills a fresh SQLite database (and PostgreSQL when TEST_POSTGRES_URL reaches one) with
thousands of teams, tens of thousands of public activities and the seeded templates, then
times the busiest public pages. Prints a table; asserts nothing:
speed is measured here, behaviour in the tests."""

import statistics
import tempfile
import time
from datetime import timedelta
from pathlib import Path

import flask_migrate
import pytest
import sqlalchemy as sa

from app import create_app
from app.activities.models import Activity
from app.core.models import utcnow
from app.extensions import db
from app.teams.models import Team
from app.templates_library.seeding import seed_from_files
from seeds.demo import build_demo
from tests.databases import database_url, drop_database

TEAMS = 5_000
ACTIVITIES = 10_000
RUNS = 20


def _fill(hood_id: int) -> None:
    now = utcnow()
    db.session.execute(
        sa.insert(Team),
        [
            dict(
                neighbourhood_id=hood_id,
                name=f"Bench team {n:05d}",
                name_key=f"bench team {n:05d}",
                kind="buurtteam",
                area=f"Straat {n}",
                themes=["ontmoeting"],
                question="Meer contact",
                description="",
                search_text=f"bench team {n:05d} straat {n}",
                status="active",
                last_activity_at=now,
                created_at=now,
            )
            for n in range(TEAMS)
        ],
    )


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


def _measure(app, url: str) -> tuple[float, float, int]:
    client = app.test_client()
    statements = []

    def count(*_args):
        statements.append(1)

    timings = []
    for run in range(RUNS + 1):
        sa.event.listen(db.engine, "before_cursor_execute", count)
        start = time.perf_counter()
        response = client.get(url)
        elapsed = time.perf_counter() - start
        sa.event.remove(db.engine, "before_cursor_execute", count)
        assert response.status_code == 200, url
        if run:  # the first run warms caches and compiles templates
            timings.append(elapsed * 1000)
        else:
            statements.clear()
    return statistics.median(timings), max(timings), len(statements) // RUNS


def bench(backend: str, tmp: Path) -> None:
    try:
        url = database_url(backend, "bench", tmp)
    except pytest.skip.Exception as reason:
        print(f"{backend}: skipped ({reason})")
        return
    app = create_app("test", SQLALCHEMY_DATABASE_URI=url)
    with app.app_context():
        flask_migrate.upgrade()
        seed_from_files()
        build_demo()
        hood_id = db.session.scalar(sa.select(Team.neighbourhood_id).limit(1))
        _fill(hood_id)
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
            print(f"{backend:<11} {name:<28} median {median:6.1f} ms  max {worst:6.1f} ms  {statements} statements")
        db.session.remove()
        db.engine.dispose()
    drop_database(url)


if __name__ == "__main__":
    print(f"{TEAMS} teams and {ACTIVITIES} public activities in one neighbourhood, {RUNS} requests per page")
    with tempfile.TemporaryDirectory() as tmp:
        for backend in ("sqlite", "postgresql"):
            bench(backend, Path(tmp))
