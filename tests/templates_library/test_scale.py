"""The library, its search and a template page at any size: the same statements with 10 and
10,000 activities made from templates, the figures read from their kept row (no statement
reads the activities), cards loaded with the columns they show, and the vocabulary labels
translated once per language, not once per language for everyone."""

import sqlalchemy as sa

from app.activities import practice
from app.activities.models import Activity
from app.extensions import db
from tests.factories import make_neighbourhood, make_template, make_user
from tests.generate import bulk_teams


def bulk_activities(team_ids: list[int], template_id: int, count: int) -> None:
    """`count` activities from the template, two of every three done with 10 participants;
    then the kept figures are counted again, as a bulk loader does (activities.practice)."""
    rows = [
        dict(
            team_id=team_ids[n % len(team_ids)],
            template_id=template_id,
            title="Buurtbemiddeling",
            status="done" if n % 3 else "planned",
            actual_participants=10 if n % 3 else None,
        )
        for n in range(count)
    ]
    db.session.execute(sa.insert(Activity), rows)
    practice.recount()


def statements(client, count_statements, url: str) -> list[str]:
    with count_statements() as counter:
        response = client.get(url)
    assert response.status_code == 200
    return counter.statements


def test_the_library_search_and_template_page_ask_the_same_with_10_and_10000_activities(client, count_statements):
    template = make_template("Buurtbemiddeling", summary="Ruzie tussen buren samen oplossen")
    make_template("Buurtkoffie")
    hood = make_neighbourhood()
    team_ids = bulk_teams(hood.id, 100)
    # Logged in: the page is built every time, not taken from the shared page cache.
    client.login(make_user("Anna", hood))
    urls = ("/aanpakken", "/aanpakken?q=ruzie", f"/aanpakken/{template.slug}")

    bulk_activities(team_ids[:10], template.id, 10)
    small = {url: statements(client, count_statements, url) for url in urls}
    bulk_activities(team_ids, template.id, 9_990)
    large = {url: statements(client, count_statements, url) for url in urls}

    assert large == small
    assert not any("FROM activity" in statement for statement in large[urls[2]])
    assert practice.figures(template.id) == practice.PracticeFigures(100, 6_666, 66_660)
    page = client.get(urls[2]).get_data(as_text=True)
    assert "<strong>6666</strong> activiteiten gedaan" in page


def test_a_page_of_cards_loads_only_what_the_cards_show(client, count_statements):
    make_template("Buurtbemiddeling", summary="Ruzie tussen buren samen oplossen")
    for url in ("/aanpakken", "/aanpakken?q=ruzie"):
        cards = [s for s in statements(client, count_statements, url) if "LIMIT" in s]
        assert len(cards) == 1
        assert "template.summary" in cards[0]
        assert not any(f"template.{column}" in cards[0] for column in ("description", "steps", "sources", "fts_body"))


def test_the_labels_follow_the_language_of_each_visitor(client, app):
    make_template("Buurtkoffie", recognition="praktijkvoorbeeld", problems=["eenzaamheid"])
    dutch, english = client, type(client)(app.test_client())
    english.get("/taal/en?next=/")
    for _round in range(2):  # the second round comes from the labels kept per language
        nl = dutch.get("/aanpakken").get_data(as_text=True)
        en = english.get("/aanpakken").get_data(as_text=True)
        assert "Voorbeeld uit de praktijk" in nl and "Alle problemen" in nl and "Eenzaamheid" in nl
        assert "Example from practice" in en and "All problems" in en and "Loneliness" in en
        assert "Example from practice" not in nl and "Voorbeeld uit de praktijk" not in en
