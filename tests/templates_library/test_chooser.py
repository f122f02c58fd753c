import re

from tests.factories import make_template


def fits(client, url) -> list[tuple[str, str]]:
    page = client.get(url).get_data(as_text=True)
    cards = re.findall(r'<h3 class="card-title"><a [^>]+>([^<]+)</a>.*?Past bij:</strong> ([^<]+)</p>', page, re.S)
    return [(name, reasons.strip()) for name, reasons in cards]


def test_the_chooser_ranks_by_fit_and_says_why(client):
    young = [{"group": "jongeren", "label": "Jongeren die rondhangen", "min_age": 12, "max_age": 18}]
    make_template("Buurtbemiddeling", problems=["burenconflict"], locations=["straat", "woning"])
    make_template("Straatcoaches", problems=["jeugdoverlast"], target_groups=young, locations=["straat"])
    make_template("Jongerenpanel", problems=["weinig_betrokkenheid"], target_groups=young, locations=["buurthuis"])
    make_template("Online cursus", problems=["vooroordelen"], locations=["online"])

    result = fits(client, "/aanpakken/kiezen?probleem=burenconflict&doelgroep=jongeren&plek=straat")
    assert result == [
        ("Buurtbemiddeling", "ruzie of ergernis tussen buren; op straat"),
        ("Straatcoaches", "jongeren; op straat"),
        ("Jongerenpanel", "jongeren"),
    ]


def test_the_chooser_asks_first_and_answers_when_nothing_fits(client):
    make_template("Buurtbemiddeling", problems=["burenconflict"])
    first = client.get("/aanpakken/kiezen").get_data(as_text=True)
    assert "Welke aanpak past bij onze buurt?" in first and "passen het best" not in first
    page = client.get("/aanpakken/kiezen?plek=online").get_data(as_text=True)
    assert "Geen aanpak past bij deze antwoorden" in page
