import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.models import Base
from app.places.models import Neighbourhood


class NeighbourhoodFigures(Base):
    """The public impact page's figures of one neighbourhood, kept by statement triggers on
    team, activity, fund and ledger_entry (migration e28f00000001) in the transaction of every
    write the database sees, bulk SQL included; see app.reports.public. A neighbourhood gets
    its row at its first team, activity or ledger entry."""

    __tablename__ = "neighbourhood_figures"

    neighbourhood_id: Mapped[int] = mapped_column(
        sa.ForeignKey("neighbourhood.id", ondelete="CASCADE"), primary_key=True
    )
    teams: Mapped[int] = mapped_column(server_default="0")  # not archived
    activities: Mapped[int] = mapped_column(server_default="0")  # that took place
    participants: Mapped[int] = mapped_column(sa.BigInteger, server_default="0")
    awarded_cents: Mapped[int] = mapped_column(sa.BigInteger, server_default="0")  # as Balances.awarded

    neighbourhood: Mapped[Neighbourhood] = relationship(lazy="raise")
