"""Issue 23, finding 11: invisible characters in a name. "Pruimengaarde Samen" with a
zero-width space, a word joiner or a byte order mark looked identical to the existing team
and passed the duplicate check. The fold behind every name key drops all of Unicode's
Default_Ignorable_Code_Point set."""

import regex
import sqlalchemy as sa

from app.core.text import DEFAULT_IGNORABLE, fold, name_key
from app.extensions import db
from app.teams.models import Team
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
