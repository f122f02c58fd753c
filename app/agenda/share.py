"""A public activity when its link is shared: its preview (core.share) and its schema.org
Event, which search engines and calendar apps read from the page."""

from flask_babel import format_datetime
from flask_babel import gettext as _

from app.agenda.services import Listed
from app.core.share import Preview, preview
from app.core.timezone import local_zone
from app.core.urls import external_url

SCHEMA = "https://schema.org/"


def activity_preview(entry: Listed, story) -> Preview:
    """Date and place, then the team's own words; once the team tells how it went, the story
    and its first consented photo."""
    activity = entry.activity
    if story is not None:
        text, photo = story.story, (story.photos[0] if story.photos else None)
    else:
        when = format_datetime(activity.starts_at, "EEEE d MMMM y, HH:mm") if activity.starts_at else ""
        text = " · ".join(part for part in (when, activity.location, activity.description) if part)
        photo = None
    if entry.cancelled:
        text = _("Gaat niet door.") + " " + text
    return preview(activity.title, text, "agenda.activity", photo=photo, activity_id=activity.id)


def event_data(entry: Listed, shared: Preview) -> dict:
    """The activity as a schema.org Event (shown as microdata), its organiser the team."""
    activity, team = entry.activity, entry.team
    hood = entry.neighbourhood.name
    place = activity.location or hood
    data = {
        "@type": "Event",
        "name": activity.title,
        "description": shared.description,
        "url": shared.url,
        "image": [shared.image],
        "eventStatus": SCHEMA + ("EventCancelled" if entry.cancelled else "EventScheduled"),
        "eventAttendanceMode": SCHEMA + "OfflineEventAttendanceMode",
        "location": {"@type": "Place", "name": place, "address": ", ".join(dict.fromkeys((place, hood)))},
        "organizer": {"@type": "Organization", "name": team.name, "url": external_url("teams.show", team_id=team.id)},
    }
    for key, moment in (("startDate", activity.starts_at), ("endDate", activity.ends_at)):
        if moment is not None:
            data[key] = moment.astimezone(local_zone()).isoformat()
    return data
