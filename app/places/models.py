import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.models import Base


class Municipality(Base):
    __tablename__ = "municipality"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(100), unique=True)

    neighbourhoods: Mapped[list["Neighbourhood"]] = relationship(
        back_populates="municipality", lazy="raise", order_by="Neighbourhood.name"
    )


class Neighbourhood(Base):
    __tablename__ = "neighbourhood"

    id: Mapped[int] = mapped_column(primary_key=True)
    municipality_id: Mapped[int] = mapped_column(sa.ForeignKey("municipality.id"), index=True)
    name: Mapped[str] = mapped_column(sa.String(100))
    cbs_code: Mapped[str | None] = mapped_column(sa.String(10), unique=True)
    homes: Mapped[int | None] = mapped_column()

    municipality: Mapped[Municipality] = relationship(back_populates="neighbourhoods", lazy="raise")

    __table_args__ = (
        sa.UniqueConstraint("municipality_id", "name"),
        sa.CheckConstraint("homes IS NULL OR homes >= 0", name="homes_not_negative"),
    )

    @property
    def label(self) -> str:
        return self.name
