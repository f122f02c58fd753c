"""The migrations build exactly the models' schema on PostgreSQL, and go
down to nothing and up again."""

import flask_migrate
import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory

from app import create_app
from app.extensions import db
from tests.databases import drop_database, fresh_database

pytestmark = pytest.mark.no_db_transaction


@pytest.fixture
def empty_app():
    url = fresh_database("migrations")
    app = create_app("test", SQLALCHEMY_DATABASE_URI=url)
    with app.app_context():
        yield app
        db.session.remove()
        db.engine.dispose()
    drop_database(url)


def _differences() -> list:
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return compare_metadata(context, db.metadata)


def _tables() -> set[str]:
    with db.engine.connect() as connection:
        names = sa.inspect(connection).get_table_names()
        return set(names) - {"alembic_version"}


def test_there_is_one_head(empty_app):
    script = ScriptDirectory.from_config(empty_app.extensions["migrate"].migrate.get_config())
    assert len(script.get_heads()) == 1


def test_migrations_match_the_models_and_round_trip(empty_app):
    flask_migrate.upgrade()
    assert _tables() == set(db.metadata.tables)
    assert _differences() == []

    flask_migrate.downgrade(revision="base")
    assert _tables() == set()

    flask_migrate.upgrade()
    assert _differences() == []


def test_every_coordinator_keeps_every_municipality_on_upgrade(empty_app):
    """Before scopes a coordinator saw every team: the data step gives each coordinator there
    is each municipality there is, and nobody else anything."""
    flask_migrate.upgrade(revision="e24pc0000001")
    with db.engine.begin() as connection:
        towns = [
            connection.execute(
                sa.text("INSERT INTO municipality (name, name_key) VALUES (:n, :k) RETURNING id"),
                {"n": n, "k": n.lower()},
            ).scalar_one()
            for n in ("Amersfoort", "Leusden")
        ]
        people = {
            role: connection.execute(
                sa.text(
                    'INSERT INTO "user" (name, email, password_hash, is_coordinator, is_admin, session_token,'
                    " created_at) VALUES (:r, :e, 'x', :c, :a, :r, now()) RETURNING id"
                ),
                {"r": role, "e": f"{role}@example.org", "c": role.startswith("coordinator"), "a": role == "admin"},
            ).scalar_one()
            for role in ("coordinator", "coordinator2", "resident", "admin")
        }
    flask_migrate.upgrade()
    with db.engine.connect() as connection:
        rows = connection.execute(sa.text("SELECT user_id, municipality_id FROM coordinator_scope")).all()
    expected = {(people[who], town) for who in ("coordinator", "coordinator2") for town in towns}
    assert set(rows) == expected and len(rows) == 4
