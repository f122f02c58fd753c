import re

import pytest

from app.activities.models import ActivityStatus
from app.templates_library.search import Filters
from app.templates_library.seeding import seed_from_files
from app.templates_library.services import library
from tests.factories import make_activity, make_neighbourhood, make_team, make_template, make_user


def names(client, url) -> list[str]:
    page = client.get(url).get_data(as_text=True)
    return re.findall(r'<h3 class="card-title"><a href="[^"]+">([^<]+)</a>', page)


def test_residents_find_the_right_method_in_their_own_words(app):
    seed_from_files()
    for q in ("ruzie met de buren", "burenruzie", "Burenruzie!"):
        assert "buurtbemiddeling" in [template.slug for template in library(Filters(q=q), 1).items[:3]]
    assert library(Filters(q="hangjongeren op het plein"), 1).total > 0
    assert library(Filters(q="eenzaam"), 1).total > 0


def test_search_ignores_accents_and_capitals(client):
    make_template("Buurtcafé De Kruiskamp", summary="Een café waar buren elkaar ontmoeten")
    make_template("Schoonmaakdag")
    assert names(client, "/aanpakken?q=cafe") == ["Buurtcafé De Kruiskamp"]
    assert names(client, "/aanpakken?q=CAFÉ") == ["Buurtcafé De Kruiskamp"]


def test_a_match_in_the_name_or_problem_ranks_above_one_in_the_description(client):
    make_template("Praatgroep", description="Soms gaat het over ruzie.")
    make_template("Ruzie oplossen", description="Buren praten.")
    make_template("Bemiddelen", problems=["burenconflict"])
    found = names(client, "/aanpakken?q=ruzie")
    # A word once in a long description is a weak match, left out (issue 24, item 13).
    assert set(found) == {"Bemiddelen", "Ruzie oplossen"}


def test_filters_combine_and_every_combination_has_its_own_url(client):
    young = [{"group": "jongeren", "label": "", "min_age": 12, "max_age": 18}]
    make_template(
        "Straatvoetbal", target_groups=young, locations=["straat", "sportveld"], solution_directions=["jeugd"]
    )
    make_template("Pleingesprek", target_groups=young, locations=["plein"], solution_directions=["dialoog"])
    make_template("Seniorenkoffie", target_groups=[{"group": "ouderen", "min_age": 65}], themes=["ontmoeting"])
    make_template("Erkende aanpak", recognition="erkend_effectief", locations=["straat"])

    assert names(client, "/aanpakken?doelgroep=jongeren") == ["Pleingesprek", "Straatvoetbal"]
    assert names(client, "/aanpakken?doelgroep=jongeren&plek=straat") == ["Straatvoetbal"]
    assert names(client, "/aanpakken?richting=dialoog&doelgroep=jongeren") == ["Pleingesprek"]
    assert names(client, "/aanpakken?leeftijd=15&plek=straat") == ["Erkende aanpak", "Straatvoetbal"]
    assert names(client, "/aanpakken?leeftijd=70") == ["Erkende aanpak", "Seniorenkoffie"]
    assert names(client, "/aanpakken?thema=ontmoeting") == ["Seniorenkoffie"]
    assert names(client, "/aanpakken?erkenning=erkend_effectief&plek=straat") == ["Erkende aanpak"]
    assert names(client, "/aanpakken?plek=online") == []


def test_a_wrong_filter_value_gets_a_message_and_the_other_filters_still_work(client):
    make_template("Straatvoetbal", locations=["straat"])
    make_template("Pleingesprek", locations=["plein"])
    response = client.get("/aanpakken?leeftijd=oud&plek=straat")
    assert response.status_code == 200
    assert re.search(
        r'href="#leeftijd">Vul de leeftijd in als getal, bijvoorbeeld 15.</a>', response.get_data(as_text=True)
    )
    assert names(client, "/aanpakken?leeftijd=oud&plek=straat") == ["Straatvoetbal"]


def test_the_list_is_paginated_and_the_page_links_keep_the_filters(client):
    for n in range(25):
        make_template(f"Straataanpak {n:02d}", locations=["straat"])
    page = client.get("/aanpakken?plek=straat").get_data(as_text=True)
    assert "25 aanpakken gevonden" in page and "Pagina 1 van 2" in page
    assert re.search(
        r'href="/aanpakken\?[^"]*plek=straat[^"]*pagina=2|href="/aanpakken\?[^"]*pagina=2[^"]*plek=straat', page
    )
    assert len(names(client, "/aanpakken?plek=straat&pagina=2")) == 5


@pytest.mark.parametrize("count", [60, 600])
def test_the_list_costs_the_same_statements_whatever_the_library_size(client, count_statements, count):
    for n in range(count):
        make_template(f"Aanpak {n:03d}", locations=["straat"])
    with count_statements() as counter:
        response = client.get("/aanpakken?plek=straat&q=buren")
    assert response.status_code == 200
    # A count and one page: nothing per template.
    assert len(counter.statements) <= 2


def test_the_detail_page_shows_every_field_and_what_came_of_the_template(client):
    template = make_template(
        "Buurtbemiddeling",
        steps=[{"title": "Aanmelding", "description": "Buren melden zich."}, {"title": "Gesprek"}],
        working_elements=["Buren lossen het zelf op"],
        executors="Getrainde vrijwilligers",
        evaluation="Twee derde van de zaken loopt goed af.",
        links=["https://www.beterburen.nl/"],
        sources=[{"document": "002", "title": "WijkWijzer", "publisher": "Platform31", "year": 2024, "url": None}],
        target_groups=[{"group": "volwassenen", "label": "Buren met een conflict", "min_age": None, "max_age": None}],
    )
    hood = make_neighbourhood()
    anna, bram = make_user("Anna", hood), make_user("Bram", hood)
    make_activity(make_team(hood, anna), anna, template, ActivityStatus.DONE, actual_participants=6)
    make_activity(make_team(hood, bram), bram, template, ActivityStatus.EVALUATED, actual_participants=4)
    cas = make_user("Cas", hood)
    make_activity(make_team(hood, cas), cas, template)  # adopted, still an idea

    page = client.get(f"/aanpakken/{template.slug}").get_data(as_text=True)
    for text in (
        "Buurtbemiddeling",
        "Aanmelding",
        "Buren melden zich.",
        "Buren lossen het zelf op",
        "Getrainde vrijwilligers",
        "Twee derde",
        'href="https://www.beterburen.nl/"',
        "WijkWijzer, Platform31 (2024)",
        "Buren met een conflict",
        "Voorbeeld uit de praktijk",
    ):
        assert text in page
    assert re.search(r"<strong>3</strong> teams gebruiken", page)
    assert re.search(r"<strong>2</strong> activiteiten gedaan", page)
    assert re.search(r"<strong>10</strong> deelnemers bereikt", page)


def test_an_unknown_template_is_not_found(client):
    assert client.get("/aanpakken/bestaat-niet").status_code == 404


def test_searching_the_methods_for_money_points_to_the_neighbourhood_budget(client):
    assert "/buurtbudget" in client.get("/aanpakken?q=Geld+voor+een+buurtfeest").get_data(as_text=True)
    assert "/buurtbudget" not in client.get("/aanpakken?q=buurtfeest").get_data(as_text=True).split("<footer")[0]
