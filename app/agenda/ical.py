"""Public activities as iCalendar (RFC 5545), for calendar apps to subscribe to.

Times carry TZID=Europe/Amsterdam with its VTIMEZONE, so a calendar shows the local time
across summer time. An activity without an end time gets DEFAULT_DURATION: calendar apps
draw an event without DTEND as a moment, which hides it in a day view. Every text is added as
the library's vText, which escapes line breaks and separators: residents' titles and names
would otherwise break the feed."""

from datetime import date, timedelta
from urllib.parse import urlsplit

from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _
from icalendar import Calendar, Event, vText

from app.activities.models import Activity, ActivityStatus
from app.agenda.services import Listed
from app.core.mail import Attachment
from app.core.timezone import date_window, local_zone
from app.core.urls import external_url
from app.extensions import db
from app.places.models import Neighbourhood
from app.teams.models import Team

DEFAULT_DURATION = timedelta(hours=2)
PRODID = "-//Buurtmakers//Agenda//NL"


def uid(activity_id: int) -> str:
    """Stable for the activity's whole life: an edit keeps it and raises SEQUENCE."""
    return f"activity-{activity_id}@{urlsplit(current_app.config['PUBLIC_BASE_URL']).hostname}"


def _description(entry: Listed, link: str) -> str:
    parts = [entry.activity.description.strip()] if entry.activity.description.strip() else []
    parts.append(_("Georganiseerd door %(team)s (%(place)s).", team=entry.team.name, place=entry.neighbourhood.name))
    # Not every calendar app shows URL: the way back to the page is in the text too.
    parts.append(_("Alles over deze activiteit, en aanmelden of afmelden: %(link)s", link=link))
    if entry.cancelled:
        reason = entry.activity.cancel_reason.strip()
        parts.insert(0, _("Gaat niet door: %(reason)s", reason=reason) if reason else _("Gaat niet door."))
    return "\n\n".join(parts)


def _event(entry: Listed) -> Event:
    activity, zone = entry.activity, local_zone()
    starts_at = activity.starts_at.astimezone(zone)
    ends_at = activity.ends_at.astimezone(zone) if activity.ends_at else starts_at + DEFAULT_DURATION
    event = Event()
    event.add("uid", uid(activity.id))
    event.add("dtstamp", activity.updated_at or activity.created_at)
    event.add("created", activity.created_at)
    event.add("sequence", activity.sequence)
    event.add("summary", vText(activity.title))
    event.add("dtstart", starts_at)
    event.add("dtend", ends_at)
    if activity.location:
        event.add("location", vText(activity.location))
    link = external_url("agenda.activity", activity_id=activity.id)
    event.add("description", vText(_description(entry, link)))
    event.add("url", link)
    event.add("status", "CANCELLED" if activity.status == ActivityStatus.CANCELLED else "CONFIRMED")
    return event


# The name of an activity attached to a mail, as the person's mail program shows it.
CALENDAR_FILE = "activiteit.ics"


def invitation(activity: Activity) -> Attachment:
    """One activity as the .ics attachment of a mail (core.mail): the event as in the feeds,
    with the same UID and SEQUENCE, so the phone's calendar updates the copy it has.

    METHOD:PUBLISH, not REQUEST: a REQUEST is a meeting invitation, which phones and mail
    apps answer with Accept/Decline mails to an ORGANIZER (our no-reply sender) and which
    needs the person as ATTENDEE in the file. A PUBLISH is a copy of a public event: iOS and
    macOS Calendar, Google Calendar (Gmail and Android) and Outlook offer to add it, and
    match a later copy by UID and SEQUENCE (a move, or STATUS:CANCELLED)."""
    team = db.session.get(Team, activity.team_id)
    entry = Listed(activity, team, db.session.get(Neighbourhood, team.neighbourhood_id))
    with force_locale("nl"):  # as the mail it goes with
        return Attachment(CALENDAR_FILE, "text/calendar", calendar(activity.title, [entry]))


def calendar(name: str, entries: list[Listed]) -> bytes:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", vText(name))
    cal.add("x-wr-timezone", str(local_zone()))
    for entry in entries:
        cal.add_component(_event(entry))
    if entries:
        # The VTIMEZONE covers the feed's years only (the default spans 1970-2038); the
        # entries are in time order. Within the years a date may be entered: one stored
        # before that check (the year 9999) is beyond the library's reach.
        low, high = (day.year for day in date_window())
        first, last = (min(max(e.activity.starts_at.year, low), high) for e in (entries[0], entries[-1]))
        cal.add_missing_timezones(first_date=date(first, 1, 1), last_date=date(last + 2, 1, 1))
        _first_onsets_as_rdates(cal)
    return cal.to_ical()


def _first_onsets_as_rdates(cal: Calendar) -> None:
    """ical.js (Thunderbird, Nextcloud) takes an observance's onsets from its RDATEs alone when
    it has them, skipping the DTSTART: this year's summer time was lost and events showed an
    hour off. The DTSTART repeated as an RDATE changes nothing for other readers (RFC 5545
    counts an onset once)."""
    for zone in cal.walk("VTIMEZONE"):
        for observance in zone.subcomponents:
            if "RDATE" in observance:
                observance.add("rdate", observance.decoded("DTSTART"))
