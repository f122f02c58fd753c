"""/buurten and /beheer/buurten at any number of neighbourhoods: found by the start of their
name, a page at a time, grouped under their municipality, in a fixed number of statements."""

import re

import pytest
import sqlalchemy as sa

from app.core.text import name_key
from app.extensions import db
from app.places.models import Municipality, Neighbourhood
from app.places.services import MAX_LISTED, PER_PAGE
from app.teams.models import TeamStatus
from tests.factories import make_municipality, make_neighbourhood, make_user
from tests.generate import bulk_teams

LISTS = ["/buurten", "/beheer/buurten"]


def bulk_neighbourhoods(municipality: Municipality, count: int, prefix: str = "Wijk") -> None:
    names = [f"{prefix} {n:05d}" for n in range(count)]
    db.session.execute(
        sa.insert(Neighbourhood),
        [dict(municipality_id=municipality.id, name=name, name_key=name_key(name)) for name in names],
    )


def municipality(name: str) -> Municipality:
    return make_municipality(name)


def names_on(page: str) -> list[str]:
    return re.findall(r'/(?:teams|\d+)">([^<]+)</a>', page)


@pytest.fixture
def coordinator():
    return make_user("Cor", is_coordinator=True)


@pytest.mark.parametrize("url", LISTS)
def test_a_search_finds_a_neighbourhood_by_the_start_of_its_name_in_any_case_or_accents(client, coordinator, url):
    amersfoort = municipality("Amersfoort")
    for name in ("Kruiskamp", "Élisabethbuurt", "Schothorst-Zuid", "Kruisweg"):
        make_neighbourhood(name, municipality=amersfoort)
    client.login(coordinator)
    page = client.get(url, query_string={"q": "KRUIS"}).get_data(as_text=True)
    assert ("Kruiskamp" in page, "Kruisweg" in page, "Schothorst-Zuid" in page) == (True, True, False)
    assert "2 buurten gevonden die beginnen met ‘KRUIS’" in page
    page = client.get(url, query_string={"q": "  elisa "}).get_data(as_text=True)
    assert "Élisabethbuurt" in page and "1 buurt gevonden" in page
    page = client.get(url, query_string={"q": "kamp"}).get_data(as_text=True)
    assert "Kruiskamp" not in page and "0 buurten gevonden" in page


def test_the_list_is_grouped_by_municipality_in_pages_with_open_teams_counted(client):
    utrecht, amersfoort = municipality("Utrecht"), municipality("Amersfoort")
    bulk_neighbourhoods(utrecht, 30)
    bulk_neighbourhoods(amersfoort, 30)
    first = db.session.scalar(sa.select(Neighbourhood).where(Neighbourhood.municipality_id == amersfoort.id).limit(1))
    bulk_teams(first.id, 2)
    bulk_teams(first.id, 1, status=TeamStatus.ARCHIVED)

    page = client.get("/buurten").get_data(as_text=True)
    assert "60 buurten" in page and "Pagina 1 van 2" in page
    assert page.index(">Amersfoort</h2>") < page.index(">Utrecht</h2>")
    assert names_on(page)[:2] == ["Wijk 00000", "Wijk 00001"] and len(names_on(page)) == PER_PAGE
    assert 'Wijk 00000</a>\n        <span class="meta">· 2 teams' in page
    assert 'aria-label="Paginanummers"' in page

    page = client.get("/buurten?pagina=2").get_data(as_text=True)
    assert ">Amersfoort</h2>" not in page and ">Utrecht</h2>" in page
    assert names_on(page) == [f"Wijk {n:05d}" for n in range(20, 30)]


@pytest.mark.parametrize("url", LISTS)
def test_beyond_the_cap_the_list_asks_for_a_name(client, coordinator, url):
    bulk_neighbourhoods(municipality("Amersfoort"), MAX_LISTED + 5)
    client.login(coordinator)
    page = client.get(url).get_data(as_text=True)
    assert f"Meer dan {MAX_LISTED} buurten gevonden" in page
    assert f"Pagina 1 van {MAX_LISTED // PER_PAGE}" in page
    last = client.get(url, query_string={"pagina": 999}).get_data(as_text=True)
    assert f"Pagina {MAX_LISTED // PER_PAGE} van" in last and "Wijk 00499" in last
    page = client.get(url, query_string={"q": "wijk 0050"}).get_data(as_text=True)
    assert "5 buurten gevonden" in page and "Wijk 00504" in page


@pytest.mark.parametrize("url", LISTS)
@pytest.mark.parametrize(
    "args",
    [
        {"pagina": "abc"},
        {"pagina": "-1"},
        {"pagina": "0"},
        {"pagina": "99999999999999999999"},
        {"pagina": "²"},
        {"page": "abc"},
        {"q": "%"},
        {"q": "_"},
        {"q": "\\"},
        {"q": "' OR 1=1 --"},
        {"q": "x" * 5000},
        {"q": "\u0301"},
        {"q": "kruis", "pagina": "7"},
    ],
)
def test_odd_input_gives_a_normal_page(client, coordinator, url, args):
    make_neighbourhood("Kruiskamp")
    client.login(coordinator)
    response = client.get(url, query_string=args)
    assert response.status_code == 200
    if args.get("q", "kruis") not in ("kruis", "\u0301"):  # an accent alone searches for nothing
        assert "0 buurten gevonden" in response.get_data(as_text=True)


def test_the_admin_list_shows_municipalities_without_neighbourhoods(client, coordinator):
    municipality("Leusden")
    make_neighbourhood("Kruiskamp", municipality=municipality("Amersfoort"))
    page = client.login(coordinator).get("/beheer/buurten").get_data(as_text=True)
    assert "Gemeenten zonder buurten" in page and "Leusden" in page and "Kruiskamp" in page


@pytest.mark.parametrize("url", LISTS)
@pytest.mark.parametrize("args", [{}, {"pagina": "10"}, {"q": "wijk 00"}, {"q": "wijk 00", "pagina": "3"}])
def test_the_lists_need_the_same_statements_for_10_and_1000_neighbourhoods(
    client, coordinator, count_statements, url, args
):
    counts = []
    place = municipality("Amersfoort")
    for total in (10, 1000):
        db.session.execute(sa.delete(Neighbourhood))
        bulk_neighbourhoods(place, total)
        client.login(coordinator)
        with count_statements() as counter:
            response = client.get(url, query_string=args)
        assert response.status_code == 200
        counts.append(len(counter.statements))
    assert counts[0] == counts[1], counts
