"""A helpdesk world: the Pruimengaarde team (trekker Tess, member Mo) and the flat's team
(member Fien) in Kruiskamp, Rosa who is in no team, two coordinators and an admin."""

import html
from types import SimpleNamespace

import pytest
import sqlalchemy as sa

from app.core.audit import AuditEntry
from app.core.mail import OutboxMail
from app.core.notifications import Notification
from app.extensions import db
from tests.factories import add_member, make_neighbourhood, make_team, make_user


@pytest.fixture
def w():
    hood = make_neighbourhood("Kruiskamp")
    tess, mo, fien, rosa = (
        make_user(name, hood) for name in ("Tess Trekker", "Mo Member", "Fien Flat", "Rosa Resident")
    )
    team = make_team(hood, tess, name="Pruimengaarde Samen")
    add_member(team, mo)
    flat = make_team(hood, fien, name="Flat Lindelaan")
    return SimpleNamespace(
        hood=hood,
        team=team,
        flat=flat,
        tess=tess,
        mo=mo,
        fien=fien,
        rosa=rosa,
        cor=make_user("Cor Coördinator", hood, is_coordinator=True),
        karim=make_user("Karim Helpdesk", hood, is_coordinator=True),
        ada=make_user("Ada Admin", hood, is_admin=True),
    )


def page(response) -> str:
    return html.unescape(response.get_data(as_text=True))


def notifications(user, kind: str | None = None) -> list[Notification]:
    query = sa.select(Notification).where(Notification.user_id == user.id).order_by(Notification.id)
    if kind:
        query = query.where(Notification.kind == kind)
    return list(db.session.scalars(query))


def mails_to(user) -> list[OutboxMail]:
    return list(db.session.scalars(sa.select(OutboxMail).where(OutboxMail.recipient == user.email)))


def audit(question) -> list[AuditEntry]:
    return list(
        db.session.scalars(
            sa.select(AuditEntry)
            .where(AuditEntry.object_type == "question", AuditEntry.object_id == question.id)
            .order_by(AuditEntry.id)
        )
    )
