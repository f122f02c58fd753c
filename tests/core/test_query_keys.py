"""Issue 23, finding 9: query keys that url_for reads itself (endpoint, _method, _external,
_scheme, _anchor) and keys named like a path value never reach it from a link: no 500, no
link or redirect built on the request's Host header."""

import re

import pytest

from tests.factories import make_neighbourhood, make_user
from tests.generate import bulk_teams

KEYS = ("endpoint=x", "_method=POST", "_external=1", "_scheme=javascript&_external=1", "_anchor=x")
EVIL = "evil.example"


def _links(response) -> list[str]:
    return re.findall(r'href="([^"]+)"', response.get_data(as_text=True))


@pytest.mark.parametrize("key", KEYS)
def test_the_csv_download_sends_a_wrong_choice_back_to_the_report_on_this_site(client, key):
    coordinator = make_user("Cor Coördinator", make_neighbourhood("Kruiskamp"), is_coordinator=True)
    client.login(coordinator)
    # The browser sends its cookie to whatever host it was told the site is.
    client.http.set_cookie("session", client.http.get_cookie("session").value, domain=EVIL)
    response = client.get(f"/rapportages/teams.csv?van=bad&{key}", environ_overrides={"HTTP_HOST": EVIL})
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/rapportages?") and "van=bad" in response.headers["Location"]


@pytest.mark.parametrize("key", [*KEYS, "neighbourhood_id=abc", "neighbourhood_id=999"])
def test_a_list_links_to_its_next_page_on_this_site_whatever_the_query_says(client, key):
    hood = make_neighbourhood("Kruiskamp")
    bulk_teams(hood.id, 30)
    response = client.get(f"/buurten/{hood.id}/teams?q=bulkteam&{key}", environ_overrides={"HTTP_HOST": EVIL})
    assert response.status_code == 200
    pages = [link.replace("&amp;", "&") for link in _links(response) if "na=" in link]
    assert len(pages) == 1 and pages[0].startswith(f"/buurten/{hood.id}/teams?") and "q=bulkteam" in pages[0]
    assert EVIL not in response.get_data(as_text=True)
