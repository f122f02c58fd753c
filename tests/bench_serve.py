"""The machinery of `make bench` (tests.bench_http): a source tree (this one, or an earlier
commit checked out beside it), its app under gunicorn, a login, wrk's load, and the SQL
statements of a page counted in that tree's own code."""

import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
CONNECTIONS = 16
WORKERS = 2

WRK_SCRIPT = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('{"requests": %d, "duration": %d, "errors": %d, "p50": %d, "p95": %d, "p99": %d}\\n',
    summary.requests, summary.duration, e.connect + e.status + e.timeout,
    latency:percentile(50), latency:percentile(95), latency:percentile(99)))
end
"""

# Run with `python -c` in a tree, so that an earlier commit's statements are counted by its
# own code: one request per path to warm caches, then the statements of the next one. Reads
# the app's settings from the environment and [[path, cookie], ...] from stdin.
COUNT_SCRIPT = """
import json, sys
import sqlalchemy as sa
from app import create_app
from app.extensions import db
app = create_app("production")
client = app.test_client(use_cookies=False)
with app.app_context():
    engine = db.engine
answers = []
for path, cookie in json.load(sys.stdin):
    headers = {"Cookie": cookie} if cookie else {}
    client.get(path, headers=headers)
    count = [0]
    def counter(*_args):
        count[0] += 1
    sa.event.listen(engine, "before_cursor_execute", counter)
    try:
        status = client.get(path, headers=headers).status_code
    finally:
        sa.event.remove(engine, "before_cursor_execute", counter)
    answers.append([count[0], status])
print(json.dumps(answers))
"""


def log(message: str) -> None:
    print(message, flush=True)


# --- the trees ----------------------------------------------------------------------------


@dataclass
class Tree:
    """Source to serve: "after" is this working tree; "before" a commit checked out into a
    temporary git worktree (BENCH_BEFORE), with its translations compiled."""

    name: str
    path: Path
    ref: str | None = None

    @classmethod
    def checkout(cls, ref: str) -> "Tree":
        path = Path(tempfile.mkdtemp(prefix="buurtmakers-bench-before-"))
        _git("worktree", "add", "--detach", "--force", str(path), ref)
        tree = cls("before", path, ref)
        try:
            compile_translations = [BIN / "pybabel", "compile", "-d", "app/translations"]
            subprocess.run(compile_translations, cwd=path, check=True, capture_output=True)  # noqa: S603
        except BaseException:
            tree.remove()
            raise
        return tree

    def remove(self) -> None:
        if self.ref is not None:
            _git("worktree", "remove", "--force", str(self.path))

    def migrations(self) -> set[str]:
        return set(_git("ls-files", "migrations/versions", cwd=self.path).split())

    def count_statements(self, env: dict, pages: list[tuple[str, str | None]]) -> list[tuple[int, int]]:
        """(statements, HTTP status) of one request of each (path, cookie), after a first."""
        answer = subprocess.run(  # noqa: S603 - our own script
            [sys.executable, "-c", COUNT_SCRIPT],
            cwd=self.path,
            env=os.environ | env,
            input=json.dumps(pages),
            capture_output=True,
            text=True,
            check=True,
        )
        return [tuple(row) for row in json.loads(answer.stdout.strip().splitlines()[-1])]


def _git(*args: str, cwd: Path = ROOT) -> str:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True).stdout  # noqa: S603,S607


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


def serve(name: str, wsgi: str, env: dict, log_file: Path, cwd: Path = ROOT) -> Server:
    port = _free_port()
    command = [str(BIN / "gunicorn"), "--workers", str(WORKERS), "--worker-class", "sync"]
    command += ["--bind", f"127.0.0.1:{port}", "--timeout", "120", wsgi]
    with log_file.open("a") as output:
        process = subprocess.Popen(  # noqa: S603 - our own command
            command, cwd=cwd, env=os.environ | env, stdin=subprocess.DEVNULL, stdout=output, stderr=output
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


def login(server: Server, email: str, password: str) -> str:
    """The Cookie header of a fresh session. By hand: the production cookies are Secure, and
    requests would not send them back over plain http."""
    form = requests.get(server.url + "/inloggen", timeout=30)
    token = re.search(r'name="csrf_token" value="([^"]+)"', form.text).group(1)
    data = {"csrf_token": token, "email": email, "password": password}
    cookie = "; ".join(f"{c.name}={c.value}" for c in form.cookies)
    answer = requests.post(
        server.url + "/inloggen", data=data, headers={"Cookie": cookie}, allow_redirects=False, timeout=30
    )
    if answer.status_code != 302 or "tweede-stap" in answer.headers["Location"]:
        raise RuntimeError(f"login as {email} on {server.name} failed: HTTP {answer.status_code}")
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
