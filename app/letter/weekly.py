"""`flask letter send`, weekly: per neighbourhood one text with the public activities of the
coming weeks and the public stories of the past week, queued for every confirmed address.
A neighbourhood with nothing to tell gets no mail. An address gets at most one letter in
RESEND_AFTER: a second run, or two at once, queue nothing again (the rows are locked and
marked in the transaction that queues their mails)."""

from datetime import datetime, timedelta

import sqlalchemy as sa
from flask_babel import force_locale, format_datetime
from flask_babel import gettext as _

from app.agenda import services as agenda
from app.core.jobs import each_item
from app.core.mail import queue_mail
from app.core.mail_preferences import list_headers
from app.core.urls import external_url
from app.evaluations import services as evaluations
from app.extensions import db
from app.letter.models import LetterSubscription
from app.places.models import Neighbourhood

LOOK_AHEAD = timedelta(days=28)
STORIES_SINCE = timedelta(days=7)
# A weekly job that runs a little early still sends; a second run the same week does not.
RESEND_AFTER = timedelta(days=6)
MAX_ACTIVITIES = 20
MAX_STORIES = 5
STORY_CHARACTERS = 300


def _due(now: datetime) -> sa.ColumnElement[bool]:
    return sa.and_(
        LetterSubscription.confirmed_at.is_not(None),
        sa.or_(LetterSubscription.last_sent_at.is_(None), LetterSubscription.last_sent_at < now - RESEND_AFTER),
    )


def send_letters(now: datetime) -> int:
    """Queue this week's letters; how many mails were queued."""
    hood_ids = db.session.scalars(
        sa.select(LetterSubscription.neighbourhood_id).where(_due(now)).distinct().order_by("neighbourhood_id")
    ).all()
    return sum(each_item(hood_ids, lambda hood_id: _send_for(hood_id, now), "letter send"))


def _send_for(hood_id: int, now: datetime) -> int:
    subscriptions = db.session.scalars(
        sa.select(LetterSubscription)
        .where(LetterSubscription.neighbourhood_id == hood_id, _due(now))
        .order_by(LetterSubscription.id)
        .with_for_update(skip_locked=True)
    ).all()
    if not subscriptions:
        return 0
    coming = agenda.coming_in(hood_id, now + LOOK_AHEAD, MAX_ACTIVITIES)
    stories = evaluations.public_stories(MAX_STORIES, neighbourhood_id=hood_id, since=now - STORIES_SINCE)
    if not coming and not stories:
        return 0
    hood = db.session.get(Neighbourhood, hood_id)
    with force_locale("nl"):
        subject = _("Wat gebeurt er in mijn buurt: %(name)s", name=hood.name)
        text = _letter(hood, coming, stories)
        for subscription in subscriptions:
            link = external_url("letter.unsubscribe", letter_token=subscription.token)
            footer = _("Wilt u deze buurtbrief niet meer? Eén klik is genoeg: %(link)s", link=link)
            queue_mail(subscription.email, subject, f"{text}\n\n{footer}", headers=list_headers(link))
            subscription.last_sent_at = now
    db.session.flush()
    return len(subscriptions)


def _letter(hood: Neighbourhood, coming: list[agenda.Listed], stories: list[evaluations.PublicStoryOf]) -> str:
    parts = [_("Hallo,\n\nDit gebeurt er in %(name)s.", name=hood.name)]
    if coming:
        lines = [_("Binnenkort:")]
        for entry in coming:
            activity = entry.activity
            when = format_datetime(activity.starts_at, "EEEE d MMMM, HH:mm")
            where = f", {activity.location}" if activity.location else ""
            lines.append(f"- {when}: {activity.title} ({entry.team.name}{where})")
            lines.append(f"  {external_url('agenda.activity', activity_id=activity.id)}")
        parts.append("\n".join(lines))
    if stories:
        lines = [_("Wat buren samen deden:")]
        for story in stories:
            text = " ".join(story.story.story.split())
            if len(text) > STORY_CHARACTERS:
                text = text[: STORY_CHARACTERS - 1].rstrip() + "…"
            lines.append(f"- {story.activity.title} ({story.team_name}): {text}")
            lines.append(f"  {external_url('agenda.activity', activity_id=story.activity.id)}")
        parts.append("\n".join(lines))
    parts.append(
        _(
            "Alles in de agenda van uw buurt: %(link)s",
            link=external_url("agenda.neighbourhood", neighbourhood_id=hood.id),
        )
    )
    return "\n\n".join(parts)
