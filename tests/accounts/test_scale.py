"""The admin's user list and a resident's messages at any number of accounts: the list pages
by keyset in name order, and neither page needs more statements when the rows grow."""

import re

import pytest

from tests.bulk import bulk_notifications, bulk_users
from tests.factories import make_neighbourhood, make_user

ROWS = re.compile(r"/beheer/gebruikers/(\d+)/rollen")
LINK = re.compile(r'href="([^"]+)" rel="(prev|next)"')


@pytest.fixture
def admin():
    return make_user("Ada Admin", make_neighbourhood("Kruiskamp"), is_admin=True)


def visit(client, url: str) -> tuple[list[int], dict[str, str], str]:
    response = client.get(url)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    links = {rel: href.replace("&amp;", "&") for href, rel in LINK.findall(page)}
    return [int(id_) for id_ in ROWS.findall(page)], links, page


def test_the_user_list_pages_by_name_forwards_and_back(client, admin):
    ids = bulk_users(45)
    client.login(admin)
    first, links, page = visit(client, "/beheer/gebruikers?q=bulkbewoner")
    assert first == ids[:20] and "Pagina 1 van 3" in page and "45 gebruikers" in page
    second, links, page = visit(client, links["next"])
    assert second == ids[20:40] and "q=bulkbewoner" in links["next"] and "Pagina 2 van 3" in page
    assert visit(client, links["next"])[0] == ids[40:]
    assert visit(client, links["prev"])[0] == ids[:20]


@pytest.mark.parametrize(
    "where", ["", "?pagina=2", "?na={after}", "?voor={before}", "?q=bewoner&rol=resident&status=active&na={after}"]
)
def test_the_user_list_costs_the_same_statements_for_40_and_4000_accounts(client, admin, count_statements, where):
    client.login(admin)

    def statements(ids: list[int]) -> int:
        with count_statements() as counter:
            shown = visit(client, "/beheer/gebruikers" + where.format(after=ids[-21], before=ids[20]))[0]
        assert len(shown) == 20
        return len(counter.statements)

    few = statements(bulk_users(40))
    assert statements(bulk_users(3960)) == few


def test_the_messages_cost_the_same_statements_for_10_and_1000(client, admin, count_statements):
    client.login(admin)

    def statements() -> int:
        with count_statements() as counter:
            assert client.get("/account/berichten").status_code == 200
        return len(counter.statements)

    bulk_notifications(admin.id, 10)
    few = statements()
    bulk_notifications(admin.id, 990)
    assert statements() == few
