"""The neighbourhood field of the profile, registration, team and fund forms: a list while
there are few neighbourhoods, a name to type when there are many, the id either way."""

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.places import fields
from app.teams.models import Team
from tests.factories import make_neighbourhood, make_user
from tests.places.test_neighbourhood_list import bulk_neighbourhoods, municipality


@pytest.fixture
def places():
    amersfoort, utrecht = municipality("Amersfoort"), municipality("Utrecht")
    return {
        "kruiskamp": make_neighbourhood("Kruiskamp", municipality=amersfoort),
        "centrum amersfoort": make_neighbourhood("Centrum", municipality=amersfoort),
        "centrum utrecht": make_neighbourhood("Centrum", municipality=utrecht),
        "elisabeth": make_neighbourhood("Élisabethbuurt", municipality=utrecht),
    }


@pytest.fixture
def typed(monkeypatch):
    """As if there were more neighbourhoods than a list shows."""
    monkeypatch.setattr(fields, "LIST_UP_TO", 3)


def _profile(client, value):
    return client.post("/account", {"name": "Anna", "neighbourhood_id": value})


def test_few_neighbourhoods_are_a_list_to_pick_from(client, places):
    page = client.get("/registreren").get_data(as_text=True)
    assert '<select class="utrecht-select' in page and ">Kruiskamp (Amersfoort)</option>" in page
    anna = make_user("Anna", places["kruiskamp"])
    assert _profile(client.login(anna), "Kruiskamp").status_code == 200  # a name is no choice
    assert _profile(client, str(places["centrum utrecht"].id)).status_code == 302
    assert anna.neighbourhood_id == places["centrum utrecht"].id


def test_many_neighbourhoods_are_a_name_to_type(client, places, typed):
    page = client.get("/registreren").get_data(as_text=True)
    assert "<option" not in page and 'type="text"' in page and "Typ de naam van de buurt." in page
    anna = make_user("Anna", places["kruiskamp"])
    page = client.login(anna).get("/account").get_data(as_text=True)
    assert 'value="Kruiskamp (Amersfoort)"' in page  # the current one, as its label

    for value, hood in [
        ("  elisabethBUURT ", "elisabeth"),
        ("kruis", "kruiskamp"),  # the only name that starts so
        ("centrum (UTRECHT)", "centrum utrecht"),
        ("Centrum (Amersfoort)", "centrum amersfoort"),
    ]:
        assert _profile(client, value).status_code == 302, value
        db.session.refresh(anna)
        assert anna.neighbourhood_id == places[hood].id, value


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("centrum", "Welke buurt bedoelt u? Typ de hele naam, zoals: Centrum (Amersfoort); Centrum (Utrecht)."),
        ("c", "Welke buurt bedoelt u? Typ de hele naam, zoals: Centrum (Amersfoort); Centrum (Utrecht)."),
        ("Kruiskamp (Utrecht)", "We vinden geen buurt met deze naam."),
        ("Zuilen", "We vinden geen buurt met deze naam."),
        ("%", "We vinden geen buurt met deze naam."),
        ("()", "We vinden geen buurt met deze naam."),
        ("", "Kies uw buurt."),
    ],
)
def test_a_name_that_fits_none_or_several_comes_back_with_a_message(client, places, typed, value, message):
    anna = make_user("Anna", places["kruiskamp"])
    response = _profile(client.login(anna), value)
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and message in page
    assert f'value="{value}"' in page or not value  # what was typed stays, to correct it
    db.session.refresh(anna)
    assert anna.neighbourhood_id == places["kruiskamp"].id


def test_a_team_is_started_in_a_typed_neighbourhood(client, places, typed):
    anna = make_user("Anna", places["kruiskamp"])
    data = {"name": "Samen", "neighbourhood_id": "élisabeth", "kind": "buurtteam", "area": "Plein", "question": "q"}
    assert client.login(anna).post("/teams/nieuw", data).status_code == 302
    team = db.session.scalar(sa.select(Team).where(Team.name == "Samen"))
    assert team.neighbourhood_id == places["elisabeth"].id


@pytest.mark.parametrize("url", ["/registreren", "/teams/nieuw"])
def test_a_form_with_5000_neighbourhoods_stays_small(client, count_statements, url):
    place = municipality("Amersfoort")
    counts, sizes = [], []
    for total in (10, 5000):
        bulk_neighbourhoods(place, total, prefix=f"Wijk {total}")
        if url != "/registreren":
            client.login(make_user("Bob"))
        with count_statements() as counter:
            response = client.get(url)
        counts.append(len(counter.statements))
        sizes.append(len(response.data))
    assert counts[0] == counts[1] and sizes[1] < sizes[0] < 40_000, (counts, sizes)


@pytest.mark.parametrize("url", ["/agenda", "/coordinatie", "/rapportages"])
def test_a_filter_takes_a_typed_name_or_the_id_of_a_link(client, places, typed, url):
    client.login(make_user("Cor", is_coordinator=True))
    page = client.get(url).get_data(as_text=True)
    assert "Laat het leeg voor alle buurten." in page and "<option>" not in page
    for value in (str(places["elisabeth"].id), "elisabethbuurt"):
        page = client.get(url, query_string={"buurt": value}).get_data(as_text=True)
        assert 'value="Élisabethbuurt (Utrecht)"' in page and "aria-invalid" not in page, value
    page = client.get(url, query_string={"buurt": "Zuilen"}).get_data(as_text=True)
    assert "We vinden geen buurt met deze naam." in page
