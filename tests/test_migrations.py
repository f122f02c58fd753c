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
