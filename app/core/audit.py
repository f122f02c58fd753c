"""Append-only audit log: who changed what, and when."""

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from flask import has_request_context, request
from sqlalchemy.orm import Mapped, mapped_column

from app.core.models import Base, UTCDateTime, utcnow
from app.extensions import db


class AuditEntry(Base):
    __tablename__ = "audit_entry"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    # Kept when the actor's account is deleted later: the entry must survive.
    actor_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id", ondelete="SET NULL"), index=True)
    action: Mapped[str] = mapped_column(sa.String(60))
    object_type: Mapped[str] = mapped_column(sa.String(40))
    object_id: Mapped[int] = mapped_column()
    data: Mapped[dict[str, Any]] = mapped_column(sa.JSON, default=dict)
    # Set when the retention period took out who did it and the personal details (privacy.retention).
    pseudonymised_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    __table_args__ = (sa.Index("ix_audit_entry_object", "object_type", "object_id"),)


def record(actor, action: str, obj, **data: Any) -> AuditEntry:
    """Add an audit entry for a state change of `obj`; the caller's transaction keeps it."""
    if obj.id is None:
        db.session.flush()
    entry = AuditEntry(
        actor_id=actor.id if actor is not None and actor.is_authenticated else None,
        action=action,
        object_type=type(obj).__name__.lower(),
        object_id=obj.id,
        data={k: str(v) if v is not None else None for k, v in data.items()},
    )
    db.session.add(entry)
    return entry


def record_event(actor, action: str, subject, **data: Any) -> AuditEntry:
    """A security event about an account that may not exist (a login with an unknown
    e-mail): then the entry points at no user (object id 0)."""
    if has_request_context():
        data.setdefault("ip", request.remote_addr)
    if subject is not None:
        return record(actor, action, subject, **data)
    entry = AuditEntry(actor_id=None, action=action, object_type="user", object_id=0, data=data)
    db.session.add(entry)
    return entry
