import enum
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.accounts.models import User
from app.core.i18n import lazy_gettext as _l
from app.core.models import Base, KeyedNameMixin, TimestampMixin, UTCDateTime, enum_check, enum_column, utcnow
from app.places.models import Neighbourhood

DUPLICATE_TEAM_NAME = _l("Er is al een team met deze naam in deze buurt. Kies een andere naam.")


class TeamKind(enum.StrEnum):
    BUURTTEAM = "buurtteam"
    JUNIOR = "junior"
    BURENNETWERK = "burennetwerk"
    BEWONERSGROEP = "bewonersgroep"


class TeamStatus(enum.StrEnum):
    STARTING = "starting"
    ACTIVE = "active"
    SELF_RELIANT = "self_reliant"
    DORMANT = "dormant"
    ARCHIVED = "archived"


# Teams that run: not dormant, not archived.
LIVE = (TeamStatus.STARTING, TeamStatus.ACTIVE, TeamStatus.SELF_RELIANT)
IS_LIVE = "status IN (" + ", ".join(f"'{status}'" for status in LIVE) + ")"  # in an index predicate


class MemberRole(enum.StrEnum):
    TREKKER = "trekker"
    MEMBER = "member"
    SUPPORTER = "supporter"


class MembershipState(enum.StrEnum):
    REQUESTED = "requested"
    ACTIVE = "active"


class Team(KeyedNameMixin, TimestampMixin, Base):
    __tablename__ = "team"

    id: Mapped[int] = mapped_column(primary_key=True)
    neighbourhood_id: Mapped[int] = mapped_column(sa.ForeignKey("neighbourhood.id"), index=True)
    kind: Mapped[TeamKind] = enum_column(TeamKind)
    area: Mapped[str] = mapped_column(sa.String(200))
    themes: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    question: Mapped[str] = mapped_column(sa.Text)
    description: Mapped[str] = mapped_column(sa.Text, default="")
    status: Mapped[TeamStatus] = enum_column(TeamStatus, default=TeamStatus.STARTING)
    # Folded name, area and description (core.text.fold) for accent-blind search.
    search_text: Mapped[str] = mapped_column(sa.Text, default="")
    last_activity_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Active trekkers, and active trekkers and members (who count for a fund's minimum size),
    # kept by a trigger on membership (migration e28s00000001), never written here: the
    # dashboard's signals find the few teams without a trekker or too small among thousands.
    trekker_count: Mapped[int] = mapped_column(server_default="0")
    member_count: Mapped[int] = mapped_column(server_default="0")

    neighbourhood: Mapped[Neighbourhood] = relationship(lazy="raise")
    memberships: Mapped[list["Membership"]] = relationship(back_populates="team", lazy="raise")

    __table_args__ = (
        sa.UniqueConstraint("neighbourhood_id", "name_key", info={"message": DUPLICATE_TEAM_NAME}),
        enum_check("kind", TeamKind),
        enum_check("status", TeamStatus),
        # The directory and the dashboard's team table count and page the open teams of a
        # neighbourhood in name order: both read only this index (teams.services.directory).
        sa.Index(
            "ix_team_open_by_name",
            "neighbourhood_id",
            "name",
            "id",
            postgresql_where=sa.text("status <> 'archived'"),
        ),
        # A search anywhere in a team's words (LIKE '%lindelaan%'), over every team of the site.
        sa.Index(
            "ix_team_search_text_trgm",
            "search_text",
            postgresql_using="gin",
            postgresql_ops={"search_text": "gin_trgm_ops"},
        ),
        # Teams by status, and the dashboard's signals of teams quiet since a day (heading dormant).
        sa.Index("ix_team_status_last_activity_at", "status", "last_activity_at"),
        # The dashboard's signals among the live teams, each found without reading every
        # team: quiet since a day, without a trekker, below a fund's minimum.
        sa.Index("ix_team_live_by_last_activity", "last_activity_at", postgresql_where=sa.text(IS_LIVE)),
        sa.Index(
            "ix_team_live_without_trekker",
            "neighbourhood_id",
            postgresql_where=sa.text(f"{IS_LIVE} AND trekker_count = 0"),
        ),
        sa.Index("ix_team_live_by_size", "member_count", postgresql_where=sa.text(IS_LIVE)),
        # New teams no one has spoken to yet, the oldest first.
        sa.Index("ix_team_starting_since", "created_at", postgresql_where=sa.text("status = 'starting'")),
    )

    @property
    def is_junior(self) -> bool:
        return self.kind == TeamKind.JUNIOR


class Membership(TimestampMixin, Base):
    __tablename__ = "membership"

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(sa.ForeignKey("team.id"), index=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("user.id"), index=True)
    role: Mapped[MemberRole] = enum_column(MemberRole)
    state: Mapped[MembershipState] = enum_column(MembershipState)
    message: Mapped[str] = mapped_column(sa.Text, default="")
    # A coordinator who entered the request for this resident (asked by phone, at the buurthuis).
    entered_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id", ondelete="SET NULL"))

    team: Mapped[Team] = relationship(back_populates="memberships", lazy="raise")
    user: Mapped[User] = relationship(foreign_keys=[user_id], lazy="raise")
    entered_by: Mapped[User | None] = relationship(foreign_keys=[entered_by_id], lazy="raise")

    __table_args__ = (
        sa.UniqueConstraint("team_id", "user_id", info={"message": _l("U bent al aangemeld bij dit team.")}),
        enum_check("role", MemberRole),
        enum_check("state", MembershipState),
    )


class Invitation(TimestampMixin, Base):
    __tablename__ = "invitation"

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(sa.ForeignKey("team.id"), index=True)
    token: Mapped[str] = mapped_column(sa.String(64), unique=True)
    created_by_id: Mapped[int] = mapped_column(sa.ForeignKey("user.id"))
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    team: Mapped[Team] = relationship(lazy="raise")

    def is_usable(self, now: datetime) -> bool:
        return self.revoked_at is None and self.expires_at > now
