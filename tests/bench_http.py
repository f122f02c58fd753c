"""`make bench`: what a user feels, under load, against a yardstick.

Per scale (BENCH_SCALES, default "1,100"): a fresh PostgreSQL database, migrated, templates
seeded and filled by tests.generate; the app under gunicorn (2 sync workers, production
config, rate limits in Redis) and, in the same run, the bare page (tests.bench_bare: no
database, same size and layout). wrk loads every page of PAGES at 16 connections for
BENCH_SECONDS; the bare page runs just before and just after each page, and a page's share
is its req/s over the mean of those two. Everything runs twice; a figure is the mean of the
two and is flagged when they differ by more than 3 %. BENCH_CACHE=off runs the app without
the page cache (production without Redis). Prints a Markdown table and writes it, with the
raw figures as JSON, to test-artifacts/. Asserts nothing: speed is measured here."""

import json
import math
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import flask_migrate
import requests
import sqlalchemy as sa

from app import create_app
from app.accounts.models import User
from app.activities.models import Activity, ActivityStatus
from app.extensions import db
from app.teams.models import MemberRole, Membership, MembershipState, Team, TeamStatus
from app.templates_library.models import Template
from app.templates_library.seeding import seed_from_files
from tests.databases import drop_database, named_database
from tests.generate import COORDINATOR_EMAIL, PASSWORD, generate

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"
SCALES = [int(scale) for scale in os.environ.get("BENCH_SCALES", "1,100").split(",")]
SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
BARE_SECONDS = max(2, SECONDS // 2)  # the bare page is steady; half as long keeps the run short
WARMUP_SECONDS = 2
CONNECTIONS = 16
WORKERS = 2
PASSES = 2
AGREE = 0.03  # two passes further apart than this are flagged
KEEP_DATABASES = os.environ.get("BENCH_KEEP_DB") == "1"
CACHE_OFF = os.environ.get("BENCH_CACHE") == "off"
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/15")
SETTINGS = {
    "BUURTMAKERS_CONFIG": "production",
    "SECRET_KEY": "bench-only-not-secret",
    "PUBLIC_BASE_URL": "https://bench.buurtmakers.test",
    "RATELIMIT_STORAGE_URI": REDIS_URL,
    "CACHE_REDIS_URL": REDIS_URL,
    # Its own keys, so that logins of an earlier run count against no limit of this one.
    "RATELIMIT_KEY_PREFIX": f"bench-{os.getpid()}",
}


def settings(scale: int) -> dict:
    """The app's settings at a scale, as environment (gunicorn) and config (the statement
    counts in this process). Each scale has its own cache keys: pages of the other data set
    must not be served from the cache."""
    cache = {"CACHE_REDIS_URL": ""} if CACHE_OFF else {}  # production without Redis: NullCache
    return SETTINGS | {"CACHE_KEY_PREFIX": f"bench-{os.getpid()}-{scale}x:"} | cache


@dataclass(frozen=True)
class Page:
    name: str
    path: str  # formatted with the facts of the data set (see `facts`)
    login: str | None = None  # "member" or "coordinator"


PAGES = [
    Page("home", "/"),
    Page("neighbourhood list", "/buurten"),
    Page("directory, largest neighbourhood", "/buurten/{hood}/teams"),
    Page("directory, last page", "/buurten/{hood}/teams?pagina={last_page}"),
    Page("public team page", "/teams/{team}"),
    Page("team's flyer (QR code drawn per request)", "/teams/{team}/flyer"),
    Page("template library", "/aanpakken"),
    Page("template search", "/aanpakken?q=buurt"),
    Page("template page, most used", "/aanpakken/{slug}"),
    Page("API list of templates", "/api/v1/templates"),
    Page("public agenda", "/agenda"),
    Page("impact page", "/wat-bewoners-samen-doen"),
    Page("public fund list", "/buurtbudget"),
    Page("team page, logged in as member", "/teams/{team}", login="member"),
    Page("dashboard, coordinator", "/coordinatie", login="coordinator"),
]

WRK_SCRIPT = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('{"requests": %d, "duration": %d, "errors": %d, "p50": %d, "p95": %d, "p99": %d}\\n',
    summary.requests, summary.duration, e.connect + e.status + e.timeout,
    latency:percentile(50), latency:percentile(95), latency:percentile(99)))
end
"""


def log(message: str) -> None:
    print(message, flush=True)


# --- the data ---------------------------------------------------------------------------


def prepare(app, scale: int) -> None:
    with app.app_context():
        start = time.perf_counter()
        flask_migrate.upgrade()
        seed_from_files()
        db.session.commit()
        log(f"  migrated and seeded     {time.perf_counter() - start:6.1f} s")
        generate(scale, log)


def facts(app) -> dict:
    """What the page paths need: the largest neighbourhood, its last directory page, its team
    with the most planned activities and a trekker of it, the most used template."""
    with app.app_context():
        session = db.session
        hood = session.scalar(
            sa.select(Team.neighbourhood_id).group_by(Team.neighbourhood_id).order_by(sa.func.count().desc()).limit(1)
        )
        teams = session.scalar(
            sa.select(sa.func.count()).where(Team.neighbourhood_id == hood, Team.status != TeamStatus.ARCHIVED)
        )
        team = session.scalar(
            sa.select(Team.id)
            .join(Activity, Activity.team_id == Team.id)
            .where(Team.neighbourhood_id == hood, Team.status != TeamStatus.ARCHIVED)
            .where(Activity.status == ActivityStatus.PLANNED)
            .group_by(Team.id)
            .order_by(sa.func.count().desc(), Team.id)
            .limit(1)
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
        db.session.remove()
    page_size = app.config["PAGE_SIZE"]
    return dict(hood=hood, last_page=max(1, math.ceil(teams / page_size)), team=team, member=member, slug=slug)


def statements_per_request(app, path: str, cookie: str | None) -> tuple[int, int]:
    """SQL statements of one request, after one that warms caches, and its HTTP status."""
    client = app.test_client(use_cookies=False)  # else it replaces our Cookie header with its own jar
    headers = {"Cookie": cookie} if cookie else {}
    client.get(path, headers=headers)
    count = 0

    def counter(*_args):
        nonlocal count
        count += 1

    with app.app_context():
        engine = db.engine
    sa.event.listen(engine, "before_cursor_execute", counter)
    try:
        status = client.get(path, headers=headers).status_code
    finally:
        sa.event.remove(engine, "before_cursor_execute", counter)
    return count, status


# --- the servers --------------------------------------------------------------------------


@dataclass
class Server:
    name: str
    process: subprocess.Popen
    url: str

    def workers(self) -> list[int]:
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children").read_text()
        return [int(pid) for pid in children.split()]

    def reset_peak_memory(self) -> None:
        for pid in self.workers():
            Path(f"/proc/{pid}/clear_refs").write_text("5")  # VmHWM back to the current RSS

    def peak_memory_mb(self) -> float:
        peaks = []
        for pid in self.workers():
            status = Path(f"/proc/{pid}/status").read_text()
            peaks.append(int(re.search(r"VmHWM:\s+(\d+) kB", status).group(1)) / 1024)
        return max(peaks)

    def stop(self) -> None:
        self.process.terminate()  # the gunicorn master stops its workers
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def serve(name: str, wsgi: str, env: dict, log_file: Path) -> Server:
    port = _free_port()
    command = [str(Path(sys.executable).parent / "gunicorn"), "--workers", str(WORKERS), "--worker-class", "sync"]
    command += ["--bind", f"127.0.0.1:{port}", "--timeout", "120", wsgi]
    with log_file.open("a") as output:
        process = subprocess.Popen(  # noqa: S603 - our own command
            command, cwd=ROOT, env=os.environ | env, stdin=subprocess.DEVNULL, stdout=output, stderr=output
        )
    server = Server(name, process, f"http://127.0.0.1:{port}")
    try:
        deadline = time.monotonic() + 120
        while process.poll() is None and time.monotonic() < deadline:
            try:
                if requests.get(server.url + "/", timeout=30).status_code == 200:
                    return server
            except requests.RequestException:
                time.sleep(0.5)
        raise RuntimeError(f"{name} did not start; see {log_file}")
    except BaseException:
        server.stop()
        raise


def login(server: Server, email: str) -> str:
    """The Cookie header of a fresh session. By hand: the production cookies are Secure, and
    requests would not send them back over plain http."""
    form = requests.get(server.url + "/inloggen", timeout=30)
    token = re.search(r'name="csrf_token" value="([^"]+)"', form.text).group(1)
    data = {"csrf_token": token, "email": email, "password": PASSWORD}
    cookie = "; ".join(f"{c.name}={c.value}" for c in form.cookies)
    answer = requests.post(
        server.url + "/inloggen", data=data, headers={"Cookie": cookie}, allow_redirects=False, timeout=30
    )
    if answer.status_code != 302:
        raise RuntimeError(f"login as {email} failed: HTTP {answer.status_code}")
    return "; ".join(f"{c.name}={c.value}" for c in answer.cookies)


# --- the load -----------------------------------------------------------------------------


def wrk(url: str, seconds: int, script: Path, cookie: str | None = None) -> dict:
    command = ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{seconds}s", "--timeout", "10s", "-s", str(script), url]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout  # noqa: S603
    raw = json.loads(output.strip().splitlines()[-1])
    return {
        "rps": raw["requests"] / (raw["duration"] / 1e6),
        "p50": raw["p50"] / 1000,
        "p95": raw["p95"] / 1000,
        "p99": raw["p99"] / 1000,
        "errors": raw["errors"],
    }


def measure(scale: int, app, server: Server, bare: Server, data: dict, script: Path) -> list[dict]:
    paths = [page.path.format(**data) for page in PAGES]
    cookies = {role: login(server, data[role]) for role in {page.login for page in PAGES} - {None}}
    counts = [
        statements_per_request(app, path, cookies.get(page.login)) for page, path in zip(PAGES, paths, strict=True)
    ]
    runs: list[list[dict]] = [[] for _ in PAGES]
    bares = []
    for number in range(1, PASSES + 1):
        log(f"  pass {number} of {PASSES}")
        before = wrk(bare.url + "/", BARE_SECONDS, script)
        bares.append(before)
        for page, path, page_runs in zip(PAGES, paths, runs, strict=True):
            # Logged in afresh before each run: the session then needs no rewrite while wrk runs.
            cookie = login(server, data[page.login]) if page.login else None
            if number == 1:
                wrk(server.url + path, WARMUP_SECONDS, script, cookie)
            server.reset_peak_memory()
            run = wrk(server.url + path, SECONDS, script, cookie)
            run["rss"] = server.peak_memory_mb()
            after = wrk(bare.url + "/", BARE_SECONDS, script)
            bares.append(after)
            run["share"] = run["rps"] / statistics.mean((before["rps"], after["rps"]))
            before = after
            page_runs.append(run)
            log(f"    {page.name:<34} {run['rps']:8.1f} req/s  {run['share']:4.0%} of bare  p95 {run['p95']:7.1f} ms")
    rows = [_row(scale, "bare page", "/", bares, None)]
    for page, path, page_runs, count in zip(PAGES, paths, runs, counts, strict=True):
        rows.append(_row(scale, page.name, path, page_runs, count))
    return rows


def _row(scale: int, name: str, path: str, runs: list[dict], count: tuple[int, int] | None) -> dict:
    mean = {key: statistics.mean(run[key] for run in runs) for key in ("rps", "p50", "p95", "p99")}
    rates = [run["rps"] for run in runs]
    notes = []
    if len(runs) == 2 and abs(rates[0] - rates[1]) / mean["rps"] > AGREE:
        notes.append(f"passes differ {abs(rates[0] - rates[1]) / mean['rps']:.0%}")
    if errors := sum(run["errors"] for run in runs):
        notes.append(f"{errors} errors (non-2xx/3xx or timeouts)")
    row = dict(scale=scale, page=name, path=path, **mean, runs=runs, notes=notes)
    if count is not None:
        row |= dict(share=statistics.mean(run["share"] for run in runs), rss=max(run["rss"] for run in runs))
        row |= dict(statements=count[0], status=count[1])
        if count[1] != 200:
            notes.append(f"HTTP {count[1]}")
    return row


# --- the report ---------------------------------------------------------------------------


def table(rows: list[dict]) -> str:
    lines = [
        "| scale | page | req/s | share of bare | p50 ms | p95 ms | p99 ms | SQL/request | peak RSS MB | notes |",
        "|---|---|--:|--:|--:|--:|--:|--:|--:|---|",
    ]
    for row in rows:
        share = f"{row['share']:.0%}" if "share" in row else ""
        statements = str(row.get("statements", ""))
        rss = f"{row['rss']:.0f}" if "rss" in row else ""
        lines.append(
            f"| {row['scale']}× | {row['page']} | {row['rps']:,.0f} | {share} | {row['p50']:.1f} | {row['p95']:.1f} "
            f"| {row['p99']:.1f} | {statements} | {rss} | {'; '.join(row['notes'])} |"
        )
    return "\n".join(lines)


def write_report(rows: list[dict], stem: Path) -> None:
    settings = dict(scales=SCALES, seconds=SECONDS, bare_seconds=BARE_SECONDS, connections=CONNECTIONS, workers=WORKERS)
    heading = (
        f"# make bench, {datetime.now():%Y-%m-%d %H:%M}\n\n{WORKERS} gunicorn sync workers, wrk -c{CONNECTIONS}, "
        f"{SECONDS} s per page (bare page {BARE_SECONDS} s), mean of {PASSES} passes; "
        f"load average at the start {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores.\n\n"
    )
    stem.with_suffix(".md").write_text(heading + table(rows) + "\n")
    stem.with_suffix(".json").write_text(json.dumps(dict(settings=settings, rows=rows), indent=2) + "\n")


def main() -> None:
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))  # so that `finally` stops the servers
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is missing: apt-get install -y wrk (make bench does this)")
    stem = ARTIFACTS / f"bench-{datetime.now():%Y%m%d-%H%M%S}"
    ARTIFACTS.mkdir(exist_ok=True)
    rows: list[dict] = []
    servers: list[Server] = []
    with tempfile.TemporaryDirectory() as tmp:
        script = Path(tmp) / "percentiles.lua"
        script.write_text(WRK_SCRIPT)
        bare = None
        try:
            for scale in SCALES:
                log(f"{scale}×: generating data")
                url = named_database(f"buurtmakers_bench_{scale}x")
                env = settings(scale)
                # CACHE_TYPE follows CACHE_REDIS_URL when config.py is read; here it is read already.
                cache_type = "NullCache" if CACHE_OFF else "RedisCache"
                app = create_app("production", SQLALCHEMY_DATABASE_URI=url, CACHE_TYPE=cache_type, **env)
                prepare(app, scale)
                data = facts(app) | {"coordinator": COORDINATOR_EMAIL}
                log(f"  pages use {data}")
                server = serve("app", "wsgi:app", env | {"DATABASE_URL": url}, stem.with_suffix(".app.log"))
                servers.append(server)
                if bare is None:
                    page = Path(tmp) / "bare.html"
                    page.write_text(requests.get(server.url + "/", timeout=30).text)
                    bare_env = {"BENCH_BARE_HTML": str(page)}
                    bare = serve("bare page", "tests.bench_bare:app", bare_env, stem.with_suffix(".bare.log"))
                    servers.append(bare)
                    wrk(bare.url + "/", WARMUP_SECONDS, script)
                log(f"{scale}×: loading {len(PAGES)} pages, {PASSES} passes")
                rows += measure(scale, app, server, bare, data, script)
                server.stop()
                servers.remove(server)
                with app.app_context():
                    db.engine.dispose()
                if not KEEP_DATABASES:
                    drop_database(url)
        finally:
            for server in servers:
                server.stop()
    print()
    print(table(rows))
    write_report(rows, stem)
    log(f"\nWritten to {stem.relative_to(ROOT)}.md and .json (server logs: .app.log, .bare.log)")


if __name__ == "__main__":
    main()
