"""Issue 23, finding 2 (forms part): a title, a name or a subject is one line. The attack's
activity title "Buurtfeest\u2028Deel twee" and team names and helpdesk subjects with a line
break were accepted; now every one-line field refuses them with a Dutch message, as it
refuses control characters, while a longer text keeps its line breaks."""

import pytest
import sqlalchemy as sa

from app.activities.models import Activity
from app.extensions import db
from app.helpdesk.models import Question
from app.teams.models import Team
from tests.factories import make_neighbourhood, make_team, make_user

MESSAGE = "Deze tekst moet op één regel. Haal de regeleinden weg."
BREAKS = ["\u2028", "\u2029", "\n", "\r\n"]


def count(model) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


@pytest.fixture
def team_and_trekker():
    hood = make_neighbourhood()
    tess = make_user("Tess", hood)
    return make_team(hood, tess), tess


@pytest.mark.parametrize("line_break", BREAKS)
def test_an_activity_title_with_a_line_break_is_refused(client, team_and_trekker, line_break):
    team, tess = team_and_trekker
    form = {"title": f"Buurtfeest{line_break}Deel twee", "kind": "party", "starts_at": "2027-06-14T14:00"}
    page = client.login(tess).post(f"/teams/{team.id}/activiteiten/nieuw", form).get_data(as_text=True)
    assert MESSAGE in page and count(Activity) == 0


@pytest.mark.parametrize("line_break", BREAKS)
def test_a_team_name_and_a_helpdesk_subject_with_a_line_break_are_refused(client, team_and_trekker, line_break):
    team, tess = team_and_trekker
    data = {"name": f"Pruimengaarde{line_break}Samen", "neighbourhood_id": team.neighbourhood_id, "kind": "buurtteam"}
    page = client.login(tess).post("/teams/nieuw", {**data, "area": "Straat", "question": "Samen"})
    assert MESSAGE in page.get_data(as_text=True) and count(Team) == 1

    asked = {"subject": f"Sleutel{line_break}Bcc: iedereen@example.org", "body": "Wie heeft hem?"}
    page = client.post(f"/teams/{team.id}/vragen/stellen", asked)
    assert MESSAGE in page.get_data(as_text=True) and count(Question) == 0


def test_a_longer_text_keeps_its_line_breaks(client, team_and_trekker):
    team, tess = team_and_trekker
    asked = {"subject": "Sleutel", "body": "Wie heeft de sleutel?\nWij willen zaterdag koffie zetten.\u2028Groet, Tess"}
    assert client.login(tess).post(f"/teams/{team.id}/vragen/stellen", asked).status_code == 302
    assert count(Question) == 1
