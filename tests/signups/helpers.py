"""A visitor who signed up and confirmed through the mail, for the check-in tests."""

import re
from datetime import timedelta

import sqlalchemy as sa

from app.activities.models import ActivityStatus
from app.core.mail import OutboxMail
from app.core.models import utcnow
from app.extensions import db
from app.signups.models import SignUp
from tests.factories import make_activity, make_neighbourhood, make_team, make_user


def public_activity(title: str = "Burendag"):
    hood = make_neighbourhood()
    tess = make_user("Tess", hood)
    team = make_team(hood, tess, name="Pruimengaarde Samen")
    activity = make_activity(team, tess, status=ActivityStatus.PLANNED)
    activity.title, activity.is_public, activity.capacity = title, True, 20
    activity.starts_at = utcnow() + timedelta(days=7)
    db.session.flush()
    return team, tess, activity


def last_mail(to: str) -> OutboxMail:
    return db.session.scalar(sa.select(OutboxMail).where(OutboxMail.recipient == to).order_by(OutboxMail.id.desc()))


def signed_up_visitor(client, activity=None, email: str = "vera@example.org"):
    """Vera signs up for the activity (a new one when none is given) and confirms by mail."""
    if activity is None:
        _team, _tess, activity = public_activity()
    client.post(f"/activiteiten/{activity.id}/aanmelden", {"name": "Vera Visser", "email": email})
    confirm = re.search(r"https://buurtmakers\.test(/aanmelding/\S+)", last_mail(email).body).group(1)
    client.post(confirm)
    return activity, db.session.scalar(sa.select(SignUp).where(SignUp.email == email))
