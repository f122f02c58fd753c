"""Subscribing to and leaving a neighbourhood's letter. Services flush; the request commits.

Like a visitor's sign-up, the page answers every address the same ("look in your mail") and
the mail tells the truth: a confirmation link, or that the address gets the letter already."""

import secrets

import sqlalchemy as sa
from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _

from app.core.mail import queue_mail
from app.core.mail_preferences import list_headers
from app.core.models import utcnow
from app.core.urls import external_url
from app.extensions import db
from app.letter.models import LetterSubscription
from app.places.models import Neighbourhood


def by_token(token: str) -> LetterSubscription | None:
    return db.session.scalar(sa.select(LetterSubscription).where(LetterSubscription.token == token))


def neighbourhood_of(subscription: LetterSubscription) -> Neighbourhood:
    return db.session.get(Neighbourhood, subscription.neighbourhood_id)


def subscribe(neighbourhood: Neighbourhood, email: str) -> None:
    """Mail a link to confirm; an address that gets the letter already is told so instead.
    Asking again replaces an unconfirmed link: only the newest works."""
    email = email.strip().lower()
    subscription = db.session.scalar(
        sa.select(LetterSubscription).where(
            LetterSubscription.neighbourhood_id == neighbourhood.id, LetterSubscription.email == email
        )
    )
    with force_locale("nl"):
        if subscription is not None and subscription.confirmed_at is not None:
            way_out = external_url("letter.unsubscribe", letter_token=subscription.token)
            queue_mail(
                email,
                _("U krijgt de buurtbrief van %(name)s al", name=neighbourhood.name),
                _(
                    "Hallo,\n\nIemand vroeg de buurtbrief 'Wat gebeurt er in mijn buurt' van %(name)s aan voor "
                    "dit adres. U krijgt hem al; u hoeft niets te doen.\n\nWilt u hem niet meer? Eén klik is "
                    "genoeg: %(link)s",
                    name=neighbourhood.name,
                    link=way_out,
                ),
                headers=list_headers(way_out),
            )
            return
        subscription = subscription or LetterSubscription(neighbourhood_id=neighbourhood.id, email=email)
        subscription.token = secrets.token_urlsafe(24)
        db.session.add(subscription)
        db.session.flush()
        queue_mail(
            email,
            _("Bevestig de buurtbrief van %(name)s", name=neighbourhood.name),
            _(
                "Hallo,\n\nU vroeg de buurtbrief 'Wat gebeurt er in mijn buurt' van %(name)s aan. Eén keer "
                "per week staat daarin wat er gaat gebeuren en wat buren samen deden.\n\nOpen deze link en "
                "klik op de knop om hem te krijgen:\n\n%(link)s\n\nHeeft u niets aangevraagd? Dan hoeft u "
                "niets te doen. U krijgt dan niets van ons, en we wissen uw adres binnen %(hours)s uur.",
                name=neighbourhood.name,
                link=external_url("letter.confirm", letter_token=subscription.token),
                hours=_unconfirmed_hours(),
            ),
        )


def _unconfirmed_hours() -> int:
    return current_app.config["RETENTION_UNCONFIRMED_LETTER_HOURS"]


def confirm(subscription: LetterSubscription) -> LetterSubscription:
    """The link was followed and the button pressed: from now on the letter comes."""
    if subscription.confirmed_at is None:
        subscription.confirmed_at = utcnow()
        db.session.flush()
    return subscription


def unsubscribe(subscription: LetterSubscription) -> None:
    """One click ends it: the address is deleted, there is nothing else to keep."""
    db.session.delete(subscription)
    db.session.flush()
