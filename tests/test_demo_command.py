"""`flask seed demo` on an empty database, as `make run` does it (tests/test_demo.py reads
the demo it builds)."""

import sqlalchemy as sa

from app.accounts.models import User
from app.extensions import db
from seeds.demo import DEMO_PASSWORD, DEMO_TOTP_SECRET


def test_the_command_prints_every_demo_login_and_the_second_step_key(app, tmp_path, monkeypatch):
    monkeypatch.setitem(app.config, "UPLOAD_FOLDER", str(tmp_path))
    result = app.test_cli_runner().invoke(args=["seed", "demo"])
    assert result.exit_code == 0, result.output
    emails = db.session.scalars(sa.select(User.email).where(User.email.like("%@example.org"))).all()
    for email in ("coordinator@example.org", "coordinator2@example.org", "tweestap@example.org", "admin@example.org"):
        assert email in emails and email in result.output
    assert DEMO_PASSWORD in result.output and DEMO_TOTP_SECRET in result.output
