"""Setting a person's mail choices: on their account page, or with one click from a mail.
Services flush; the request commits."""

from sqlalchemy.dialects.postgresql import insert

from app.accounts.models import User
from app.core.audit import record
from app.core.mail_preferences import DIGEST, Choice, MailKind, MailPreference, choices_of
from app.core.policy import authorize, is_staff
from app.extensions import db


def kinds_for(user: User) -> list[MailKind]:
    """The kinds a person can get: coordinators' signals only for staff."""
    return [kind for kind in MailKind if kind != MailKind.SIGNALS or is_staff(user)]


def _store(user_id: int, choices: dict[MailKind, Choice]) -> None:
    for kind, choice in choices.items():
        upsert = insert(MailPreference).values(user_id=user_id, kind=kind, choice=choice)
        db.session.execute(upsert.on_conflict_do_update(index_elements=["user_id", "kind"], set_={"choice": choice}))
    db.session.flush()


def set_choices(actor: User, person: User, choices: dict[MailKind, Choice]) -> None:
    """The person's own choice per kind; in-app messages stay whatever they choose."""
    authorize(actor, "mailing.choose", person)
    _store(person.id, choices)
    record(actor, "mail.preferences_set", person, **{kind.value: choice.value for kind, choice in choices.items()})


def person_of(user_id: int) -> User | None:
    """The account a link from a mail was made for, unless it no longer exists."""
    user = db.session.get(User, user_id)
    return None if user is None or user.erased_at is not None else user


def unsubscribe(person: User, kind: str) -> None:
    """One click from a mail: no more mail of that kind. From the digest, every kind that
    went into it stops being mailed. Twice is the same as once."""
    if kind == DIGEST:
        current = choices_of(person.id)
        kinds = [each for each, choice in current.items() if choice == Choice.DIGEST]
    else:
        kinds = [MailKind(kind)]
    # Items of those kinds waiting for the digest are not sent either (mailing.digest).
    _store(person.id, dict.fromkeys(kinds, Choice.NEVER))
    record(None, "mail.unsubscribed", person, kind=kind)
