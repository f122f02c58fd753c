"""Issue 25, item 7: the periodic jobs may be started on every machine at once. One run does
the work under a PostgreSQL advisory lock, the others stop at once and successfully, and each
success is recorded for the metrics (`last_successes`)."""

import asyncio
import os
import subprocess
import sys
import threading
import time
from datetime import timedelta

import pytest
import sqlalchemy as sa
from aiosmtpd.controller import Controller

from app.core.jobs import JobRun, exclusive, last_successes
from app.core.mail import OutboxMail
from app.core.models import utcnow
from app.extensions import db
from tests.core.conftest import Inbox, _free_port
from tests.live import ROOT, arrange, count_rows, migrated_app

JOBS = {
    "outbox send": ["outbox", "send"],
    "reminders": ["reminders"],
    "teams mark-dormant": ["teams", "mark-dormant"],
    "privacy purge": ["privacy", "purge"],
}
MAILS = 12


class HeldInbox(Inbox):
    """A relay that holds the first mail until `release` is set: the run that got the lock is
    then surely still busy when the other one starts, however slowly either process starts."""

    def __init__(self):
        super().__init__()
        self.release = threading.Event()

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
        await asyncio.get_running_loop().run_in_executor(None, self.release.wait, 30)
        return await super().handle_DATA(server, session, envelope)


@pytest.fixture
def committed():
    """A database of its own, whose rows the command's processes see."""
    with migrated_app("jobs") as (app, url):
        yield app, url


def _flask(url: str, port: int, *args: str) -> subprocess.Popen:
    env = os.environ | {
        "FLASK_APP": "wsgi:app",
        "BUURTMAKERS_CONFIG": "test",
        "TEST_DATABASE_URL": url,
        "MAIL_SERVER": "127.0.0.1",
        "MAIL_PORT": str(port),
        "MAIL_SECURITY": "none",
    }
    command = [sys.executable, "-m", "flask", *args]
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)  # noqa: S603


@pytest.mark.no_db_transaction
def test_two_machines_start_the_outbox_at_once_and_each_mail_goes_out_once(committed):
    app, url = committed
    recipients = [f"buur{n}@example.org" for n in range(MAILS)]
    arrange(
        app, lambda: db.session.add_all(OutboxMail(recipient=r, subject="Hallo", body="Tot zo") for r in recipients)
    )
    inbox = HeldInbox()
    relay = Controller(inbox, hostname="127.0.0.1", port=_free_port())
    relay.start()
    try:
        runs = [_flask(url, relay.port, "outbox", "send") for _ in range(2)]
        deadline = time.monotonic() + 30
        while all(run.poll() is None for run in runs) and time.monotonic() < deadline:
            time.sleep(0.05)
        [stopped] = [run for run in runs if run.poll() is not None]  # the other one holds the first mail
        [working] = [run for run in runs if run is not stopped]
        assert stopped.returncode == 0
        assert stopped.stdout.read().strip() == "outbox send: another run is busy; this one stops"

        inbox.release.set()
        assert working.wait(60) == 0
        assert working.stdout.read().strip() == f"{MAILS} mail(s) sent, 0 failed"
    finally:
        inbox.release.set()
        relay.stop()
        for run in runs:
            run.stdout.close()
    assert sorted(inbox.recipients) == sorted(recipients)  # each once
    assert count_rows(app, sa.select(sa.func.count()).where(OutboxMail.sent_at.is_(None))) == 0
    with app.app_context():
        assert list(last_successes()) == ["outbox send"]
        assert utcnow() - last_successes()["outbox send"] < timedelta(minutes=1)
        db.session.remove()


def _run(app, job: str, expect_exit: int = 0) -> str:
    result = app.test_cli_runner().invoke(args=JOBS[job])
    assert result.exit_code == expect_exit, result.output
    return result.output


@pytest.mark.parametrize("job", JOBS)
def test_a_job_started_while_another_machine_runs_it_stops_and_records_nothing(app, job):
    with app.app_context(), exclusive(job) as ours:
        assert ours
        assert _run(app, job).strip() == f"{job}: another run is busy; this one stops"
    assert job not in last_successes()


@pytest.mark.parametrize("job", JOBS)
def test_each_job_records_its_last_success(app, job):
    before = utcnow()
    _run(app, job)
    when = last_successes()[job]
    assert before <= when <= utcnow()
    assert db.session.get(JobRun, job).duration_ms >= 0
    _run(app, job)
    assert last_successes()[job] > when
    with app.app_context(), exclusive(job) as ours:
        assert ours  # released after each run


def test_a_run_that_fails_is_no_success(app, monkeypatch):
    monkeypatch.setitem(app.config, "MAIL_SERVER", "127.0.0.1")
    monkeypatch.setitem(app.config, "MAIL_PORT", _free_port())  # nothing listens there
    monkeypatch.setitem(app.config, "MAIL_SECURITY", "none")
    db.session.add(OutboxMail(recipient="buur@example.org", subject="Hallo", body="Tot zo"))
    db.session.flush()
    _run(app, "outbox send", expect_exit=1)
    assert "outbox send" not in last_successes()
    with app.app_context(), exclusive("outbox send") as ours:
        assert ours
