"""An activity's details and its way through idea → planned → done → evaluated, or
cancelled with a reason. Services flush; the request commits. Each change takes the
activity's row lock first (`services.lock`): its status, and the practice figures that
count it, move from what another request at the same moment left."""

from datetime import datetime

from app.activities.models import Activity, ActivityKind, ActivityStatus
from app.activities.services import lock
from app.core.audit import record
from app.core.errors import RuleViolated
from app.core.i18n import lazy_gettext as _l
from app.core.models import utcnow
from app.core.policy import authorize
from app.extensions import db
from app.signups import services as signups
from app.teams import services as teams
from app.teams.models import Team

# The moves a team makes by hand. Evaluated is reached through the evaluation only.
MOVES = {
    ActivityStatus.IDEA: {ActivityStatus.PLANNED, ActivityStatus.CANCELLED},
    ActivityStatus.PLANNED: {ActivityStatus.DONE, ActivityStatus.CANCELLED},
    ActivityStatus.DONE: set(),
    ActivityStatus.EVALUATED: set(),
    ActivityStatus.CANCELLED: set(),
}
# Details can change until the activity has taken place or was cancelled.
EDITABLE = (ActivityStatus.IDEA, ActivityStatus.PLANNED)
DETAILS = ("title", "description", "kind", "starts_at", "ends_at", "location", "is_public", "capacity")
DETAILS += ("expected_participants",)
# A change of these is told to everyone who signed up.
WHEN_AND_WHERE = {"starts_at", "ends_at", "location"}


PAST = _l(
    "Deze datum is al voorbij. Kies een datum en tijd die nog komen."
    " Is de activiteit al geweest? Zet dan een vinkje bij 'Deze activiteit is al geweest'."
)


def _check_times(starts_at: datetime | None, ends_at: datetime | None, status: ActivityStatus) -> None:
    if status == ActivityStatus.PLANNED and starts_at is None:
        raise RuleViolated(_l("Een geplande activiteit heeft een datum en tijd. Vul in wanneer ze begint."))
    if ends_at is not None and (starts_at is None or ends_at < starts_at):
        raise RuleViolated(_l("Het einde ligt voor het begin. Kijk de tijden na."))


def _check_when(details: dict, moved: bool, happened: bool) -> None:
    """A new or moved start lies ahead; one in the past is only recorded on purpose, as an
    activity that took place (`happened`), which needs its date."""
    starts_at = details["starts_at"]
    if happened:
        if starts_at is None:
            raise RuleViolated(_l("Vul in wanneer de activiteit was."), field="starts_at")
        if starts_at > utcnow():
            raise RuleViolated(
                _l("Deze datum moet nog komen. Haal het vinkje bij 'Deze activiteit is al geweest' weg."),
                field="starts_at",
            )
    elif moved and starts_at is not None and starts_at <= utcnow():
        raise RuleViolated(PAST, field="starts_at")


def _publish_or_record(actor, team: Team, activity: Activity, happened: bool) -> None:
    """One step from the form to where the activity belongs: one that took place is done; a
    public idea with a date still to come is planned, and so in the agenda."""
    if happened and activity.status in EDITABLE:
        target = ActivityStatus.DONE
    elif activity.status == ActivityStatus.IDEA and activity.is_public and activity.starts_at is not None:
        target = ActivityStatus.PLANNED
    else:
        return
    if activity.status != ActivityStatus.IDEA:
        activity.sequence += 1  # it was in calendars already (an idea is in no feed)
    activity.status = target
    teams.touch(actor, team)
    record(actor, "activity.status_changed", activity, status=target, reason=None)


def in_agenda(activity: Activity) -> bool:
    """The public agenda shows it (agenda.services: public, dated, no longer an idea)."""
    return activity.is_public and activity.starts_at is not None and activity.status != ActivityStatus.IDEA


def _apply(activity: Activity, details: dict) -> list[str]:
    """Set the details; the names of those that changed."""
    details = {**details, "kind": ActivityKind(details["kind"]), "title": details["title"].strip()}
    details["description"] = (details["description"] or "").strip()
    details["location"] = (details["location"] or "").strip()
    changed = [name for name in DETAILS if getattr(activity, name) != details[name]]
    for name in changed:
        setattr(activity, name, details[name])
    return changed


def create_activity(actor, team: Team, details: dict, happened: bool = False) -> Activity:
    """A member or trekker adds an activity to the team's plans: an idea, planned at once when
    it is public and dated (in the agenda), or done when it already took place."""
    authorize(actor, "activity.plan", team)
    _check_times(details["starts_at"], details["ends_at"], ActivityStatus.IDEA)
    _check_when(details, moved=True, happened=happened)
    activity = Activity(team_id=team.id, created_by_id=actor.id, status=ActivityStatus.IDEA, checklist=[])
    _apply(activity, details)
    db.session.add(activity)
    db.session.flush()
    teams.touch(actor, team)
    record(actor, "activity.created", activity, team_id=team.id, template_id=None)
    _publish_or_record(actor, team, activity, happened)
    db.session.flush()
    return activity


def update_activity(actor, team: Team, activity: Activity, details: dict, happened: bool = False) -> list[str]:
    """Change the details of an idea or a planned activity; a moved start lies ahead, unless
    the activity is recorded as one that took place. A change people may have in their
    calendar raises the iCalendar SEQUENCE. Returns the names of what changed."""
    authorize(actor, "activity.plan", team)
    lock(activity)
    if activity.status not in EDITABLE:
        raise RuleViolated(_l("Deze activiteit is al geweest of gaat niet door. U kunt haar niet meer aanpassen."))
    _check_times(details["starts_at"], details["ends_at"], activity.status)
    _check_when(details, moved=details["starts_at"] != activity.starts_at, happened=happened)
    changed = _apply(activity, details)
    _publish_or_record(actor, team, activity, happened)
    if changed:
        activity.sequence += 1
        teams.touch(actor, team)
        record(actor, "activity.updated", activity, fields=", ".join(changed))
        if set(changed) & WHEN_AND_WHERE:
            signups.tell_everyone(activity, "signup.changed")
    db.session.flush()
    return changed


def change_status(actor, team: Team, activity: Activity, status: ActivityStatus, reason: str = "") -> None:
    """Move the activity on: plan it (needs a start), mark it done (once it has started), or
    cancel it with a reason. Anything else is refused and changes nothing."""
    authorize(actor, "activity.plan", team)
    lock(activity)
    if status not in MOVES[activity.status]:
        raise RuleViolated(_l("Deze stap past niet bij de huidige status van de activiteit."))
    if status == ActivityStatus.PLANNED:
        _check_times(activity.starts_at, activity.ends_at, status)
        if activity.starts_at <= utcnow():
            raise RuleViolated(PAST)
    if status == ActivityStatus.DONE and (activity.starts_at is None or activity.starts_at > utcnow()):
        raise RuleViolated(_l("De activiteit is nog niet begonnen. Zet haar op 'gedaan' als ze geweest is."))
    if status == ActivityStatus.CANCELLED:
        if not reason.strip():
            raise RuleViolated(_l("Schrijf kort op waarom de activiteit niet doorgaat."))
        activity.cancel_reason = reason.strip()
    activity.status = status
    activity.sequence += 1
    if status == ActivityStatus.CANCELLED:  # told with the event as it is now: STATUS:CANCELLED
        signups.tell_everyone(activity, "signup.cancelled", reason=activity.cancel_reason)
    if status == ActivityStatus.PLANNED:
        teams.touch(actor, team)  # planning wakes a dormant team
    record(actor, "activity.status_changed", activity, status=status, reason=reason.strip() or None)
    db.session.flush()


def mark_evaluated(actor, team: Team, activity: Activity, participants: int) -> None:
    """The evaluation is in (evaluations feature): the activity that took place counts, with
    its real number of participants, in the practice figures of its template."""
    authorize(actor, "activity.plan", team)
    lock(activity)
    if activity.status not in (ActivityStatus.DONE, ActivityStatus.EVALUATED):
        raise RuleViolated(_l("Terugkijken kan als de activiteit geweest is. Zet haar eerst op 'gedaan'."))
    activity.actual_participants = participants
    if activity.status != ActivityStatus.EVALUATED:
        activity.status = ActivityStatus.EVALUATED
        record(actor, "activity.status_changed", activity, status=ActivityStatus.EVALUATED, reason=None)
    db.session.flush()
