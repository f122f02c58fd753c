"""The team's calendar feed costs the same statements for 10 activities as for 1,000 (the
neighbourhood's feed and the calendar pages have their own tests)."""

from datetime import timedelta

from app.core.models import utcnow
from tests.agenda.helpers import bulk_public_activities
from tests.factories import make_neighbourhood, make_team, make_user


def test_the_team_feed_costs_the_same_statements_for_10_and_1000_activities(client, count_statements):
    hood = make_neighbourhood("Kruiskamp")
    team = make_team(hood, make_user("Fatima", hood), name="Pruimengaarde Samen")
    url = f"/teams/{team.id}/agenda.ics"

    bulk_public_activities(team, 10, utcnow() + timedelta(hours=1))
    few = count_statements.of_page(client, url)
    bulk_public_activities(team, 990, utcnow() + timedelta(days=30))
    assert count_statements.of_page(client, url) == few
