"""Issue 24, items 3 and 4: a new or moved activity starts in the future, and one that took
place is recorded as such on purpose; a public, dated activity is in the agenda in one step,
and the page says plainly when a public one is not (yet)."""

from datetime import timedelta

import pytest
import sqlalchemy as sa

from app.activities.models import Activity, ActivityStatus
from app.core.models import utcnow
from app.core.timezone import to_local
from app.extensions import db
from tests.factories import make_neighbourhood, make_team, make_user

PAST = "Deze datum is al voorbij. Kies een datum en tijd die nog komen."


def _local(moment) -> str:
    return to_local(moment).strftime("%Y-%m-%dT%H:%M")


def _form(days: float, **extra) -> dict:
    start = utcnow() + timedelta(days=days)
    return {"title": "Burendag", "kind": "party", "starts_at": _local(start)} | extra


@pytest.fixture
def team_and_trekker():
    hood = make_neighbourhood()
    tess = make_user("Tess", hood)
    return make_team(hood, tess), tess


def _activities() -> list[Activity]:
    return list(db.session.scalars(sa.select(Activity)))


def test_a_new_activity_a_year_ago_is_refused_in_dutch(client, team_and_trekker):
    team, tess = team_and_trekker
    response = client.login(tess).post(f"/teams/{team.id}/activiteiten/nieuw", _form(-365, is_public="y"))
    page = response.get_data(as_text=True)
    assert PAST in page and "Deze activiteit is al geweest" in page
    assert _activities() == []


def test_one_that_took_place_is_recorded_as_done_on_purpose(client, team_and_trekker):
    team, tess = team_and_trekker
    client.login(tess).post(f"/teams/{team.id}/activiteiten/nieuw", _form(-3, happened="y"))
    [activity] = _activities()
    assert activity.status == ActivityStatus.DONE
    page = client.get(f"/teams/{team.id}/activiteiten/{activity.id}").get_data(as_text=True)
    assert "Terugblik en foto&#39;s" in page or "Terugblik en foto's" in page
    # Ticked for a day still to come: the box is wrong, not the date.
    page = client.post(f"/teams/{team.id}/activiteiten/nieuw", _form(3, happened="y")).get_data(as_text=True)
    assert "Deze datum moet nog komen." in page and len(_activities()) == 1


def test_a_move_into_the_past_is_refused_and_an_unmoved_start_may_have_passed(client, team_and_trekker):
    team, tess = team_and_trekker
    client.login(tess).post(f"/teams/{team.id}/activiteiten/nieuw", _form(7))
    [activity] = _activities()
    edit = f"/teams/{team.id}/activiteiten/{activity.id}/bewerken"
    page = client.post(edit, _form(-1)).get_data(as_text=True)
    assert PAST in page and activity.starts_at > utcnow()
    # Planned, and the day has started: fixing a typo in the title still works.
    an_hour_ago = (utcnow() - timedelta(hours=1)).replace(second=0, microsecond=0)  # as a form gives it
    activity.status, activity.starts_at = ActivityStatus.PLANNED, an_hour_ago
    db.session.flush()
    unchanged = _local(activity.starts_at)
    client.post(edit, {"title": "Burendag in de tuin", "kind": "party", "starts_at": unchanged})
    assert activity.title == "Burendag in de tuin"


def test_an_idea_whose_day_passed_is_not_planned(client, team_and_trekker):
    team, tess = team_and_trekker
    client.login(tess).post(f"/teams/{team.id}/activiteiten/nieuw", _form(7))
    [activity] = _activities()
    activity.starts_at = utcnow() - timedelta(days=1)
    db.session.flush()
    show = f"/teams/{team.id}/activiteiten/{activity.id}"
    assert "De datum is voorbij." in client.get(show).get_data(as_text=True)
    page = client.post(f"{show}/plannen", follow_redirects=True).get_data(as_text=True)
    assert PAST in page and activity.status == ActivityStatus.IDEA


def test_public_and_dated_is_in_the_agenda_in_one_step(client, team_and_trekker):
    team, tess = team_and_trekker
    response = client.login(tess).post(f"/teams/{team.id}/activiteiten/nieuw", _form(9, is_public="y"))
    [activity] = _activities()
    assert activity.status == ActivityStatus.PLANNED
    page = client.get(response.location).get_data(as_text=True)
    assert "De activiteit staat in de agenda." in page
    assert "Iedereen: de activiteit staat in de openbare agenda." in page and "Zet op gepland" not in page
    assert "Burendag" in client.get("/agenda").get_data(as_text=True)


def test_public_without_a_date_says_what_is_still_needed(client, team_and_trekker):
    team, tess = team_and_trekker
    response = client.login(tess).post(
        f"/teams/{team.id}/activiteiten/nieuw", {"title": "Burendag", "kind": "party", "is_public": "y"}
    )
    [activity] = _activities()
    assert activity.status == ActivityStatus.IDEA
    page = client.get(response.location).get_data(as_text=True)
    assert "Openbaar, maar nog niet in de agenda: vul een datum en tijd in" in page
    assert "Burendag" not in client.get("/agenda").get_data(as_text=True)
    # Adding the date is the one step.
    client.post(f"/teams/{team.id}/activiteiten/{activity.id}/bewerken", _form(9, is_public="y"))
    assert activity.status == ActivityStatus.PLANNED
    assert "Burendag" in client.get("/agenda").get_data(as_text=True)
