"""Issue 13, part 3: iCalendar feeds per neighbourhood, team and activity. Calendar apps
read them with the activity's local time and zone, follow an edit by its raised SEQUENCE
under the same UID, and ask again cheaply with the ETag."""

import re
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa
from icalendar import Calendar

from app.activities.lifecycle import DETAILS, change_status, update_activity
from app.activities.models import Activity, ActivityStatus
from app.core.models import utcnow
from app.extensions import db
from tests.agenda.helpers import bulk_public_activities, make_public_activity


def feed(client, url, **headers) -> Calendar:
    response = client.get(url, headers=headers)
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.data)


def test_a_feed_has_local_start_times_with_their_zone_that_equal_the_stored_instant(client, team, hood):
    summer = make_public_activity(team, "Zomerfeest", datetime(2027, 7, 3, 13, 0, tzinfo=UTC))
    winter = make_public_activity(
        team, "Kerstmarkt", datetime(2027, 12, 11, 15, 0, tzinfo=UTC), ends_at=datetime(2027, 12, 11, 18, 0, tzinfo=UTC)
    )
    calendar = feed(client, f"/buurten/{hood.id}/agenda.ics")
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Amsterdam"]
    events = {event["SUMMARY"]: event for event in calendar.walk("VEVENT")}
    for activity in (summer, winter):
        event = events[activity.title]
        assert event["DTSTART"].params["TZID"] == "Europe/Amsterdam"
        assert event.decoded("DTSTART") == activity.starts_at
    assert events["Zomerfeest"]["DTSTART"].to_ical() == b"20270703T150000"
    # No end time: two hours, so a calendar shows a block rather than a moment.
    assert events["Zomerfeest"].decoded("DTEND") - events["Zomerfeest"].decoded("DTSTART") == timedelta(hours=2)
    assert events["Kerstmarkt"].decoded("DTEND") == winter.ends_at


def test_an_event_carries_its_uid_sequence_text_and_absolute_links_from_the_public_base_url(client, team):
    activity = make_public_activity(team, "Burendag", capacity=10)
    event = feed(client, f"/activiteiten/{activity.id}.ics", Host="evil.example").walk("VEVENT")[0]
    assert str(event["UID"]) == f"activity-{activity.id}@buurtmakers.test"
    assert str(event["URL"]) == f"https://buurtmakers.test/activiteiten/{activity.id}"
    assert event["SEQUENCE"] == 0 and event["STATUS"] == "CONFIRMED"
    assert event["LOCATION"] == "Binnentuin Pruimengaarde"
    assert "Pruimengaarde Samen" in event["DESCRIPTION"]
    assert event.decoded("DTSTAMP") == activity.updated_at.replace(microsecond=0)  # iCalendar has whole seconds


def _details(activity: Activity, **changes) -> dict:
    return {name: getattr(activity, name) for name in DETAILS} | changes


def test_an_edit_keeps_the_uid_raises_the_sequence_and_changes_the_etag(client, team, trekker):
    activity = make_public_activity(team, "Burendag")
    url = f"/teams/{team.id}/agenda.ics"
    first = client.get(url)
    before = Calendar.from_ical(first.data).walk("VEVENT")[0]
    update_activity(trekker, team, activity, _details(activity, location="Buurthuis De Kamp"))
    second = client.get(url, headers={"If-None-Match": first.headers["ETag"]})
    assert second.status_code == 200 and second.headers["ETag"] != first.headers["ETag"]
    after = Calendar.from_ical(second.data).walk("VEVENT")[0]
    assert after["UID"] == before["UID"]
    assert after["SEQUENCE"] > before["SEQUENCE"]
    assert after["LOCATION"] == "Buurthuis De Kamp"


def test_a_cancelled_activity_stays_in_the_feed_as_cancelled(client, team, trekker, hood):
    activity = make_public_activity(team, "Burendag")
    change_status(trekker, team, activity, ActivityStatus.CANCELLED, "Te weinig hulp.")
    event = feed(client, f"/buurten/{hood.id}/agenda.ics").walk("VEVENT")[0]
    assert event["STATUS"] == "CANCELLED" and event["SEQUENCE"] == 1
    assert "Te weinig hulp." in event["DESCRIPTION"]


@pytest.mark.parametrize("kind", ["neighbourhood", "team", "activity"])
def test_a_second_request_with_the_etag_gets_304_without_a_body(client, team, hood, kind, count_statements):
    activity = make_public_activity(team)
    url = {
        "neighbourhood": f"/buurten/{hood.id}/agenda.ics",
        "team": f"/teams/{team.id}/agenda.ics",
        "activity": f"/activiteiten/{activity.id}.ics",
    }[kind]
    first = client.get(url)
    assert first.headers["ETag"]
    with count_statements() as counter:
        again = client.get(url, headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304 and again.data == b""
    assert len(counter.statements) <= 2  # the calendar's owner and one aggregate


def test_feeds_leave_out_team_only_plans_and_answer_404_for_what_does_not_exist(client, team, hood):
    secret = make_public_activity(team, "Geheim", is_public=False)
    make_public_activity(team, "Open")
    calendar = feed(client, f"/teams/{team.id}/agenda.ics")
    assert [str(e["SUMMARY"]) for e in calendar.walk("VEVENT")] == ["Open"]
    assert client.get(f"/activiteiten/{secret.id}.ics").status_code == 404
    assert client.get("/buurten/999999/agenda.ics").status_code == 404
    assert client.get("/teams/999999/agenda.ics").status_code == 404


def test_the_neighbourhood_feed_needs_the_same_statements_for_10_and_1000_activities(
    client, team, hood, count_statements
):
    counts = []
    for total in (10, 1000):
        db.session.execute(sa.delete(Activity))
        bulk_public_activities(team, total, utcnow() + timedelta(hours=1))
        with count_statements() as counter:
            assert client.get(f"/buurten/{hood.id}/agenda.ics").status_code == 200
        counts.append(len(counter.statements))
    assert counts[0] == counts[1], counts


BROKEN = "Buurtfeest\nDeel twee\u2028; met, tekens\\"


def _content_lines(response) -> list[bytes]:
    assert response.status_code == 200
    body = response.data
    assert body.endswith(b"\r\n")
    # Folded lines continue with a space; no line break of the text survives unescaped.
    return body.replace(b"\r\n ", b"").split(b"\r\n")[:-1]


def test_line_breaks_in_a_team_name_or_title_are_escaped_in_every_feed(client, team, hood):
    """Issue 23, finding 6: a line break in a team name or activity title went into the
    calendar's name unescaped, and the feed answered 500."""
    team.name = BROKEN
    activity = make_public_activity(team, BROKEN, location=BROKEN, description=BROKEN)
    for url in (f"/teams/{team.id}/agenda.ics", f"/activiteiten/{activity.id}.ics", f"/buurten/{hood.id}/agenda.ics"):
        lines = _content_lines(client.get(url))
        assert all(b"\n" not in line and b"\r" not in line for line in lines), url
        assert all(re.match(rb"^[A-Z-]+[;:]", line) for line in lines), url
        event = Calendar.from_ical(b"\r\n".join(lines) + b"\r\n").walk("VEVENT")[0]
        assert (str(event["SUMMARY"]), str(event["LOCATION"])) == (BROKEN, BROKEN)
        assert BROKEN in str(event["DESCRIPTION"])
    name = next(line for line in _content_lines(client.get(f"/teams/{team.id}/agenda.ics")) if b"X-WR-CALNAME" in line)
    assert name == "X-WR-CALNAME:Buurtmakers: agenda van Buurtfeest\\nDeel twee\u2028\\; met\\, tekens\\\\".encode()


def test_an_activity_in_the_year_9999_stays_in_its_feeds(client, team, hood):
    """Issue 23, finding 6: stored before dates were checked, it broke the time zone step of
    the activity's, the team's and the neighbourhood's feed."""
    make_public_activity(team, "Eerst")
    far = make_public_activity(team, "Ver weg", datetime(9999, 6, 1, 12, 0, tzinfo=UTC))
    for url in (f"/activiteiten/{far.id}.ics", f"/teams/{team.id}/agenda.ics", f"/buurten/{hood.id}/agenda.ics"):
        calendar = feed(client, url)
        events = {str(event["SUMMARY"]): event for event in calendar.walk("VEVENT")}
        assert events["Ver weg"].decoded("DTSTART") == far.starts_at, url
        assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Amsterdam"]
