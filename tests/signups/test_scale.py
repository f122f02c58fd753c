"""The team's list of sign-ups costs the same statements for 10 people as for 1,000."""

from datetime import timedelta

from app.activities.models import ActivityStatus
from app.core.models import utcnow
from app.extensions import db
from tests.bulk import bulk_sign_ups
from tests.factories import make_activity, make_neighbourhood, make_team, make_user


def test_the_sign_up_list_costs_the_same_statements_for_10_and_1000_people(client, count_statements):
    hood = make_neighbourhood()
    tess = make_user("Tess", hood)
    team = make_team(hood, tess, name="Pruimengaarde Samen")
    activity = make_activity(team, tess, status=ActivityStatus.PLANNED)
    activity.title, activity.is_public, activity.starts_at = "Burendag", True, utcnow() + timedelta(days=7)
    db.session.flush()
    client.login(tess)
    url = f"/teams/{team.id}/activiteiten/{activity.id}/aanmeldingen"

    bulk_sign_ups(activity.id, 10)
    few = count_statements.of_page(client, url)
    bulk_sign_ups(activity.id, 990)
    assert count_statements.of_page(client, url) == few
