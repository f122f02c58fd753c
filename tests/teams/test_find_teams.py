"""Issue 24, item 12: a resident finds a team by the words they know. "Lindelaan" (a street
in the team's name or area) and "Amersfoort" (the town) found nothing, as the search only
knew the official names of neighbourhoods. Now /buurten finds teams anywhere by their own
words, their neighbourhood, its postcodes ("3813") or their municipality."""

import html

import pytest

from app.places.models import Municipality
from app.teams.models import TeamStatus
from app.teams.services import FOUND_TEAMS
from tests.factories import make_neighbourhood, make_team, make_user


@pytest.fixture
def towns(ctx):
    amersfoort, utrecht = Municipality(name="Amersfoort"), Municipality(name="Utrecht")
    liendert = make_neighbourhood("Liendert", amersfoort, postcodes=["3822"])
    kruiskamp = make_neighbourhood("Kruiskamp", amersfoort, postcodes=["3813", "3814"])
    lombok = make_neighbourhood("Lombok", utrecht)
    tess = make_user("Tess", liendert)
    make_team(liendert, tess, name="Flat Lindelaan Burennetwerk", area="Lindelaan 1 tot 99")
    make_team(kruiskamp, tess, name="Pruimengaarde Samen", area="Pruimengaarde en het speelveld")
    make_team(lombok, tess, name="Moestuin Lombok", area="Kanaalstraat, bij de moskee")
    gone = make_team(lombok, tess, name="Oude Lindelaan Club", area="Lindelaan")
    gone.status = TeamStatus.ARCHIVED


def _found(client, q: str) -> list[str]:
    page = html.unescape(client.get("/buurten", query_string={"q": q}).get_data(as_text=True))
    teams = page.split('id="teams-gevonden"')[1].split("<h2>")[0]
    return [name for name in ("Flat Lindelaan Burennetwerk", "Pruimengaarde Samen", "Moestuin Lombok") if name in teams]


@pytest.mark.parametrize(
    ("q", "found"),
    [
        ("Lindelaan", ["Flat Lindelaan Burennetwerk"]),  # a street in the name and area; the archived team not
        ("kanaalstraat", ["Moestuin Lombok"]),  # the area, any case
        ("Amersfoort", ["Flat Lindelaan Burennetwerk", "Pruimengaarde Samen"]),  # the municipality
        ("liendert", ["Flat Lindelaan Burennetwerk"]),  # the neighbourhood
        ("speelveld", ["Pruimengaarde Samen"]),
        ("3813", ["Pruimengaarde Samen"]),  # a postcode of the neighbourhood
        ("3814 AB", ["Pruimengaarde Samen"]),  # a whole postcode
        ("3822ab", ["Flat Lindelaan Burennetwerk"]),
        ("3821", []),
        ("Zwembad", []),
    ],
)
def test_a_team_is_found_by_its_words_its_neighbourhood_or_its_town(client, towns, q, found):
    assert _found(client, q) == found


def test_the_page_says_so_when_more_teams_match_than_it_shows(client, ctx):
    hood = make_neighbourhood("Vathorst")
    tess = make_user("Tess", hood)
    for n in range(FOUND_TEAMS + 1):
        make_team(hood, tess, name=f"Straatteam {n:02d}", area="Vathorst")
    page = html.unescape(client.get("/buurten?q=vathorst").get_data(as_text=True))
    assert f"Meer dan {FOUND_TEAMS} teams gevonden" in page
    assert page.count('class="card"') == FOUND_TEAMS


def test_one_letter_searches_no_team_and_the_statements_stay_few(client, towns, count_statements):
    assert "0 teams gevonden" in client.get("/buurten?q=L").get_data(as_text=True)  # "L" is in every name
    assert count_statements.of_page(client, "/buurten?q=Lindelaan") <= 6
