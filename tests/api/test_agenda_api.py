"""Issue 13, part 8: public activities and neighbourhoods in the JSON API, with links to
their pages and feeds on PUBLIC_BASE_URL. (The schemathesis run in test_templates_api.py
checks these endpoints against the OpenAPI document too.)"""

from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from app.activities.models import Activity, ActivityStatus
from app.core.models import utcnow
from app.extensions import db
from tests.agenda.helpers import bulk_public_activities, make_public_activity
from tests.factories import make_neighbourhood, make_team, make_user


@pytest.fixture
def hood():
    return make_neighbourhood("Kruiskamp")


@pytest.fixture
def team(hood):
    return make_team(hood, make_user("Fatima", hood), name="Pruimengaarde Samen")


def test_an_activity_in_json_has_its_times_with_offset_places_and_links(client, team, hood):
    activity = make_public_activity(
        team,
        "Kerstmarkt",
        datetime(2099, 12, 12, 13, 0, tzinfo=UTC),
        ends_at=datetime(2099, 12, 12, 16, 0, tzinfo=UTC),
        capacity=10,
    )
    body = client.get("/api/v1/activities").get_json()
    assert body | {"items": None} == {"items": None, "page": 1, "per_page": 20, "total": 1, "pages": 1}
    assert body["items"] == [
        {
            "id": activity.id,
            "title": "Kerstmarkt",
            "kind": "party",
            "starts_at": "2099-12-12T14:00:00+01:00",
            "ends_at": "2099-12-12T17:00:00+01:00",
            "location": "Binnentuin Pruimengaarde",
            "team": {"id": team.id, "name": "Pruimengaarde Samen", "url": f"https://buurtmakers.test/teams/{team.id}"},
            "neighbourhood": {"id": hood.id, "name": "Kruiskamp"},
            "capacity": 10,
            "places_left": 10,
            "waitlist_count": 0,
            "status": "planned",
            "url": f"https://buurtmakers.test/activiteiten/{activity.id}",
            "ical_url": f"https://buurtmakers.test/activiteiten/{activity.id}.ics",
        }
    ]


def test_the_list_filters_by_neighbourhood_and_dates(client, team, hood):
    other = make_team(make_neighbourhood("Liendert"), make_user("Bas"))
    make_public_activity(team, "Juni", datetime(2099, 6, 30, 22, 30, tzinfo=UTC))  # 1 July in Amsterdam
    make_public_activity(team, "Augustus", datetime(2099, 8, 1, 10, 0, tzinfo=UTC))
    make_public_activity(other, "Elders", datetime(2099, 7, 10, 10, 0, tzinfo=UTC))
    make_public_activity(team, "Voorbij", utcnow() - timedelta(days=1), status=ActivityStatus.DONE)

    def titles(query: str) -> list[str]:
        return [item["title"] for item in client.get(f"/api/v1/activities{query}").get_json()["items"]]

    assert titles("") == ["Juni", "Elders", "Augustus"]
    assert titles(f"?buurt={hood.id}") == ["Juni", "Augustus"]
    assert titles("?van=2099-07-01&tot=2099-07-31") == ["Juni", "Elders"]
    assert "Voorbij" in titles("?van=2000-01-01")


def test_wrong_parameters_answer_400_in_json(client):
    response = client.get("/api/v1/activities?buurt=abc&van=20991231&tot=2099-02-30&pagina=0")
    assert response.status_code == 400
    assert {param["name"] for param in response.get_json()["invalid-params"]} == {"buurt", "van", "tot", "pagina"}
    # A range that ends before it starts, or far in the past or future, simply finds nothing.
    for query in ("van=2099-02-01&tot=2099-01-01", "van=0001-01-01&tot=0001-12-31", "van=9999-12-31"):
        response = client.get(f"/api/v1/activities?{query}")
        assert (response.status_code, response.get_json()["items"]) == (200, []), query
    assert client.get("/api/v1/activities?buurt=99999999999").status_code == 400


def test_neighbourhoods_have_links_to_their_calendar_and_feed(client, hood):
    body = client.get("/api/v1/neighbourhoods").get_json()
    item = next(item for item in body["items"] if item["id"] == hood.id)
    assert item["name"] == "Kruiskamp"
    assert item["calendar_url"] == f"https://buurtmakers.test/buurten/{hood.id}/agenda"
    assert item["ical_url"] == f"https://buurtmakers.test/buurten/{hood.id}/agenda.ics"


def test_the_list_needs_the_same_statements_for_10_and_1000_activities(client, team, count_statements):
    counts = []
    for total in (10, 1000):
        db.session.execute(sa.delete(Activity))
        bulk_public_activities(team, total, utcnow() + timedelta(hours=1))
        with count_statements() as counter:
            assert client.get("/api/v1/activities").status_code == 200
        counts.append(len(counter.statements))
    assert counts[0] == counts[1], counts
