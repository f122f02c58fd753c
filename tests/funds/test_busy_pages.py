"""The logged-in pages of `make bench` (the trekker's team and activity page, Mijn adviezen,
the coordinator's dashboard and fund page) in the fund's world: each costs the same
statements in a quiet neighbourhood and in a busy one with thirteen times as much of
everything (over a hundred teams, a large team with requests waiting, a fund with many
requests, many unread messages), and no more than its bound. The bound is what the page
needs now: a new statement on one of these pages is a choice to make, not an accident."""

import pytest

from app.activities.models import ActivityStatus
from app.extensions import db
from app.teams.models import MembershipState
from tests.bulk import bulk_members, bulk_notifications, bulk_users
from tests.factories import make_activity, make_request, make_team, make_user
from tests.funds.conftest import award
from tests.generate import bulk_teams

# page: (who looks, the path, the most statements it may take)
PAGES = {
    "team page": ("trekker", "/teams/{team}", 4),
    "activity page": ("trekker", "/teams/{team}/activiteiten/{activity}", 2),
    "Mijn adviezen": ("rik", "/adviezen", 3),
    "dashboard": ("coordinator", "/coordinatie", 8),
    "fund page": ("coordinator", "/fondsen/{fund}", 7),
}


def grow(w, n: int) -> None:
    """Everything these pages could read grows by `n`: teams in the neighbourhood, the team's
    members and join requests, the fund's requests (open and decided), everyone's messages."""
    bulk_teams(w.hood.id, 10 * n)
    bulk_members(w.team.id, bulk_users(n, w.hood.id))
    bulk_members(w.team.id, bulk_users(n, w.hood.id), state=MembershipState.REQUESTED)
    for _ in range(n):
        trekker = make_user("Trekker", w.hood)
        make_request(make_team(w.hood, trekker), trekker, w.fund)
    trekker = make_user("Trekker", w.hood)
    award(w, make_request(make_team(w.hood, trekker), trekker, w.fund))  # the fund has money for a few
    for person in (w.trekker, w.rik, w.coordinator):
        bulk_notifications(person.id, 10 * n)


@pytest.mark.parametrize("name", list(PAGES))
def test_a_logged_in_page_costs_the_same_few_statements_in_a_busy_neighbourhood(client, w, count_statements, name):
    who, path, bound = PAGES[name]
    activity = make_activity(w.team, w.trekker, status=ActivityStatus.PLANNED)
    url = path.format(team=w.team.id, activity=activity.id, fund=w.fund.id)
    client.login(getattr(w, who))
    grow(w, 1)
    quiet = warm_count(client, count_statements, url)
    grow(w, 12)
    busy = warm_count(client, count_statements, url)
    assert quiet == busy, (quiet, busy)
    assert busy <= bound


def warm_count(client, count_statements, url: str) -> int:
    """The statements of the page's second request, as `make bench` counts them: the first
    fills what is remembered (the dashboard's signal counts, after the commit that changed
    them)."""
    db.session.commit()
    assert client.get(url).status_code == 200
    return count_statements.of_page(client, url)
