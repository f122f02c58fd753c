"""Issue 25, item 1: compose.yaml and the Kubernetes manifests in deploy/ agree with the app.
Their probes ask routes the app has, every variable they set is one the app reads, and every
`flask ...` they run is a command of the app's CLI with options it takes."""

import re
import shlex
from pathlib import Path

import click
import pytest
import yaml

from app import create_app
from tests.databases import UNCONNECTED

ROOT = Path(__file__).resolve().parents[1]
PERIODIC = {
    ("outbox", "send"),
    ("reminders",),
    ("teams", "mark-dormant"),
    ("privacy", "purge"),
    ("digest", "send"),
    ("letter", "send"),
}
# Where the app (and gunicorn's configuration) read their settings from the environment.
READERS = [ROOT / "config.py", ROOT / "wsgi.py", ROOT / "gunicorn.conf.py", *sorted((ROOT / "app").rglob("*.py"))]
ENVIRONMENT_READ = re.compile(r"""environ(?:\.get\(|\[)\s*["']([A-Z0-9_]+)["']""")


@pytest.fixture(scope="module")
def cli_app():
    return create_app("test", SQLALCHEMY_DATABASE_URI=UNCONNECTED)


def _documents() -> dict[str, list[dict]]:
    files = [ROOT / "compose.yaml", *sorted((ROOT / "deploy").glob("*.yaml"))]
    return {path.name: [doc for doc in yaml.safe_load_all(path.read_text()) if doc] for path in files}


def _compose_services() -> dict[str, dict]:
    """The services that run this app's image (the others are PostgreSQL, Redis, MinIO)."""
    (compose,) = _documents()["compose.yaml"]
    return {name: service for name, service in compose["services"].items() if "build" in service}


def _pod_specs() -> list[dict]:
    specs = []
    for docs in _documents().values():
        for doc in docs:
            if doc.get("kind") in ("Deployment", "Job"):
                specs.append(doc["spec"]["template"]["spec"])
            elif doc.get("kind") == "CronJob":
                specs.append(doc["spec"]["jobTemplate"]["spec"]["template"]["spec"])
    return specs


def _containers() -> list[dict]:
    return [container for spec in _pod_specs() for container in spec["containers"]]


def _flask_commands(command: list[str] | str) -> list[list[str]]:
    """The `flask ...` invocations in a command: an argument list, or a shell script (sh -c)."""
    if isinstance(command, str):
        command = shlex.split(command)
    if command[:2] == ["sh", "-c"]:
        steps = re.split(r"&&|\|\||;|\n|\bthen\b|\bdo\b", command[2])
        return [shlex.split(step) for step in steps if step.strip().startswith("flask ")]
    return [command] if command[:1] == ["flask"] else []


def _all_flask_commands() -> list[list[str]]:
    commands = [service.get("command") or service.get("entrypoint") for service in _compose_services().values()]
    commands += [container.get("command", []) + container.get("args", []) for container in _containers()]
    return [words for command in commands if command for words in _flask_commands(command)]


def _resolve(cli: click.Group, words: list[str]) -> None:
    """Raise click.UsageError unless `flask <words>` is a command with arguments it takes."""
    command, ctx, rest = cli, click.Context(cli, info_name="flask"), words
    while isinstance(command, click.Group):
        if not rest:
            raise click.UsageError(f"{ctx.command_path} needs a subcommand")
        name, command, rest = command.resolve_command(ctx, rest)
        ctx = click.Context(command, info_name=name, parent=ctx)
    command.make_context(ctx.info_name, list(rest), parent=ctx.parent)


def test_every_flask_command_line_is_a_command_of_the_app(cli_app):
    commands = _all_flask_commands()
    assert {tuple(words[1:]) for words in commands} >= PERIODIC | {("db", "upgrade"), ("seed", "templates")}
    for words in commands:
        _resolve(cli_app.cli, words[1:])


def test_a_misspelt_command_would_be_caught(cli_app):
    for words in (["outbox", "sent"], ["teams"], ["reminders", "--all"], ["privacy", "purge", "now"]):
        with pytest.raises(click.UsageError):
            _resolve(cli_app.cli, words)


def test_kubernetes_runs_each_periodic_command_as_a_cronjob():
    cronjobs = [doc for doc in _documents()["cronjobs.yaml"] if doc["kind"] == "CronJob"]
    commands = {
        tuple(words[1:])
        for job in cronjobs
        for container in job["spec"]["jobTemplate"]["spec"]["template"]["spec"]["containers"]
        for words in _flask_commands(container["command"])
    }
    assert commands == PERIODIC
    assert {job["spec"]["concurrencyPolicy"] for job in cronjobs} == {"Forbid"}


def _environment_names() -> set[str]:
    names = {name for service in _compose_services().values() for name in service.get("environment", {})}
    for container in _containers():
        names |= {variable["name"] for variable in container.get("env", [])}
    referenced = {ref[kind]["name"] for c in _containers() for ref in c.get("envFrom", []) for kind in ref}
    for docs in _documents().values():
        for doc in docs:
            if doc.get("kind") in ("ConfigMap", "Secret") and doc["metadata"]["name"] in referenced:
                names |= set(doc.get("data", {})) | set(doc.get("stringData", {}))
    return names


def test_every_variable_set_is_a_setting_the_app_reads():
    read = {name for path in READERS for name in ENVIRONMENT_READ.findall(path.read_text())}
    assert {"DATABASE_URL", "SECRET_KEY", "WEB_CONCURRENCY", "S3_BUCKET"} <= read
    names = _environment_names()
    assert {"DATABASE_URL", "SECRET_KEY", "PUBLIC_BASE_URL", "UPLOAD_STORAGE"} <= names
    assert names - read == set(), "set in compose.yaml or deploy/ but read by nothing"


def _probe_paths() -> set[str]:
    paths = set()
    for service in _compose_services().values():
        test = " ".join(service.get("healthcheck", {}).get("test", []))
        paths |= set(re.findall(r"https?://[^/\s'\"]+(/[^\s'\"]*)", test))
    for container in _containers():
        for probe in ("startupProbe", "livenessProbe", "readinessProbe"):
            if probe in container:
                paths.add(container[probe]["httpGet"]["path"])
    return paths


def test_the_probes_ask_routes_the_app_has(cli_app):
    paths = _probe_paths()
    assert paths == {"/healthz", "/readyz"}
    routes = {rule.rule for rule in cli_app.url_map.iter_rules()}
    assert paths <= routes
    (deployment,) = [doc for doc in _documents()["deployment.yaml"] if doc["kind"] == "Deployment"]
    (web,) = deployment["spec"]["template"]["spec"]["containers"]
    probes = (web["livenessProbe"], web["readinessProbe"])
    assert [probe["httpGet"]["path"] for probe in probes] == ["/healthz", "/readyz"]


def test_every_pod_runs_as_a_user_without_rights_within_its_resources():
    for spec in _pod_specs():
        assert spec["securityContext"]["runAsNonRoot"] is True and spec["securityContext"]["runAsUser"] != 0
        for container in spec["containers"]:
            assert container["securityContext"]["allowPrivilegeEscalation"] is False
            assert {"requests", "limits"} <= set(container["resources"])
    assert _compose_services()["app"]["deploy"]["replicas"] == 2
