"""The data of `make bench`: a database per scale, made by a tree's own code (migrated,
templates seeded, tests.generate's steps), kept and reused with BENCH_KEEP_DB=1 while its
fingerprint (the generator and the migrations that made it) holds; and the facts that the
page paths need."""

import math
import os
import subprocess
import sys
import time

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.accounts.models import User
from app.activities.models import Activity, ActivityStatus
from app.money.models import Fund, RegieMember, RegieRole
from app.money.requests.models import OPEN_FOR_ADVICE, VoucherRequest
from app.teams.models import MemberRole, Membership, MembershipState, Team, TeamStatus
from app.templates_library.models import Template
from config import Config
from tests.bench_serve import Tree, log
from tests.databases import admin_url, drop_database, named_database
from tests.generate import COORDINATOR_EMAIL

KEEP_DATABASES = os.environ.get("BENCH_KEEP_DB") == "1"

# Run with `python -c` in the tree (cwd), with the scale as argument: its own migrations and
# generator, the money's steps where the tree has them.
PREPARE_SCRIPT = """
import sys, time
import flask_migrate
from app import create_app
from app.extensions import db
from app.templates_library.seeding import seed_from_files
from tests.generate import generate
app = create_app("production")
with app.app_context():
    start = time.perf_counter()
    flask_migrate.upgrade()
    seed_from_files()
    db.session.commit()
    print(f"  migrated and seeded     {time.perf_counter() - start:6.1f} s", flush=True)
    try:
        from tests.generate_funds import STEPS
    except ImportError:  # a tree from before the money was generated
        generate(int(sys.argv[1]), lambda line: print(line, flush=True))
    else:
        generate(int(sys.argv[1]), lambda line: print(line, flush=True), STEPS)
"""


def _comment(name: str) -> str | None:
    """The database's comment (the fingerprint), None when there is no such database."""
    engine = sa.create_engine(admin_url())
    try:
        with engine.connect() as connection:
            found = connection.execute(
                sa.text("SELECT oid FROM pg_database WHERE datname = :name"), {"name": name}
            ).scalar()
            if found is None:
                return None
            return connection.execute(sa.text("SELECT shobj_description(:oid, 'pg_database')"), {"oid": found}).scalar()
    finally:
        engine.dispose()


def database(name: str, fingerprint: str, scale: int, tree: Tree, env: dict) -> str:
    """The URL of a database filled at `scale` by `tree` (its app set up by `env`): the kept one when it has the same
    fingerprint, else a new one (its fingerprint kept as the database's comment)."""
    url = admin_url().set(database=name).render_as_string(hide_password=False)
    if KEEP_DATABASES and _comment(name) == fingerprint:
        log(f"  {name}: kept from an earlier run (fingerprint {fingerprint})")
        return url
    named_database(name)
    start = time.perf_counter()
    subprocess.run(  # noqa: S603 - our own script
        [sys.executable, "-c", PREPARE_SCRIPT, str(scale)],
        cwd=tree.path,
        env=os.environ | env | {"DATABASE_URL": url},
        check=True,
    )
    engine = sa.create_engine(admin_url(), isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            connection.exec_driver_sql(f"COMMENT ON DATABASE \"{name}\" IS '{fingerprint}'")
    finally:
        engine.dispose()
    log(f"  {name}: made in {time.perf_counter() - start:.0f} s")
    return url


def release(urls: set[str]) -> None:
    if not KEEP_DATABASES:
        for url in urls:
            drop_database(url)


def facts(url: str) -> dict:
    """What the page paths need: the largest neighbourhood, its last directory page, its team
    with the most planned activities with a trekker of it and its first planned activity, the
    most used template, the fund with the most open requests and a plain member of its
    regie-group, and the coordinator (who sees every municipality)."""
    engine = sa.create_engine(url)
    try:
        with Session(engine) as session:
            return _facts(session) | {"coordinator": COORDINATOR_EMAIL}
    finally:
        engine.dispose()


def _facts(session: Session) -> dict:
    hood = session.scalar(
        sa.select(Team.neighbourhood_id).group_by(Team.neighbourhood_id).order_by(sa.func.count().desc()).limit(1)
    )
    teams = session.scalar(
        sa.select(sa.func.count()).where(Team.neighbourhood_id == hood, Team.status != TeamStatus.ARCHIVED)
    )
    planned = sa.and_(Activity.team_id == Team.id, Activity.status == ActivityStatus.PLANNED)
    team = session.scalar(
        sa.select(Team.id)
        .join(Activity, planned)
        .where(Team.neighbourhood_id == hood, Team.status != TeamStatus.ARCHIVED)
        .group_by(Team.id)
        .order_by(sa.func.count().desc(), Team.id)
        .limit(1)
    )
    activity = session.scalar(
        sa.select(Activity.id)
        .where(Activity.team_id == team, Activity.status == ActivityStatus.PLANNED)
        .order_by(Activity.starts_at)
    )
    member = session.scalar(
        sa.select(User.email)
        .join(Membership, Membership.user_id == User.id)
        .where(Membership.team_id == team, Membership.role == MemberRole.TREKKER)
        .where(Membership.state == MembershipState.ACTIVE)
        .order_by(Membership.id)
        .limit(1)
    )
    slug = session.scalar(
        sa.select(Template.slug)
        .join(Activity, Activity.template_id == Template.id)
        .group_by(Template.id)
        .order_by(sa.func.count().desc())
        .limit(1)
    )
    fund = session.scalar(
        sa.select(Fund.id)
        .join(VoucherRequest, VoucherRequest.fund_id == Fund.id)
        .where(VoucherRequest.status.in_(OPEN_FOR_ADVICE))
        .group_by(Fund.id)
        .order_by(sa.func.count().desc(), Fund.id)
        .limit(1)
    )
    regie = session.scalar(
        sa.select(User.email)
        .join(RegieMember, RegieMember.user_id == User.id)
        .where(RegieMember.fund_id == fund, RegieMember.role == RegieRole.MEMBER)
        .order_by(RegieMember.id)
        .limit(1)
    )
    last_page = max(1, math.ceil(teams / Config.PAGE_SIZE))
    return dict(
        hood=hood, last_page=last_page, team=team, activity=activity, member=member, slug=slug, fund=fund, regie=regie
    )
