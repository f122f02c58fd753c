"""Sign-ups: a place while there is one, else the waitlist in order of arrival; a freed
place goes to the first on the list, who is told. The activity's row is locked while the
places are counted, so two sign-ups at the same moment never take one place twice.
Services flush; the request commits."""

import secrets

import sqlalchemy as sa
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy.orm import joinedload

from app.accounts.models import User
from app.activities.models import Activity, ActivityStatus
from app.core.audit import record
from app.core.errors import RuleViolated
from app.core.i18n import lazy_gettext as _l
from app.core.locks import locked
from app.core.mail import queue_mail
from app.core.models import utcnow
from app.core.policy import authorize
from app.core.urls import external_url
from app.extensions import db
from app.signups import checkin, notices
from app.signups.models import SignUp, SignUpStatus
from app.teams.models import Team

OPEN = (ActivityStatus.PLANNED,)
HOLDING = (SignUpStatus.CONFIRMED, SignUpStatus.WAITLISTED)


# --- reading -------------------------------------------------------------------------


def counts(activity_ids: list[int]) -> dict[int, tuple[int, int]]:
    """Per activity: confirmed sign-ups and people on the waitlist, in one statement."""
    if not activity_ids:
        return {}
    rows = db.session.execute(
        sa.select(
            SignUp.activity_id,
            sa.func.count().filter(SignUp.status == SignUpStatus.CONFIRMED),
            sa.func.count().filter(SignUp.status == SignUpStatus.WAITLISTED),
        )
        .where(SignUp.activity_id.in_(activity_ids))
        .group_by(SignUp.activity_id)
    )
    return {activity_id: (confirmed, waiting) for activity_id, confirmed, waiting in rows}


def places_left(activity: Activity, confirmed: int) -> int | None:
    """None when the activity has no limit."""
    return None if activity.capacity is None else max(activity.capacity - confirmed, 0)


def checked_in_count(activity: Activity) -> int:
    return db.session.scalar(
        sa.select(sa.func.count()).where(SignUp.activity_id == activity.id, SignUp.checked_in_at.is_not(None))
    )


def activity_of(sign_up: SignUp) -> Activity:
    return db.session.get(Activity, sign_up.activity_id)


def by_token(token: str) -> SignUp | None:
    return db.session.scalar(sa.select(SignUp).where(SignUp.token == token))


def of_user(activity: Activity, user) -> SignUp | None:
    if not user.is_authenticated:
        return None
    return db.session.scalar(
        sa.select(SignUp)
        .options(joinedload(SignUp.entered_by))
        .where(SignUp.activity_id == activity.id, SignUp.user_id == user.id)
    )


def list_for_team(activity: Activity) -> list[SignUp]:
    """Everyone who signed up, places first, then the waitlist, each in order of arrival."""
    order = sa.case({SignUpStatus.CONFIRMED: 0, SignUpStatus.WAITLISTED: 1}, value=SignUp.status, else_=2)
    return list(
        db.session.scalars(
            sa.select(SignUp)
            .options(joinedload(SignUp.entered_by))
            .where(SignUp.activity_id == activity.id, SignUp.status != SignUpStatus.CANCELLED)
            .order_by(order, SignUp.queued_at, SignUp.id)
        )
    )


# --- changing ------------------------------------------------------------------------


def _confirmed(activity: Activity) -> int:
    return db.session.scalar(
        sa.select(sa.func.count()).where(SignUp.activity_id == activity.id, SignUp.status == SignUpStatus.CONFIRMED)
    )


def _audit(actor, action: str, sign_up: SignUp, **data) -> None:
    record(actor, action, sign_up, activity_id=sign_up.activity_id, status=sign_up.status, **data)


def _take_place(activity: Activity, sign_up: SignUp, actor=None, **data) -> None:
    """A place if there is one, else the end of the waitlist. The caller locked the activity
    (core.locks) before counting: places are counted one request at a time."""
    full = activity.capacity is not None and _confirmed(activity) >= activity.capacity
    sign_up.status = SignUpStatus.WAITLISTED if full else SignUpStatus.CONFIRMED
    sign_up.queued_at = utcnow()
    db.session.flush()
    _audit(actor, "signup.placed", sign_up, **data)


def is_open(activity: Activity) -> bool:
    """Whether people can sign up now: a public, planned activity that has not started."""
    return (
        activity.is_public
        and activity.status in OPEN
        and activity.starts_at is not None
        and activity.starts_at > utcnow()
    )


def _check_open(activity: Activity) -> None:
    if not is_open(activity):
        raise RuleViolated(_l("Voor deze activiteit kunt u zich niet (meer) aanmelden."))


def _existing(activity: Activity, email: str) -> SignUp | None:
    return db.session.scalar(sa.select(SignUp).where(SignUp.activity_id == activity.id, SignUp.email == email))


def _of_resident(activity: Activity, user: User) -> SignUp | None:
    """The resident's earlier sign-up: by their account, or one they made as a visitor with
    their address. By account only when they have no address: a missing address is no match."""
    theirs = SignUp.user_id == user.id
    if user.email is not None:
        theirs = sa.or_(theirs, SignUp.email == user.email)
    return db.session.scalars(
        sa.select(SignUp).where(SignUp.activity_id == activity.id, theirs).order_by(SignUp.id).limit(1)
    ).first()


def _new(activity: Activity, email: str | None) -> SignUp:
    return SignUp(
        activity_id=activity.id,
        email=email,
        status=SignUpStatus.PENDING,
        token=secrets.token_urlsafe(24),
        checkin_code=checkin.free_code(activity.id),
    )


def sign_up_resident(user: User, activity: Activity, entered_by: User | None = None) -> SignUp:
    """A logged-in resident signs up with one click: a place, or the waitlist. A coordinator
    may enter it for a resident who asked (`entered_by`): then the coordinator is the actor
    in the audit log, and the caller tells the resident (in one message that says who)."""
    activity = locked(activity)
    if entered_by is not None:
        authorize(entered_by, "coaching.act_on_behalf", db.session.get(Team, activity.team_id))
    _check_open(activity)
    sign_up = _of_resident(activity, user)
    if sign_up is not None and sign_up.status in HOLDING:
        raise RuleViolated(_l("U bent al aangemeld."))
    sign_up = sign_up or _new(activity, user.email)
    sign_up.user_id, sign_up.name = user.id, user.name
    sign_up.entered_by_id = entered_by.id if entered_by is not None else None
    db.session.add(sign_up)
    behalf = {"on_behalf_of": user.id} if entered_by is not None else {}
    _take_place(activity, sign_up, entered_by, **behalf)
    if entered_by is None:
        notices.tell(sign_up, activity)
    return sign_up


def sign_up_visitor(activity: Activity, name: str, email: str) -> SignUp | None:
    """A visitor signs up with name and e-mail and gets a link to confirm: only then does
    the sign-up take a place. An address already signed up gets a mail that says so: the
    page says the same to everyone ("look in your mail"), and it is true for everyone."""
    _check_open(activity)
    email = email.strip().lower()
    sign_up = _existing(activity, email)
    if sign_up is not None and sign_up.status in HOLDING:
        with force_locale("nl"):
            queue_mail(
                email,
                _("U bent al aangemeld voor %(title)s", title=activity.title),
                _(
                    "Hallo %(name)s,\n\nU probeerde zich aan te melden voor %(title)s, maar u staat er al op. "
                    "U hoeft niets meer te doen. Hier leest u alles over de activiteit:\n\n%(link)s",
                    name=notices.first_name(sign_up),
                    title=activity.title,
                    link=external_url("agenda.activity", activity_id=activity.id),
                ),
            )
        return None
    sign_up = sign_up or _new(activity, email)
    sign_up.name, sign_up.status, sign_up.queued_at = name.strip(), SignUpStatus.PENDING, None
    db.session.add(sign_up)
    db.session.flush()
    with force_locale("nl"):
        queue_mail(
            email,
            _("Bevestig uw aanmelding voor %(title)s", title=activity.title),
            _(
                "Hallo %(name)s,\n\nU heeft zich aangemeld voor %(title)s. Open deze link en klik op de "
                "knop om uw aanmelding te bevestigen:\n\n%(link)s\n\n"
                "Heeft u zich niet aangemeld? Dan hoeft u niets te doen.",
                name=notices.first_name(sign_up),
                title=activity.title,
                link=external_url("signups.confirm", signup_token=sign_up.token),
            ),
        )
    return sign_up


def confirm(sign_up: SignUp) -> SignUp:
    """The visitor opened the link and confirmed: a place, or the waitlist."""
    activity = locked(db.session.get(Activity, sign_up.activity_id))
    db.session.refresh(sign_up)  # as it is now that this request holds the lock
    if sign_up.status != SignUpStatus.PENDING:
        return sign_up  # confirmed before: the link is safe to use twice
    _check_open(activity)
    _take_place(activity, sign_up)
    notices.tell(sign_up, activity)
    return sign_up


def sign_off(sign_up: SignUp) -> None:
    """Someone signs off; a freed place goes to the first on the waitlist, who is told."""
    activity = locked(db.session.get(Activity, sign_up.activity_id))
    db.session.refresh(sign_up)
    if sign_up.status == SignUpStatus.CANCELLED:
        return
    had_place = sign_up.status == SignUpStatus.CONFIRMED
    sign_up.status = SignUpStatus.CANCELLED
    db.session.flush()
    _audit(None, "signup.signed_off", sign_up)
    if had_place and activity.status in OPEN:
        first = db.session.scalar(
            sa.select(SignUp)
            .where(SignUp.activity_id == activity.id, SignUp.status == SignUpStatus.WAITLISTED)
            .order_by(SignUp.queued_at, SignUp.id)
            .limit(1)
        )
        if first is not None:
            first.status = SignUpStatus.CONFIRMED
            _audit(None, "signup.promoted", first)
            notices.tell(first, activity, promoted=True)
    db.session.flush()


def check_in(actor, team: Team, activity: Activity, sign_up_id: int) -> SignUp:
    """On the day the team marks who came (or takes the mark away again)."""
    authorize(actor, "signup.check_in", team)
    sign_up = db.session.scalar(sa.select(SignUp).where(SignUp.id == sign_up_id, SignUp.activity_id == activity.id))
    if sign_up is None or sign_up.status != SignUpStatus.CONFIRMED:
        raise RuleViolated(_l("Deze persoon heeft geen plaats bij deze activiteit."))
    sign_up.checked_in_at = None if sign_up.checked_in_at else utcnow()
    _audit(actor, "signup.checked_in", sign_up, checked_in=sign_up.checked_in_at is not None)
    db.session.flush()
    return sign_up


def add_walk_in(actor, team: Team, activity: Activity, name: str) -> SignUp:
    """Someone came without signing up: the team adds them at the door by name, with a place
    and checked in (they are there, full or not). Nobody is mailed: there is no address."""
    authorize(actor, "signup.check_in", team)
    if not activity.is_public or activity.status not in (ActivityStatus.PLANNED, ActivityStatus.DONE):
        raise RuleViolated(_l("Binnenlopers toevoegen kan bij een openbare activiteit die doorgaat."))
    now = utcnow()
    sign_up = SignUp(
        activity_id=locked(activity).id,
        name=name.strip(),
        email=None,
        status=SignUpStatus.CONFIRMED,
        token=secrets.token_urlsafe(24),
        checkin_code=checkin.free_code(activity.id),
        queued_at=now,
        checked_in_at=now,
        entered_by_id=actor.id,
    )
    db.session.add(sign_up)
    db.session.flush()
    _audit(actor, "signup.walked_in", sign_up)
    return sign_up


def tell_everyone(activity: Activity, kind: str, **data) -> int:
    """Tell everyone with a place or on the waitlist that the activity changed or was
    cancelled (the activities feature calls this); returns how many were told."""
    people = db.session.scalars(
        sa.select(SignUp).where(SignUp.activity_id == activity.id, SignUp.status.in_(HOLDING))
    ).all()
    calendar = notices.calendar(activity, kind) if people else None  # the same event for everyone
    for sign_up in people:
        notices.send(sign_up, activity, kind, calendar, **data)
    return len(people)
