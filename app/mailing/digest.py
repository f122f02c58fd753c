"""`flask digest send`, daily: one mail per person with the messages they chose to get in a
digest, grouped by team (the team with the newest message first), newest first within each.
Nothing is sent to a person with nothing new. A message leaves the digest in the same
transaction that queues its mail, and the rows are locked while that happens, so a second
run, or two at once, never mail one message twice."""

from collections import defaultdict
from datetime import datetime

import sqlalchemy as sa
from flask_babel import force_locale, format_datetime, ngettext
from flask_babel import gettext as _

from app.accounts.models import User
from app.core.jobs import each_item
from app.core.mail import queue_mail
from app.core.mail_preferences import DIGEST, KIND_OF, Choice, choices_of, way_out
from app.core.notifications import Notification
from app.core.urls import absolute_url
from app.extensions import db
from app.teams.models import Team


def send_digests() -> int:
    """Queue today's digests; how many mails were queued."""
    people = db.session.scalars(
        sa.select(Notification.user_id).where(Notification.digest_pending).distinct().order_by(Notification.user_id)
    ).all()
    return sum(each_item(people, _send_to, "digest send"))


def _waiting(user_id: int) -> list[Notification]:
    return list(
        db.session.scalars(
            sa.select(Notification)
            .where(Notification.user_id == user_id, Notification.digest_pending)
            .order_by(Notification.created_at.desc(), Notification.id.desc())
            .with_for_update(skip_locked=True)
        )
    )


def _send_to(user_id: int) -> int:
    items = _waiting(user_id)
    for item in items:
        item.digest_pending = False
    user = db.session.get(User, user_id)
    choices = choices_of(user_id)
    # A kind switched off since its message came in stays off.
    items = [item for item in items if choices.get(KIND_OF.get(item.kind)) != Choice.NEVER]
    if not items or user.email is None:
        db.session.flush()
        return 0
    with force_locale("nl"):
        footer, headers = way_out(user_id, DIGEST)
        subject = ngettext(
            "Uw overzicht van Buurtmakers: %(num)d nieuw bericht",
            "Uw overzicht van Buurtmakers: %(num)d nieuwe berichten",
            len(items),
        )
        body = _("Hallo %(name)s,\n\nDit is er nieuw sinds uw vorige overzicht.", name=user.first_name)
        queue_mail(user.email, subject, f"{body}\n\n{_grouped(items)}\n\n{footer}", headers=headers)
    db.session.flush()
    return 1


def _grouped(items: list[Notification]) -> str:
    """Per team, the team with the newest message first; messages newest first (`items` are)."""
    groups: dict[int | None, list[Notification]] = defaultdict(list)
    for item in items:
        groups[item.team_id].append(item)
    ids = [team_id for team_id in groups if team_id is not None]
    rows = db.session.execute(sa.select(Team.id, Team.name).where(Team.id.in_(ids))) if ids else []
    names = {team_id: name for team_id, name in rows}
    blocks = []
    for team_id, messages in groups.items():  # dicts keep the order of the newest message
        heading = names.get(team_id) or _("Overige berichten")
        lines = [heading, "-" * len(heading)]
        for message in messages:
            lines.append(f"{_when(message.created_at)}  {message.text}")
            if message.link:
                lines.append(f"    {absolute_url(message.link)}")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def _when(moment: datetime) -> str:
    return format_datetime(moment, "EEEE d MMMM HH:mm")
