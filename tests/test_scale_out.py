"""Issue 16, item 5: two app processes on one database and one Redis behave as one app. Two
gunicorn masters on their own ports (as two machines behind a proxy would run) give the same
pages, share the cached pages (what one caches the other serves, and an edit through one
shows at once on the other) and share the rate limits. Without Redis the test skips locally
and fails in CI (REQUIRE_REDIS=1)."""

import pytest
import requests

from app.extensions import db
from tests.factories import PASSWORD, make_neighbourhood, make_team, make_user
from tests.live import csrf_of, forget_keys, gunicorn, migrated_app, new_prefix

pytestmark = [pytest.mark.no_db_transaction, pytest.mark.many_connections]


@pytest.fixture
def two_machines(redis_url, tmp_path):
    with migrated_app("scaleout") as (app, url):
        with app.app_context():
            trekker = make_user("Tineke Trekker", email="tineke@example.org")
            team = make_team(make_neighbourhood("Kruiskamp"), trekker, name="Moestuin Kruiskamp")
            db.session.commit()
            team_id = team.id
            db.session.remove()
        prefix = new_prefix()
        try:
            with gunicorn(url, redis_url, prefix) as one, gunicorn(url, redis_url, prefix) as two:
                yield one, two, team_id
        finally:
            forget_keys(redis_url, prefix)


def test_two_processes_share_pages_cache_and_limits(two_machines):
    one, two, team_id = two_machines
    page = f"/teams/{team_id}"

    first, second = requests.get(one + page, timeout=30), requests.get(two + page, timeout=30)
    assert first.status_code == second.status_code == 200
    assert first.text == second.text  # no form, no token: the same bytes (issue 28)
    # The page the first process cached is the one the second one knows: same version, 304.
    assert first.headers["ETag"] == second.headers["ETag"]
    again = requests.get(two + page, headers={"If-None-Match": first.headers["ETag"]}, timeout=30)
    assert again.status_code == 304

    # The trekker changes the team's status through process two; process one shows it at once.
    trekker = requests.Session()
    token = csrf_of(trekker.get(two + "/inloggen", timeout=30).text)
    login = {"csrf_token": token, "email": "tineke@example.org", "password": PASSWORD}
    assert trekker.post(two + "/inloggen", data=login, allow_redirects=False, timeout=30).status_code == 302
    token = csrf_of(trekker.get(two + page, timeout=30).text)
    answer = trekker.post(f"{two}{page}/status", data={"csrf_token": token, "status": "archived"}, timeout=30)
    assert answer.status_code == 200
    after = requests.get(one + page, headers={"If-None-Match": first.headers["ETag"]}, timeout=30)
    assert after.status_code == 200
    assert "Dit team is gestopt" in after.text and after.headers["ETag"] != first.headers["ETag"]

    # Failed logins count in one store, whichever process answers.
    answers = []
    for n in range(11):
        with requests.Session() as visitor:
            base = (one, two)[n % 2]
            data = {"csrf_token": csrf_of(visitor.get(base + "/inloggen", timeout=30).text)}
            data |= {"email": "tineke@example.org", "password": f"gok {n}"}
            answers.append(visitor.post(base + "/inloggen", data=data, timeout=30).status_code)
    assert answers == [200] * 10 + [429]
