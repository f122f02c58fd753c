"""Append-only audit log, in the form a BIO review asks: what was done (action) to which
record (object), whether it was done or refused (result), from where (the client address,
for security events and refusals), by whom (actor) and when. Refusals are recorded without
what the form held."""

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from flask import has_request_context, request
from sqlalchemy.orm import Mapped, mapped_column

from app.core.models import Base, UTCDateTime, utcnow
from app.extensions import db

DONE, REFUSED = "done", "refused"


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
    result: Mapped[str] = mapped_column(sa.String(10), default=DONE, server_default=DONE)
    # The client address of a security event or a refusal (IPv6 at most 45 characters).
    origin: Mapped[str | None] = mapped_column(sa.String(45))
    # Set when the retention period took out who did it and the personal details (privacy.retention).
    pseudonymised_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    __table_args__ = (sa.Index("ix_audit_entry_object", "object_type", "object_id"),)


def record(actor, action: str, obj, **data: Any) -> AuditEntry:
    """Add an audit entry for a state change of `obj`; the caller's transaction keeps it."""
    if obj.id is None:
        db.session.flush()
    return _add(actor, action, type(obj).__name__.lower(), obj.id, data)


def record_event(actor, action: str, subject, result: str = DONE, **data: Any) -> AuditEntry:
    """A security event about an account that may not exist (a login with an unknown
    e-mail): then the entry points at no user (object id 0). It keeps where it came from."""
    object_id = subject.id if subject is not None else 0
    return _add(actor, action, "user", object_id, data, result, request.remote_addr if has_request_context() else None)


def record_refusal(actor, object_type: str, object_id: int, **data: Any) -> AuditEntry:
    """A refused attempt (a 403): what was asked for, by whom and from where; never the form."""
    return _add(actor, "access.refused", object_type, object_id, data, REFUSED, request.remote_addr)


def _add(actor, action, object_type, object_id, data, result=DONE, origin=None) -> AuditEntry:
    entry = AuditEntry(
        actor_id=actor.id if actor is not None and actor.is_authenticated else None,
        action=action,
        object_type=object_type,
        object_id=object_id,
        data={k: str(v) if v is not None else None for k, v in data.items()},
        result=result,
        origin=origin,
    )
    db.session.add(entry)
    return entry
