"""The demo's coaching (`flask seed demo`): notes and a support level on the demo teams, and
one join request that the coordinator entered for a resident who phoned. Everything goes
through the services, so the audit log holds it as in real use; what exists is left alone."""

from datetime import timedelta

import sqlalchemy as sa

from app.accounts.models import User
from app.coaching import behalf
from app.coaching import services as coaching
from app.coaching.models import CoachingNote, NoteKind, SupportLevel, TeamSupport
from app.core.timezone import local_today
from app.extensions import db
from app.teams.models import Membership, Team

# Per demo team (by index): its support level and notes (kind, days ago, text).
COACHING = [
    (
        SupportLevel.LIGHT,
        [
            (NoteKind.VISIT, 40, "Kennismaking in de binnentuin met Fatima en twee buren. Veel zin om te beginnen."),
            (NoteKind.MEETING, 12, "Overleg over de burendag: wie doet wat. Het team regelt het meeste zelf."),
            (NoteKind.CALL, 3, "Fatima belde over een vergunning voor de burendag. Uitgelegd waar ze die aanvraagt."),
        ],
    ),
    (
        SupportLevel.INTENSIVE,
        [
            (NoteKind.VISIT, 20, "Langs de deuren op de galerij gegaan met twee bewoners. Zes buren willen meedoen."),
            (NoteKind.SUPPORT, 6, "Geholpen met de uitnodiging voor de bewonersavond over de galerij."),
        ],
    ),
]
BEHALF_TEAM = 0
BEHALF_MESSAGE = "Belde de buurtlijn: wil graag helpen in de binnentuin, maar heeft geen computer."


def build(coordinator: User, teams: list[Team], resident: User) -> None:
    """Notes and support for the demo teams, and `resident`'s join request for the first
    team, entered by `coordinator` (a resident who phoned)."""
    for team, (level, notes) in zip(teams, COACHING, strict=False):
        for kind, days_ago, text in notes:
            exists = db.session.scalar(
                sa.select(CoachingNote.id).where(CoachingNote.team_id == team.id, CoachingNote.text == text)
            )
            if exists is None:
                coaching.add_note(coordinator, team, kind, local_today() - timedelta(days=days_ago), text)
        if db.session.scalar(sa.select(TeamSupport.id).where(TeamSupport.team_id == team.id)) is None:
            coaching.set_level(coordinator, team, level)
    team = teams[BEHALF_TEAM]
    asked = db.session.scalar(
        sa.select(Membership.id).where(Membership.team_id == team.id, Membership.user_id == resident.id)
    )
    if asked is None:
        behalf.join_on_behalf(coordinator, team, resident.id, "phone", BEHALF_MESSAGE)
    db.session.flush()
