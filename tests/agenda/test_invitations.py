"""Issue 27, item 3: the mail that confirms a place carries the activity as .ics, and a move
or a cancellation mails the updated event (same UID, higher SEQUENCE, STATUS:CANCELLED).
Every event, in feeds and attachments, leads back to the activity's public page. Each file
is read by three parsers: icalendar, vobject and ical.js."""

from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa
from icalendar import Calendar

from app.activities.lifecycle import DETAILS, change_status, update_activity
from app.activities.models import ActivityStatus
from app.core.mail import OutboxAttachment, OutboxMail
from app.extensions import db
from tests.agenda.helpers import make_public_activity
from tests.calendar.readers import with_icaljs, with_vobject
from tests.factories import make_user

START = datetime(2027, 7, 3, 13, 0, tzinfo=UTC)  # 15:00 in Amsterdam (summer time)


@pytest.fixture
def activity(team):
    return make_public_activity(team, "Burendag", START, capacity=1)


def _mails(to: str) -> list[OutboxMail]:
    return list(db.session.scalars(sa.select(OutboxMail).where(OutboxMail.recipient == to).order_by(OutboxMail.id)))


def calendar_of(mail: OutboxMail) -> str | None:
    """The .ics the mail carries, if any."""
    content = db.session.scalar(
        sa.select(OutboxAttachment.content).where(
            OutboxAttachment.mail_id == mail.id, OutboxAttachment.mimetype == "text/calendar"
        )
    )
    return content.decode() if content is not None else None


def _page(activity) -> str:
    return f"https://buurtmakers.test/activiteiten/{activity.id}"


def _visitor_with_place(client, activity, name: str = "Vera") -> str:
    email = f"{name.lower()}@example.org"
    client.post(f"/activiteiten/{activity.id}/aanmelden", {"name": name, "email": email})
    (asked,) = _mails(email)
    assert calendar_of(asked) is None  # nothing for a calendar before the link is followed
    client.post(asked.body.split("https://buurtmakers.test", 1)[1].split()[0])
    return email


def check_event(ics: str, activity, sequence: int, status: str = "CONFIRMED", start: datetime = START) -> None:
    """The same event in all three readers: UID, SEQUENCE, STATUS, start and the way back."""
    uid = f"activity-{activity.id}@buurtmakers.test"
    calendar = Calendar.from_ical(ics)
    (event,) = calendar.walk("VEVENT")
    assert str(calendar["METHOD"]) == "PUBLISH"
    assert (str(event["UID"]), event["SEQUENCE"], str(event["STATUS"])) == (uid, sequence, status)
    assert str(event["URL"]) == _page(activity) and _page(activity) in str(event["DESCRIPTION"])
    assert event.decoded("DTSTART") == start

    (vevent,) = with_vobject(ics)
    assert (vevent.uid.value, int(vevent.sequence.value), vevent.status.value) == (uid, sequence, status)
    assert vevent.url.value == _page(activity) and _page(activity) in vevent.description.value
    assert vevent.dtstart.value == start

    read = with_icaljs(ics)
    (js,) = read["events"]
    assert (read["method"], js["uid"], js["sequence"], js["status"]) == ("PUBLISH", uid, sequence, status)
    assert js["url"] == _page(activity) and _page(activity) in js["description"]
    assert js["tzid"] == "Europe/Amsterdam"
    assert js["start"] == start.isoformat().replace("+00:00", ".000Z")


def test_a_resident_with_a_place_gets_the_activity_for_the_phones_calendar(client, hood, activity):
    resident = make_user("Rosa", hood)
    client.login(resident).post(f"/activiteiten/{activity.id}/aanmelden")
    (mail,) = _mails(resident.email)
    assert "Er is een plaats voor u." in mail.body
    check_event(calendar_of(mail), activity, sequence=activity.sequence)


def test_a_visitor_gets_it_once_confirmed_and_someone_on_the_waitlist_gets_none(client, activity):
    vera = _mails(_visitor_with_place(client, activity, "Vera"))[-1]
    wim = _mails(_visitor_with_place(client, activity, "Wim"))[-1]
    check_event(calendar_of(vera), activity, sequence=activity.sequence)
    assert "wachtlijst" in wim.body and calendar_of(wim) is None  # one place: Wim waits, nothing to add yet


def _details(activity, **changes) -> dict:
    return {name: getattr(activity, name) for name in DETAILS} | changes


def test_a_move_mails_the_same_event_with_a_higher_sequence_and_the_new_time(client, team, trekker, activity):
    email = _visitor_with_place(client, activity)
    before = Calendar.from_ical(calendar_of(_mails(email)[-1])).walk("VEVENT")[0]["SEQUENCE"]
    later = START + timedelta(days=1, hours=2)
    update_activity(trekker, team, activity, _details(activity, starts_at=later))
    moved = _mails(email)[-1]
    assert "is veranderd" in moved.body
    check_event(calendar_of(moved), activity, sequence=activity.sequence, start=later)
    assert activity.sequence > before


def test_a_cancellation_mails_the_event_as_cancelled_to_everyone_with_a_place(client, team, trekker, activity):
    vera, wim = _visitor_with_place(client, activity, "Vera"), _visitor_with_place(client, activity, "Wim")
    before = activity.sequence
    change_status(trekker, team, activity, ActivityStatus.CANCELLED, "Het regent")
    cancelled = _mails(vera)[-1]
    assert "gaat niet door" in cancelled.body
    check_event(calendar_of(cancelled), activity, sequence=before + 1, status="CANCELLED")
    assert "Gaat niet door: Het regent" in Calendar.from_ical(calendar_of(cancelled)).walk("VEVENT")[0]["DESCRIPTION"]
    told = _mails(wim)[-1]
    assert "gaat niet door" in told.body and calendar_of(told) is None  # on the waitlist: not in a calendar


def test_every_event_of_a_feed_leads_back_to_its_page_in_every_reader(client, team, hood):
    activities = [make_public_activity(team, title, START + timedelta(days=n)) for n, title in enumerate("ABC")]
    ics = client.get(f"/buurten/{hood.id}/agenda.ics").data
    read = {event["uid"]: event for event in with_icaljs(ics)["events"]}
    by_vobject = {event.uid.value: event for event in with_vobject(ics)}
    for activity in activities:
        uid = f"activity-{activity.id}@buurtmakers.test"
        assert read[uid]["url"] == _page(activity) and _page(activity) in read[uid]["description"]
        assert by_vobject[uid].url.value == _page(activity)


def test_the_agenda_explains_how_to_put_it_in_a_phone_with_a_webcal_link(client, hood, team):
    page = client.get(f"/buurten/{hood.id}/agenda").get_data(as_text=True)
    assert f'href="webcal://buurtmakers.test/buurten/{hood.id}/agenda.ics"' in page
    assert "Op een iPhone" in page and "Via URL" in page
    assert f'href="/buurten/{hood.id}/buurtbrief"' in page
    everywhere = client.get("/agenda").get_data(as_text=True)
    assert "Kies hierboven eerst een buurt" in everywhere
