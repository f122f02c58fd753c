"""The evaluation after an activity: numbers, what went well and what could be better, a
story the team may make public, and photos that the public sees only with consent. Saving
the evaluation moves the activity to 'evaluated' with its real number of participants, which
the template's practice figures count. Services flush; the request (or command) commits."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import BinaryIO

import sqlalchemy as sa
from flask_babel import gettext as _

from app.activities import lifecycle
from app.activities import services as activities
from app.activities.models import HAPPENED, Activity, ActivityStatus
from app.core.audit import record
from app.core.errors import RuleViolated
from app.core.i18n import lazy_gettext as _l
from app.core.jobs import each_item
from app.core.models import utcnow
from app.core.notifications import message, notify
from app.core.policy import authorize, can
from app.core.urls import path_for
from app.evaluations import images
from app.evaluations.models import Evaluation, EvaluationReminder, Photo
from app.extensions import db
from app.signups.services import checked_in_count
from app.teams.models import Team
from app.teams.services import trekkers_of

TEXTS = ("went_well", "could_be_better", "story")

# --- reading -------------------------------------------------------------------------


def evaluation_of(activity: Activity) -> Evaluation | None:
    return db.session.scalar(sa.select(Evaluation).where(Evaluation.activity_id == activity.id))


def photos_of(activity: Activity) -> list[Photo]:
    return list(db.session.scalars(sa.select(Photo).where(Photo.activity_id == activity.id).order_by(Photo.id)))


def form_values(activity: Activity, evaluation: Evaluation | None) -> dict:
    """What the form starts with: the saved evaluation, or the check-ins as participants."""
    if evaluation is None:
        participants = activity.actual_participants
        return {"participants": participants if participants is not None else checked_in_count(activity)}
    values = {name: getattr(evaluation, name) for name in (*TEXTS, "new_contacts", "story_public")}
    return values | {"participants": activity.actual_participants}


def _shown_publicly(activity: Activity, evaluation: Evaluation | None) -> bool:
    return (
        evaluation is not None
        and evaluation.story_public
        and activity.is_public
        and activity.status in HAPPENED
        and bool(evaluation.story.strip())
    )


@dataclass(frozen=True)
class PublicStory:
    story: str
    photos: list[Photo]


def public_story(activity: Activity) -> PublicStory | None:
    """What the public activity page may show: the story when the team made it public, with
    the photos whose people agreed to publication. None when there is nothing to show."""
    evaluation = evaluation_of(activity)
    if not _shown_publicly(activity, evaluation):
        return None
    return PublicStory(evaluation.story, [photo for photo in photos_of(activity) if photo.consent])


@dataclass(frozen=True)
class PublicStoryOf:
    """A public story with what the impact page says about it: the activity and its team."""

    activity: Activity
    team_id: int
    team_name: str
    story: PublicStory


def public_stories(
    limit: int, neighbourhood_id: int | None = None, since: datetime | None = None
) -> list[PublicStoryOf]:
    """The newest stories that public activity pages show, with their consented photos, in
    two statements; of one neighbourhood, and written or changed `since`, when asked. The
    SQL picks the candidates; _shown_publicly has the last word."""
    query = (
        sa.select(Activity, Evaluation, Team.id, Team.name)
        .join(Evaluation, Evaluation.activity_id == Activity.id)
        .join(Team, Team.id == Activity.team_id)
        .where(Evaluation.story_public, Activity.is_public, Activity.status.in_(HAPPENED), Evaluation.story != "")
    )
    if neighbourhood_id is not None:
        query = query.where(Team.neighbourhood_id == neighbourhood_id)
    if since is not None:
        query = query.where(Evaluation.updated_at >= since)
    rows = db.session.execute(
        query.order_by(sa.func.coalesce(Activity.starts_at, Activity.created_at).desc(), Activity.id.desc()).limit(
            limit
        )
    ).all()
    shown = [row for row in rows if _shown_publicly(row[0], row[1])]
    photos: dict[int, list[Photo]] = {row[0].id: [] for row in shown}
    if shown:
        consented = sa.select(Photo).where(Photo.activity_id.in_(photos), Photo.consent).order_by(Photo.id)
        for photo in db.session.scalars(consented):
            photos[photo.activity_id].append(photo)
    return [
        PublicStoryOf(activity, team_id, team_name, PublicStory(evaluation.story, photos[activity.id]))
        for activity, evaluation, team_id, team_name in shown
    ]


def photo_for(user, photo_id: int) -> tuple[Photo, bool] | None:
    """The photo if `user` may see it, and whether everyone may (then caches may keep it).
    The team and staff see every photo of the team's activities; the public only a photo
    with consent, next to a public story of a public activity. Otherwise None: to someone
    who may not see it, the photo does not exist."""
    row = db.session.execute(
        sa.select(Photo, Activity, Team)
        .join(Activity, Activity.id == Photo.activity_id)
        .join(Team, Team.id == Activity.team_id)
        .where(Photo.id == photo_id)
    ).first()
    if row is None:
        return None
    photo, activity, team = row
    public = photo.consent and _shown_publicly(activity, evaluation_of(activity))
    if public or can(user, "evaluation.view", team):
        return photo, public
    return None


def photo_of_team(team: Team, photo_id: int) -> Photo | None:
    return db.session.scalar(
        sa.select(Photo)
        .join(Activity, Activity.id == Photo.activity_id)
        .where(Photo.id == photo_id, Activity.team_id == team.id)
    )


# --- writing -------------------------------------------------------------------------


def save_evaluation(actor, team: Team, activity: Activity, details: dict) -> Evaluation:
    """Write or correct the evaluation of an activity that took place; the activity becomes
    'evaluated' with the real number of participants. A planned activity that has begun
    (the reminder's case: nobody marked it done) is marked done on the way."""
    authorize(actor, "evaluation.edit", team)
    activities.lock(activity)  # two saves at once: the second corrects the first
    if activity.status == ActivityStatus.PLANNED and activity.starts_at and activity.starts_at <= utcnow():
        lifecycle.change_status(actor, team, activity, ActivityStatus.DONE)
    lifecycle.mark_evaluated(actor, team, activity, details["participants"])
    evaluation = evaluation_of(activity)
    if evaluation is None:
        evaluation = Evaluation(activity_id=activity.id)
        db.session.add(evaluation)
    for name in TEXTS:
        setattr(evaluation, name, (details[name] or "").strip())
    evaluation.new_contacts = details["new_contacts"]
    evaluation.story_public = bool(details["story_public"])
    db.session.flush()
    record(actor, "evaluation.saved", evaluation, activity_id=activity.id, story_public=evaluation.story_public)
    db.session.flush()
    return evaluation


def _check_happened(activity: Activity) -> None:
    if activity.status not in HAPPENED:
        raise RuleViolated(_l("Foto's kunt u toevoegen als de activiteit geweest is."))


def add_photo(actor, team: Team, activity: Activity, upload: BinaryIO, consent: bool, description: str) -> Photo:
    """Add a photo of an activity that took place, with the uploader's short description as
    its text for whoever cannot see it. Only a real JPEG or PNG is taken, and it is stored
    re-encoded, without EXIF (no GPS position) and under a random name."""
    authorize(actor, "evaluation.edit", team)
    _check_happened(activity)
    data, extension = images.clean_photo(upload)
    photo = Photo(activity_id=activity.id, consent=consent, description=description, uploaded_by_id=actor.id)
    photo.file_name = images.store(data, extension)
    db.session.add(photo)
    db.session.flush()
    record(actor, "photo.added", photo, activity_id=activity.id, consent=consent)
    db.session.flush()
    return photo


def delete_photo(actor, team: Team, photo: Photo) -> None:
    """Remove a photo and its file (for instance when someone on it changes their mind)."""
    authorize(actor, "evaluation.edit", team)
    record(actor, "photo.deleted", photo, activity_id=photo.activity_id)
    db.session.delete(photo)
    db.session.flush()
    images.remove(photo.file_name)


# --- the reminder to evaluate ----------------------------------------------------------


def _waiting_for_evaluation(now: datetime) -> list[tuple[Activity, Team]]:
    """Activities that took place (done, or planned and begun more than a day ago), not
    evaluated, and not reminded of before."""
    reminded = sa.select(EvaluationReminder.activity_id).where(EvaluationReminder.activity_id == Activity.id)
    took_place = sa.or_(
        Activity.status == ActivityStatus.DONE,
        sa.and_(Activity.status == ActivityStatus.PLANNED, Activity.starts_at < now - timedelta(days=1)),
    )
    rows = db.session.execute(
        sa.select(Activity, Team)
        .join(Team, Team.id == Activity.team_id)
        .where(took_place, ~reminded.exists())
        .order_by(Activity.id)
    )
    return [(activity, team) for activity, team in rows]


def send_reminders(now: datetime | None = None) -> int:
    """Remind the trekkers of each activity that waits for its evaluation, once per
    activity: the marker makes a second run (the same day or later) send nothing.
    Returns the number of activities reminded of."""
    waiting = _waiting_for_evaluation(now or utcnow())
    trekkers = trekkers_of(sorted({team.id for _activity, team in waiting}))

    def remind(pair: tuple[Activity, Team]) -> None:
        activity, team = pair
        link = path_for("evaluations.edit", team_id=team.id, activity_id=activity.id)
        for user in trekkers.get(team.id, []):
            notify(user, "evaluation.reminder", link, team_id=team.id, title=activity.title, team=team.name)
        db.session.add(EvaluationReminder(activity_id=activity.id))

    return len(each_item(waiting, remind, "evaluation reminders"))


@message("evaluation.reminder")
def _reminder_text(data) -> str:
    return _(
        "%(title)s van %(team)s is geweest. Kijk samen terug: hoeveel mensen kwamen er en wat ging goed?",
        title=data["title"],
        team=data["team"],
    )
