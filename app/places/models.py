import sqlalchemy as sa
from sqlalchemy.dialects import postgresql
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.i18n import lazy_gettext as _l
from app.core.models import Base, KeyedNameMixin


class Municipality(KeyedNameMixin, Base):
    __tablename__ = "municipality"

    id: Mapped[int] = mapped_column(primary_key=True)

    neighbourhoods: Mapped[list["Neighbourhood"]] = relationship(
        back_populates="municipality", lazy="raise", order_by="Neighbourhood.name"
    )

    __table_args__ = (sa.UniqueConstraint("name_key", info={"message": _l("Er is al een gemeente met deze naam.")}),)


class Neighbourhood(KeyedNameMixin, Base):
    __tablename__ = "neighbourhood"

    id: Mapped[int] = mapped_column(primary_key=True)
    municipality_id: Mapped[int] = mapped_column(sa.ForeignKey("municipality.id"), index=True)
    cbs_code: Mapped[str | None] = mapped_column(sa.String(10))
    homes: Mapped[int | None] = mapped_column()
    # The four digits of the postcodes in the neighbourhood ("3813"): residents know their
    # postcode better than the official name of their neighbourhood.
    postcodes: Mapped[list[str]] = mapped_column(postgresql.ARRAY(sa.String(4)), default=list, server_default="{}")

    municipality: Mapped[Municipality] = relationship(back_populates="neighbourhoods", lazy="raise")

    __table_args__ = (
        sa.UniqueConstraint(
            "municipality_id", "name_key", info={"message": _l("Deze gemeente heeft al een buurt met deze naam.")}
        ),
        sa.UniqueConstraint("cbs_code", info={"message": _l("Deze CBS-code hoort al bij een andere buurt.")}),
        sa.CheckConstraint("homes IS NULL OR homes >= 0", name="homes_not_negative"),
        # Finds a neighbourhood by the start of its name (LIKE 'kruis%'); the pattern operator
        # class lets PostgreSQL use the index for LIKE whatever the database's collation.
        sa.Index("ix_neighbourhood_name_key", "name_key", postgresql_ops={"name_key": "text_pattern_ops"}),
        sa.Index("ix_neighbourhood_postcodes", "postcodes", postgresql_using="gin"),
    )

    @property
    def label(self) -> str:
        return self.name


class CoordinatorScope(Base):
    """A coordinator's municipality: they see and work on the teams, funds and people there
    (core.scope), like a seat in a regie-group. A "regio" coordinator has every municipality;
    admins need none, they keep the whole site."""

    __tablename__ = "coordinator_scope"

    user_id: Mapped[int] = mapped_column(sa.ForeignKey("user.id", ondelete="CASCADE"), primary_key=True)
    municipality_id: Mapped[int] = mapped_column(
        sa.ForeignKey("municipality.id", ondelete="CASCADE"), primary_key=True, index=True
    )
