"""Residents without e-mail (digital inclusion): a coordinator registers a resident who has
no e-mail address, with a phone number or address to reach them and the consent they gave,
acts for them as for anyone (coaching.behalf, the helpdesk), and later hands them a normal
account. Until then the account cannot log in and is never mailed (accounts.services);
in-app messages wait for them. Services flush; the request commits."""

from datetime import date

import sqlalchemy as sa
from flask import abort, current_app
from flask_babel import force_locale, format_date
from flask_babel import gettext as _
from sqlalchemy.orm import joinedload

from app.accounts import services as accounts
from app.accounts.models import User
from app.coaching.models import AssistedRegistration
from app.core.audit import record
from app.core.errors import RuleViolated
from app.core.i18n import lazy_gettext as _l
from app.core.models import utcnow
from app.core.notifications import message, notify
from app.core.pagination import Page, paginate
from app.core.policy import authorize, can, is_staff
from app.core.scope import in_scope, staff_in
from app.core.text import contains_pattern
from app.core.urls import path_for
from app.extensions import db

# What the resident agrees to, read out or shown to them; kept with the registration in
# the words of that day.
CONSENT = _l(
    "Buurtmakers bewaart uw naam, uw buurt en uw telefoonnummer of adres. Een coördinator van de "
    "gemeente gebruikt ze om u aan te melden bij teams en activiteiten, en om uw vragen door te geven, "
    "als u daarom vraagt. De trekkers van uw team en van een activiteit zien uw naam. Uw telefoonnummer "
    "of adres ziet alleen de coördinator. U kunt altijd vragen om uw gegevens te zien of te laten "
    "verwijderen."
)


# --- reading ---------------------------------------------------------------------------


def consent_text() -> str:
    """The consent as the resident hears it and as it is kept: in Dutch, the language of the
    service, whatever the coordinator's screen shows."""
    with force_locale("nl"):
        return str(CONSENT)


def can_be_acted_for() -> sa.ColumnElement[bool]:
    """Residents a coordinator may act for: active, not staff, and either activated or
    registered by a coordinator (whose account never is, until it is handed over)."""
    return sa.and_(
        User.deactivated_at.is_(None),
        User.is_coordinator.is_(False),
        User.is_admin.is_(False),
        sa.or_(
            User.email_confirmed_at.is_not(None),
            sa.exists().where(AssistedRegistration.user_id == User.id),
        ),
    )


def name_matches(term: str) -> sa.ColumnElement[bool]:
    return sa.func.lower(User.name).like(contains_pattern(term.strip().lower()), escape="\\")


def registration_or_404(user, user_id: int) -> AssistedRegistration:
    """For routes: a registration made by a coordinator, with its people; another account,
    or one outside `user`'s scope, is not one (404)."""
    registration = db.session.scalar(
        sa.select(AssistedRegistration)
        .options(
            joinedload(AssistedRegistration.user).joinedload(User.neighbourhood),
            joinedload(AssistedRegistration.registered_by),
        )
        .where(AssistedRegistration.user_id == user_id)
    )
    if (
        registration is None
        or registration.user.erased_at is not None
        or not can(user, "coaching.residents", registration.user)
    ):
        abort(404)
    return registration


def registrations_page(user, term: str, page: int) -> Page:
    """The residents coordinators registered in `user`'s scope, by name; `term` narrows to
    names that hold it."""
    query = (
        sa.select(AssistedRegistration)
        .join(User, User.id == AssistedRegistration.user_id)
        .options(joinedload(AssistedRegistration.user).joinedload(User.neighbourhood))
        .where(User.erased_at.is_(None), in_scope(user, User.neighbourhood_id))
        .order_by(User.name, User.id)
    )
    if term.strip():
        query = query.where(name_matches(term))
    return paginate(query, page, current_app.config["PAGE_SIZE"])


def telling(resident_id: int) -> str:
    """What a coordinator reads after acting for a resident: who tells the resident."""
    if db.session.get(User, resident_id).email is None:
        return _("De bewoner heeft geen e-mail: laat het hem of haar zelf weten.")
    return _("De bewoner krijgt er bericht over.")


# --- changing --------------------------------------------------------------------------


def register(actor, name: str, neighbourhood_id: int, contact: str) -> AssistedRegistration:
    """An account for a resident without e-mail who agreed to the consent text: the contact
    and the consent are kept with who recorded it and when. The neighbourhood lies in the
    coordinator's scope."""
    authorize(actor, "coaching.residents")
    if not staff_in(actor, neighbourhood_id):
        raise RuleViolated(_l("Kies een buurt van uw eigen gemeente."), field="neighbourhood_id")
    user = accounts.register_without_email(name, neighbourhood_id)
    registration = AssistedRegistration(
        user=user,
        contact=contact.strip(),
        consent_text=consent_text(),
        consented_at=utcnow(),
        registered_by_id=actor.id,
    )
    db.session.add(registration)
    noted_contact(user)
    record(actor, "user.registered_by_coordinator", user)
    db.session.flush()
    return registration


def hand_over(actor, registration: AssistedRegistration, email: str) -> User:
    """The resident gets an account of their own: the address gets the activation mail, and
    its link leads to choosing a password. Until they do, coordinators still act for them."""
    authorize(actor, "coaching.residents", registration.user)
    resident = registration.user
    if resident.email_confirmed_at is not None:
        raise RuleViolated(_l("Deze bewoner heeft al een eigen account."))
    if not resident.is_active:
        raise RuleViolated(_l("Het account van deze bewoner is gestopt."))
    accounts.give_address(resident, email, actor)
    record(actor, "user.handed_over", resident)
    db.session.flush()
    return resident


def noted_contact(resident: User) -> None:
    """A coordinator acted for the resident: for the retention of inactive accounts this
    counts as using it (a resident without e-mail never logs in), and clears a warning."""
    resident.last_seen_at, resident.inactivity_warned_at = utcnow(), None


def warn_coordinator(resident: User, erase_on: date) -> None:
    """The retention job's warning for a resident who cannot log in: the coordinator who
    registered them is told, in-app and by mail, while they still work here."""
    registration = db.session.scalar(
        sa.select(AssistedRegistration)
        .options(joinedload(AssistedRegistration.registered_by))
        .where(AssistedRegistration.user_id == resident.id)
    )
    coordinator = registration.registered_by if registration else None
    if coordinator is None or not coordinator.is_active or not is_staff(coordinator, resident):
        return
    notify(
        coordinator,
        "coaching.resident_inactive",
        path_for("coaching.resident", resident_id=resident.id),
        name=resident.name,
        erase_on=erase_on.isoformat(),
    )


@message("coaching.resident_inactive")
def _inactive_text(data) -> str:
    return _(
        "Voor %(name)s is al lang niets gedaan in Buurtmakers. We bewaren geen gegevens die niet meer nodig "
        "zijn: op %(day)s verwijderen we de gegevens van deze bewoner. Wil de bewoner blijven meedoen? Doe dan "
        "voor die dag iets namens hem of haar, of geef hem of haar een eigen account.",
        name=data["name"],
        day=format_date(date.fromisoformat(data["erase_on"]), "long"),
    )
