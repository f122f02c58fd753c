"""Many rows at once with bulk SQL, for statement-count tests and `make bench`.

`bulk_teams` adds teams to one neighbourhood. `generate(scale)` fills an empty, migrated
database (templates seeded) the way a municipality's data grows: at 1× about 1,000 teams in
50 neighbourhoods, 5,000 residents and 2,900 activities; every figure times `scale`. Real
data is uneven, and so is this: a few large neighbourhoods and many small ones, a few popular
templates with most of the activities, past activities done (with participants) and future
ones planned and public. Each table is one step in STEPS; a feature with new tables adds its
step there (the money's are in tests.generate_funds, whose STEPS are all of them). Rows go in
with `sa.insert(Model)` in batches, bypassing the services (which would take hours at 100×);
the values are the ones the services would write."""

import itertools
import random
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import sqlalchemy as sa
from argon2 import PasswordHasher

from app.accounts.models import User
from app.activities import practice
from app.activities.models import Activity, ActivityKind, ActivityStatus, TemplatePractice
from app.core.models import utcnow
from app.core.text import fold, name_key
from app.core.vocab import THEMES
from app.extensions import db
from app.places.models import CoordinatorScope, Municipality, Neighbourhood
from app.teams.models import MemberRole, Membership, MembershipState, Team, TeamKind, TeamStatus
from app.templates_library.models import Template, TemplateStatus

_batch = itertools.count(1)


def bulk_teams(hood_id: int, count: int, **values) -> list[int]:
    """`count` teams in the neighbourhood (active, just active unless `values` say otherwise);
    returns their ids."""
    now, batch = utcnow(), next(_batch)
    rows = [
        dict(
            neighbourhood_id=hood_id,
            name=f"Bulkteam {batch}-{n:05d}",
            name_key=f"bulkteam {batch}-{n:05d}",
            kind="buurtteam",
            area=f"Straat {n}",
            themes=["ontmoeting"],
            question="Meer contact",
            description="",
            search_text=f"bulkteam {batch}-{n:05d} straat {n}",
            status="active",
            last_activity_at=now,
            created_at=now,
        )
        | values
        for n in range(count)
    ]
    db.session.execute(sa.insert(Team), rows)
    return list(db.session.scalars(sa.select(Team.id).where(Team.name.like(f"Bulkteam {batch}-%")).order_by(Team.id)))


# --- generate(scale) ---------------------------------------------------------------------

# Everyone generated logs in with this password (one hash for all: argon2 is slow on purpose).
PASSWORD = "bench-wachtwoord-16"
COORDINATOR_EMAIL = "coordinator@bench.example"
BATCH = 10_000

FIRST_NAMES = "Anna Bram Chantal Daan Eva Fatima Gerrit Hanna Ibrahim Jan Kim Lotte Mohamed Noor Pieter Rosa".split()
LAST_NAMES = "de Vries|Jansen|Bakker|Yilmaz|El Amrani|Visser|Smit|Meijer|de Boer|Mulder|Bos|Peters".split("|")
STREETS = "Dorpsstraat Kerkstraat Molenweg Schoolstraat Parkstraat Stationsweg Beukenlaan Lindeplein".split()
ACTIVITY_TITLES = "Buurtborrel|Opschoondag|Koffieochtend|Straatfeest|Moestuinmiddag|Spelletjesavond".split("|")


@dataclass
class Generation:
    """What the steps share: the scale, one seeded random source, and the ids made so far."""

    scale: int
    rng: random.Random = field(default_factory=lambda: random.Random(16))
    now: datetime = field(default_factory=lambda: utcnow().replace(microsecond=0))
    neighbourhood_ids: list[int] = field(default_factory=list)
    neighbourhood_weights: list[float] = field(default_factory=list)
    user_ids: list[int] = field(default_factory=list)
    team_ids: list[int] = field(default_factory=list)


def insert_rows(model, rows) -> int:
    """Insert an iterable of row dicts (all with the same keys) in batches; returns how many.
    Core, not the ORM's bulk insert: that one splits a batch wherever a value is None (a
    statement per row here)."""
    total = 0
    iterator = iter(rows)
    while batch := list(itertools.islice(iterator, BATCH)):
        db.session.execute(sa.insert(model.__table__), batch)
        total += len(batch)
    return total


def _ids(model) -> list[int]:
    return list(db.session.scalars(sa.select(model.id).order_by(model.id)))


def _zipf(count: int, exponent: float) -> list[float]:
    """Weights for `count` things of which the first are by far the largest."""
    return [1 / (rank**exponent) for rank in range(1, count + 1)]


def places(gen: Generation) -> int:
    municipalities = 1 + gen.scale // 25
    insert_rows(
        Municipality,
        (dict(name=f"Benchstad {n}", name_key=f"benchstad {n}") for n in range(1, municipalities + 1)),
    )
    municipality_ids = _ids(Municipality)
    hoods = 50 * gen.scale
    insert_rows(
        Neighbourhood,
        (
            dict(
                municipality_id=municipality_ids[n % municipalities],
                name=f"Wijk {n:05d}",
                name_key=f"wijk {n:05d}",
                homes=gen.rng.randint(200, 5_000),
            )
            for n in range(hoods)
        ),
    )
    gen.neighbourhood_ids = _ids(Neighbourhood)
    # Exponent 0.8: at 100× the largest of 5,000 neighbourhoods has ~4,300 teams, most have fewer than 10.
    gen.neighbourhood_weights = _zipf(len(gen.neighbourhood_ids), 0.8)
    return municipalities + hoods


def users(gen: Generation) -> int:
    password_hash = PasswordHasher(time_cost=3, memory_cost=65536).hash(PASSWORD)  # production's cost
    count = 5_000 * gen.scale
    hoods = gen.rng.choices(gen.neighbourhood_ids, weights=gen.neighbourhood_weights, k=count)

    def row(n: int, hood_id: int, **values) -> dict:
        name = f"{gen.rng.choice(FIRST_NAMES)} {gen.rng.choice(LAST_NAMES)}"
        return (
            dict(
                name=name,
                email=f"bewoner{n}@bench.example",
                password_hash=password_hash,
                neighbourhood_id=hood_id,
                session_token=f"bench-{n}",
                is_coordinator=False,
                email_confirmed_at=gen.now,
                created_at=gen.now - timedelta(days=gen.rng.randint(0, 1_500)),
            )
            | values
        )

    coordinator = row(0, None, name="Coördinator Bench", email=COORDINATOR_EMAIL, is_coordinator=True)
    made = insert_rows(User, itertools.chain([coordinator], (row(n, hood) for n, hood in enumerate(hoods, 1))))
    coordinator_id, *gen.user_ids = _ids(User)  # the coordinator joins no team
    # A "regio" coordinator: every municipality, so the coordinator's pages read all the data.
    insert_rows(CoordinatorScope, ({"user_id": coordinator_id, "municipality_id": m} for m in _ids(Municipality)))
    return made


TEAM_STATUSES = [TeamStatus.ACTIVE] * 14 + [TeamStatus.STARTING] * 3 + [TeamStatus.SELF_RELIANT] * 2
TEAM_STATUSES += [TeamStatus.DORMANT, TeamStatus.ARCHIVED]
TEAM_KINDS = [TeamKind.BUURTTEAM] * 6 + [TeamKind.BURENNETWERK, TeamKind.BEWONERSGROEP, TeamKind.JUNIOR]


def teams(gen: Generation) -> int:
    count = 1_000 * gen.scale
    hoods = gen.rng.choices(gen.neighbourhood_ids, weights=gen.neighbourhood_weights, k=count)
    themes = list(THEMES)

    def row(n: int, hood_id: int) -> dict:
        name = f"Team {gen.rng.choice(STREETS)} {n}"
        area = f"{gen.rng.choice(STREETS)} en omgeving"
        question = "Meer contact tussen buren en een schonere straat."
        status = gen.rng.choice(TEAM_STATUSES)
        quiet_days = gen.rng.randint(200, 400) if status == TeamStatus.DORMANT else gen.rng.randint(0, 90)
        return dict(
            neighbourhood_id=hood_id,
            name=name,
            name_key=name_key(name),
            kind=gen.rng.choice(TEAM_KINDS),
            area=area,
            themes=sorted(gen.rng.sample(themes, gen.rng.randint(1, 3))),
            question=question,
            description="",
            search_text=fold(" ".join((name, area, question, ""))),
            status=status,
            last_activity_at=gen.now - timedelta(days=quiet_days),
            created_at=gen.now - timedelta(days=quiet_days + gen.rng.randint(30, 900)),
        )

    made = insert_rows(Team, (row(n, hood) for n, hood in enumerate(hoods, 1)))
    gen.team_ids = _ids(Team)
    return made


def memberships(gen: Generation) -> int:
    """One or two trekkers per team, up to a dozen members and now and then a request."""

    sizes = gen.rng.choices(range(2, 14), weights=_zipf(12, 0.7), k=len(gen.team_ids))

    def rows():
        for team_id, size in zip(gen.team_ids, sizes, strict=True):
            people = gen.rng.sample(gen.user_ids, size)
            for n, user_id in enumerate(people):
                role = MemberRole.TREKKER if n < 1 + (size > 6) else MemberRole.MEMBER
                state = MembershipState.REQUESTED if n == size - 1 and size > 8 else MembershipState.ACTIVE
                yield dict(team_id=team_id, user_id=user_id, role=role, state=state, created_at=gen.now)

    return insert_rows(Membership, rows())


def activities(gen: Generation) -> int:
    """70 % in the past two years (done, with participants), 30 % in the coming months
    (planned, public). Half follow a template; the most used template has about 8 % of all
    activities (~25,000 at 100×)."""
    published = sa.select(Template.id, Template.name).where(Template.status == TemplateStatus.PUBLISHED)
    templates = list(db.session.execute(published.order_by(Template.id)))
    gen.rng.shuffle(templates)
    template_weights = list(itertools.accumulate(_zipf(len(templates), 0.9)))
    busy_teams = _zipf(len(gen.team_ids), 0.3)  # some teams organise far more than others
    count = 2_900 * gen.scale
    team_ids = gen.rng.choices(gen.team_ids, weights=busy_teams, k=count)
    kinds = list(ActivityKind)

    def row(team_id: int) -> dict:
        template_id, title = None, gen.rng.choice(ACTIVITY_TITLES)
        if templates and gen.rng.random() < 0.5:
            template_id, title = gen.rng.choices(templates, cum_weights=template_weights)[0]
        past = gen.rng.random() < 0.7
        if past:
            starts_at = gen.now - timedelta(minutes=gen.rng.randint(60 * 24, 60 * 24 * 730))
        else:
            starts_at = gen.now + timedelta(minutes=gen.rng.randint(60, 60 * 24 * 120))
        expected = gen.rng.randint(5, 60)
        return dict(
            team_id=team_id,
            template_id=template_id,
            created_by_id=gen.rng.choice(gen.user_ids),
            title=title[:150],
            description="Iedereen uit de buurt is welkom.",
            kind=gen.rng.choice(kinds),
            starts_at=starts_at,
            ends_at=starts_at + timedelta(hours=2),
            location=f"{gen.rng.choice(STREETS)} {gen.rng.randint(1, 200)}",
            is_public=not past or gen.rng.random() < 0.5,
            capacity=gen.rng.choice([None, 20, 40, 100]),
            expected_participants=expected,
            actual_participants=max(0, expected + gen.rng.randint(-5, 10)) if past else None,
            status=ActivityStatus.DONE if past else ActivityStatus.PLANNED,
            cancel_reason="",
            sequence=0,
            created_at=starts_at - timedelta(days=30),
            updated_at=min(starts_at, gen.now),
        )

    return insert_rows(Activity, (row(team_id) for team_id in team_ids))


def practice_figures(gen: Generation) -> int:
    """The figures the app keeps per template: bulk SQL passed them by."""
    practice.recount()
    return db.session.scalar(sa.select(sa.func.count()).select_from(TemplatePractice))


STEPS = [places, users, teams, memberships, activities, practice_figures]


def generate(scale: int, log=print, steps=STEPS) -> Generation:
    """Fill the database of the current app context at `scale` (1 = 1×) with `steps` and
    commit; logs each step's row count and time."""
    gen = Generation(scale)
    for step in steps:
        start = time.perf_counter()
        rows = step(gen)
        db.session.commit()
        log(f"  {step.__name__:<16} {rows:>9,} rows  {time.perf_counter() - start:6.1f} s")
    if db.engine.dialect.name == "postgresql":
        # As autovacuum does on a site: the triggers rewrote rows (a team's member counts, once
        # per statement that added members), and a table read with its dead rows is slower.
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(sa.text("VACUUM (ANALYZE)"))
    return gen
