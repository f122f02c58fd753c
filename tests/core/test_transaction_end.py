"""A transaction that wrote nothing ends with a commit of nothing at the end of its request,
so that the connection keeps its prepared statements (psycopg forgets them at a rollback);
every other still ends with the rollback it had (core.transactions)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa

from app.core.transactions import on_rollback
from app.extensions import db
from app.places.models import Neighbourhood
from tests.factories import make_neighbourhood, make_user
from tests.live import arrange, migrated_app


def _names() -> set[str]:
    return set(db.session.scalars(sa.select(Neighbourhood.name)))


@pytest.fixture
def hood():
    return make_neighbourhood("Pruimengaarde")


def test_a_flushed_write_that_was_not_committed_is_rolled_back(app, hood):
    with app.app_context():
        make_neighbourhood("Geflusht")  # added and flushed, never committed
    assert "Geflusht" not in _names()


def test_a_change_that_was_not_flushed_is_not_written_by_the_end(app, hood):
    with app.app_context():
        db.session.get(Neighbourhood, hood.id).name = "Veranderd"
    db.session.expire_all()
    assert _names() == {"Pruimengaarde"}


def test_a_bulk_update_that_was_not_committed_is_rolled_back(app, hood):
    with app.app_context():
        db.session.execute(sa.update(Neighbourhood).values(name="Bijgewerkt"))
    db.session.expire_all()
    assert _names() == {"Pruimengaarde"}


def test_work_queued_on_the_transaction_follows_its_rollback(app, hood):
    undone = []
    with app.app_context():
        db.session.scalar(sa.select(Neighbourhood.id))
        on_rollback(lambda: undone.append(True))
    assert undone == [True]


@pytest.mark.no_db_transaction
def test_a_connection_keeps_the_prepared_statements_of_the_pages_it_served():
    with migrated_app("prepared") as (app, _url):
        anna = arrange(app, lambda: make_user("Anna", make_neighbourhood()).get_id())
        client = app.test_client()
        with client.session_transaction() as session:
            session["_user_id"] = anna
        # psycopg prepares a statement at its sixth run on a connection; enough runs for that
        # even if the pool took turns with a second connection.
        for _ in range(14):
            assert client.get("/account").status_code == 200
        with app.app_context():
            prepared = db.session.scalars(sa.text("SELECT statement FROM pg_prepared_statements")).all()
    assert any('FROM "user"' in statement for statement in prepared), prepared


ROOT = Path(__file__).resolve().parents[2]
THRESHOLD = """
from app import create_app
from app.extensions import db
app = create_app("test", SQLALCHEMY_DATABASE_URI=sys.argv[1])
with app.app_context():
    print(db.session.connection().connection.driver_connection.prepare_threshold)
"""


@pytest.mark.parametrize(("setting", "threshold"), [(None, "5"), ("0", "None")])
def test_prepared_statements_can_be_turned_off_for_an_older_pgbouncer(app, setting, threshold):
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_PREPARED_STATEMENTS"}
    if setting is not None:
        env["DATABASE_PREPARED_STATEMENTS"] = setting
    command = [sys.executable, "-c", "import sys" + THRESHOLD, app.config["SQLALCHEMY_DATABASE_URI"]]
    printed = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True, check=True).stdout  # noqa: S603
    assert printed.split()[-1] == threshold
