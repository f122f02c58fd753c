"""The directory at any size: pages continue after the last team shown (keyset), so a deep
page reads its own rows; the links walk every open team once, forwards and back; old
`?pagina=` links still work; and the statements per page do not grow with the teams."""

import re

import pytest

from app.extensions import db
from app.teams.models import TeamStatus
from tests.bulk import bulk_members, bulk_users
from tests.factories import make_neighbourhood, make_team, make_user
from tests.generate import bulk_teams

NAMES = re.compile(r'<h2 class="card-title"><a href="/teams/(\d+)">')
LINK = re.compile(r'<a class="[^"]*" href="([^"]+)" rel="(prev|next)">')


@pytest.fixture
def hood():
    return make_neighbourhood("Kruiskamp")


def visit(client, url: str) -> tuple[list[int], dict[str, str], str]:
    response = client.get(url)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    links = {rel: href.replace("&amp;", "&") for href, rel in LINK.findall(page)}
    return [int(id_) for id_ in NAMES.findall(page)], links, page


def test_the_links_walk_every_open_team_once_forwards_and_back(client, hood):
    ids = bulk_teams(hood.id, 45)
    bulk_teams(hood.id, 3, status=TeamStatus.ARCHIVED.value)  # never listed
    url, forwards, pages = f"/buurten/{hood.id}/teams", [], []
    while url:
        shown, links, page = visit(client, url)
        forwards.append(shown)
        pages.append(page)
        url = links.get("next")
    assert [len(shown) for shown in forwards] == [20, 20, 5]
    assert sum(forwards, []) == ids  # bulk names sort like their ids
    assert "Pagina 1 van 3" in pages[0] and "Pagina 3 van 3" in pages[2] and "45 teams gevonden" in pages[2]
    assert "?na=" in visit(client, f"/buurten/{hood.id}/teams")[1]["next"]

    backwards, url = [], visit(client, f"/buurten/{hood.id}/teams?na={ids[39]}")[1]["prev"]
    while url:
        shown, links, _page = visit(client, url)
        backwards.insert(0, shown)
        url = links.get("prev")
    assert backwards == forwards[:2]


def test_the_search_is_kept_on_the_next_page(client, hood):
    bulk_teams(hood.id, 30)
    _shown, links, _page = visit(client, f"/buurten/{hood.id}/teams?q=bulkteam")
    assert "q=bulkteam" in links["next"]
    shown, links, page = visit(client, links["next"])
    assert len(shown) == 10 and "Pagina 2 van 2" in page and "next" not in links


def test_an_old_page_number_link_still_works_and_a_wrong_cursor_starts_at_the_top(client, hood):
    ids = bulk_teams(hood.id, 45)
    shown, links, page = visit(client, f"/buurten/{hood.id}/teams?pagina=2")
    assert shown == ids[20:40] and "Pagina 2 van 3" in page
    assert visit(client, links["next"])[0] == ids[40:]
    for wrong in ("99999999", "abc", "-1", "²"):
        assert visit(client, f"/buurten/{hood.id}/teams?na={wrong}")[0] == ids[:20]


@pytest.mark.parametrize("where", ["", "?pagina=2", "?na={last_but_20}", "?voor={twenty_first}"])
def test_a_deep_page_costs_the_same_statements_for_40_and_4000_teams(client, hood, count_statements, where):
    def statements(ids: list[int]) -> int:
        db.session.commit()  # cached pages and values show what was committed
        with count_statements() as counter:
            shown = visit(
                client, f"/buurten/{hood.id}/teams" + where.format(last_but_20=ids[-21], twenty_first=ids[20])
            )[0]
        assert len(shown) == 20
        return len(counter.statements)

    few = statements(bulk_teams(hood.id, 40))
    assert statements(bulk_teams(hood.id, 3960)) == few


@pytest.mark.parametrize("url", ["/teams/{id}", "/teams/{id}/leden"])
def test_the_team_page_and_its_members_cost_the_same_statements_for_10_and_1000_members(
    client, hood, count_statements, url
):
    trekker = make_user("Tess Trekker", hood)
    team = make_team(hood, trekker)
    client.login(trekker)
    url = url.format(id=team.id)

    bulk_members(team.id, bulk_users(10, hood.id))
    few = count_statements.of_page(client, url)
    bulk_members(team.id, bulk_users(990, hood.id))
    assert count_statements.of_page(client, url) == few
