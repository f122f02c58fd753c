"""Vitale Wijken outreach: the areas where professionals go door to door (a street, a flat)
and what each visit round there brought. With an area's number of homes this gives the
activation rate: residents willing to be active per home."""

import enum
from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.accounts.models import User
from app.core.i18n import lazy_gettext as _l
from app.core.models import Base, KeyedNameMixin, TimestampMixin, enum_check, enum_column
from app.places.models import Neighbourhood

MAX_HOMES = 100_000


class AreaKind(enum.StrEnum):
    STREET = "street"
    FLAT = "flat"
    OTHER = "other"


KIND_LABELS = {AreaKind.STREET: _l("Straat"), AreaKind.FLAT: _l("Flat"), AreaKind.OTHER: _l("Ander gebied")}

# The figures of a visit round, in the order the form and the tables show them.
FIGURES = ("doors_visited", "conversations", "house_visits", "meetings", "attendance", "willing_to_act")


class OutreachArea(KeyedNameMixin, TimestampMixin, Base):
    """A street, flat or other small area in a neighbourhood. Homes may be unknown (None):
    then the area has no activation rate."""

    __tablename__ = "outreach_area"

    id: Mapped[int] = mapped_column(primary_key=True)
    neighbourhood_id: Mapped[int] = mapped_column(sa.ForeignKey("neighbourhood.id"), index=True)
    kind: Mapped[AreaKind] = enum_column(AreaKind, default=AreaKind.STREET)
    homes: Mapped[int | None] = mapped_column()

    neighbourhood: Mapped[Neighbourhood] = relationship(lazy="raise")

    __table_args__ = (
        sa.UniqueConstraint(
            "neighbourhood_id", "name_key", info={"message": _l("Deze buurt heeft al een gebied met deze naam.")}
        ),
        enum_check("kind", AreaKind),
        sa.CheckConstraint(f"homes IS NULL OR homes BETWEEN 1 AND {MAX_HOMES}", name="homes_range"),
    )


class OutreachRecord(TimestampMixin, Base):
    """One visit round in an area on a day. `conversations` are talks at the door, so never
    more than the doors visited; attendance needs a meeting; `willing_to_act` counts the
    residents newly willing to be active in this round (the rate adds them up)."""

    __tablename__ = "outreach_record"

    id: Mapped[int] = mapped_column(primary_key=True)
    area_id: Mapped[int] = mapped_column(sa.ForeignKey("outreach_area.id"))
    visited_on: Mapped[date] = mapped_column()
    doors_visited: Mapped[int] = mapped_column(default=0)
    conversations: Mapped[int] = mapped_column(default=0)
    house_visits: Mapped[int] = mapped_column(default=0)
    meetings: Mapped[int] = mapped_column(default=0)
    attendance: Mapped[int] = mapped_column(default=0)
    willing_to_act: Mapped[int] = mapped_column(default=0)
    # Kept on account deletion: the account row is anonymised, never removed (issue 17).
    recorded_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id", ondelete="SET NULL"))

    area: Mapped[OutreachArea] = relationship(lazy="raise")
    recorded_by: Mapped[User | None] = relationship(lazy="raise")

    __table_args__ = (
        sa.CheckConstraint(" AND ".join(f"{name} >= 0" for name in FIGURES), name="figures_not_negative"),
        sa.CheckConstraint("conversations <= doors_visited", name="conversations_at_doors"),
        sa.CheckConstraint("meetings > 0 OR attendance = 0", name="attendance_needs_meeting"),
        # The rates add up an area's rounds in date order.
        sa.Index("ix_outreach_record_area_id_visited_on", "area_id", "visited_on"),
    )
