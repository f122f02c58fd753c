"""Issue 23, finding 11: invisible characters in a name. "Pruimengaarde Samen" with a
zero-width space, a word joiner or a byte order mark looked identical to the existing team
and passed the duplicate check. The fold behind every name key drops all of Unicode's
Default_Ignorable_Code_Point set, and a data migration folds the keys already stored."""

import flask_migrate
import pytest
import regex
import sqlalchemy as sa

from app import create_app
from app.core.text import DEFAULT_IGNORABLE, fold, name_key
from app.extensions import db
from app.places.models import Municipality
from app.teams.models import Team
from tests.databases import database_url, drop_database
from tests.factories import make_neighbourhood, make_user

TEAM = "Pruimengaarde Samen"
# The property as a library that follows Unicode's own data files has it.
IGNORABLE = regex.compile(r"\p{Default_Ignorable_Code_Point}")


def test_the_fold_drops_the_whole_default_ignorable_set_and_nothing_else():
    ours = {c for c in range(0x110000) if DEFAULT_IGNORABLE.match(chr(c))}
    assert ours == {c for c in range(0x110000) if IGNORABLE.match(chr(c))}
    for c in map(chr, sorted(ours)):
        assert name_key(f"{TEAM}{c}") == name_key(f"Pruimen{c}gaarde {c}Samen") == "pruimengaarde samen"
    assert fold("Buurtcafé\u200b") == "buurtcafe"


def test_an_invisible_twin_of_a_team_name_is_refused(client):
    hood = make_neighbourhood()
    client.login(make_user("Anna", hood))
    data = {"neighbourhood_id": hood.id, "kind": "buurtteam", "area": "Straat", "question": "Samen"}
    assert client.post("/teams/nieuw", {**data, "name": TEAM}).status_code == 302
    for twin in (f"{TEAM}\u200b", f"{TEAM}\u2060", f"{TEAM}\ufeff", "Pruimen\u00adgaarde Samen"):
        page = client.post("/teams/nieuw", {**data, "name": twin}).get_data(as_text=True)
        assert "Er is al een team met deze naam in deze buurt." in page, repr(twin)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Team)) == 1


@pytest.mark.no_db_transaction
def test_the_migration_folds_stored_keys_and_leaves_an_existing_twin_alone(backend, tmp_path):
    url = database_url(backend, "name_keys", tmp_path)
    app = create_app("test", SQLALCHEMY_DATABASE_URI=url)
    try:
        with app.app_context():
            flask_migrate.upgrade(revision="e17b00000001")
            # Keys as the earlier fold stored them.
            rows = [
                ("Pruimstad", "pruimstad"),
                ("Pruimstad\u200b", "pruimstad\u200b"),
                ("Ee\u00adn\u2060", "ee\u00adn\u2060"),
            ]
            db.session.execute(sa.insert(Municipality), [{"name": name, "name_key": key} for name, key in rows])
            db.session.commit()
            flask_migrate.upgrade()
            keys = dict(db.session.execute(sa.select(Municipality.name, Municipality.name_key)).all())
            assert keys == {"Pruimstad": "pruimstad", "Pruimstad\u200b": "pruimstad\u200b", "Ee\u00adn\u2060": "een"}
            db.session.remove()
            db.engine.dispose()
    finally:
        drop_database(url)
