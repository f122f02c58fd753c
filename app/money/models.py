"""A neighbourhood fund with its local rules (the "modelverordening"), the residents of its
regie-group, and its ledger: the only record of the money. Balances are sums over the
ledger, never stored; the database refuses to change or remove a ledger row (triggers in
the migration)."""

import enum
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.accounts.models import User
from app.core.i18n import lazy_gettext as _l
from app.core.models import Base, KeyedNameMixin, TimestampMixin, UTCDateTime, enum_check, enum_column, utcnow
from app.places.models import Neighbourhood

# What a voucher may pay for; a fund makes a choice of these eligible.
COST_CATEGORIES = {
    "materials": _l("Materiaal"),
    "food": _l("Eten en drinken"),
    "rent": _l("Huur van een ruimte"),
    "hire": _l("Huur van spullen"),
    "promotion": _l("Flyers en affiches"),
    "transport": _l("Vervoer"),
    "insurance": _l("Verzekering"),
    "other": _l("Overig"),
}


class DecisionRule(enum.StrEnum):
    MAJORITY = "majority"  # more advices to award than to reject; a tie rejects
    UNANIMOUS = "unanimous"  # every advice given is to award


class RegieRole(enum.StrEnum):
    CHAIR = "chair"
    DEPUTY = "deputy"  # decides when the chair is recused
    MEMBER = "member"


class Fund(KeyedNameMixin, TimestampMixin, Base):
    __tablename__ = "fund"

    id: Mapped[int] = mapped_column(primary_key=True)
    neighbourhood_id: Mapped[int] = mapped_column(sa.ForeignKey("neighbourhood.id"), index=True)
    period_start: Mapped[date] = mapped_column()
    period_end: Mapped[date] = mapped_column()
    # Share of the total set aside for support and execution, in whole percent.
    support_percent: Mapped[int] = mapped_column()
    max_per_voucher_cents: Mapped[int] = mapped_column(sa.BigInteger)
    max_per_team_cents: Mapped[int] = mapped_column(sa.BigInteger)
    min_team_size: Mapped[int] = mapped_column()
    categories: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    # The application window, in local dates, both days included.
    opens_on: Mapped[date] = mapped_column()
    closes_on: Mapped[date] = mapped_column()
    accountability_days: Mapped[int] = mapped_column()
    objection_days: Mapped[int] = mapped_column()
    quorum: Mapped[int] = mapped_column()
    decision_rule: Mapped[DecisionRule] = enum_column(DecisionRule, default=DecisionRule.MAJORITY)

    neighbourhood: Mapped[Neighbourhood] = relationship(lazy="raise")

    __table_args__ = (
        sa.UniqueConstraint(
            "neighbourhood_id", "name_key", info={"message": _l("Deze buurt heeft al een buurtbudget met deze naam.")}
        ),
        enum_check("decision_rule", DecisionRule),
        sa.CheckConstraint("period_end >= period_start AND closes_on >= opens_on", name="periods_in_order"),
        sa.CheckConstraint("support_percent BETWEEN 0 AND 50", name="support_percent_range"),
        sa.CheckConstraint(
            "max_per_voucher_cents > 0 AND max_per_team_cents >= max_per_voucher_cents", name="maxima_positive"
        ),
        sa.CheckConstraint(
            "min_team_size >= 1 AND quorum >= 1 AND accountability_days >= 1 AND objection_days >= 1",
            name="numbers_positive",
        ),
        # The fund lists show the funds of now or of earlier periods (queries.in_period).
        sa.Index("ix_fund_period_end", "period_end"),
    )


CHAIR_TAKEN = _l("Dit buurtbudget heeft al een voorzitter. Maak die eerst gewoon lid.")
DEPUTY_TAKEN = _l("Dit buurtbudget heeft al een plaatsvervanger. Maak die eerst gewoon lid.")


class RegieMember(TimestampMixin, Base):
    """A resident in a fund's regie-group for a term: a membership, not a flag on the account."""

    __tablename__ = "regie_member"

    id: Mapped[int] = mapped_column(primary_key=True)
    fund_id: Mapped[int] = mapped_column(sa.ForeignKey("fund.id"))
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("user.id"), index=True)
    role: Mapped[RegieRole] = enum_column(RegieRole, default=RegieRole.MEMBER)
    starts_on: Mapped[date] = mapped_column()
    ends_on: Mapped[date] = mapped_column()

    fund: Mapped[Fund] = relationship(lazy="raise")
    user: Mapped[User] = relationship(lazy="raise")

    __table_args__ = (
        sa.UniqueConstraint("fund_id", "user_id", info={"message": _l("Deze bewoner zit al in de regiegroep.")}),
        # One chair and one deputy per fund, kept by the database: the service's check
        # (funds.services._check_single) gives the message, these keep the rule under races.
        sa.Index(
            "uq_regie_member_one_chair",
            "fund_id",
            unique=True,
            postgresql_where=sa.text("role = 'chair'"),
            info={"message": CHAIR_TAKEN},
        ),
        sa.Index(
            "uq_regie_member_one_deputy",
            "fund_id",
            unique=True,
            postgresql_where=sa.text("role = 'deputy'"),
            info={"message": DEPUTY_TAKEN},
        ),
        enum_check("role", RegieRole),
        sa.CheckConstraint("ends_on >= starts_on", name="term_in_order"),
    )

    def serves_on(self, day: date) -> bool:
        return self.starts_on <= day <= self.ends_on


class EntryKind(enum.StrEnum):
    DEPOSIT = "deposit"  # the fund's budget
    SUPPORT = "support"  # the share set aside for support and execution
    RESERVATION = "reservation"  # money held for an awarded voucher
    RELEASE = "release"  # a reservation let go (a lower final decision)
    PAYOUT = "payout"  # reserved money paid to the team
    RETURN = "return"  # unspent money back into the fund at settlement
    CORRECTION = "correction"  # a signed change to the entry it refers to


class LedgerEntry(Base):
    """One movement of money on a fund. Never updated or deleted: a mistake is corrected by
    a new CORRECTION entry that refers to it."""

    __tablename__ = "ledger_entry"

    id: Mapped[int] = mapped_column(primary_key=True)
    fund_id: Mapped[int] = mapped_column(sa.ForeignKey("fund.id"))
    request_id: Mapped[int | None] = mapped_column(sa.ForeignKey("voucher_request.id"), index=True)
    kind: Mapped[EntryKind] = enum_column(EntryKind)
    amount_cents: Mapped[int] = mapped_column(sa.BigInteger)
    corrects_id: Mapped[int | None] = mapped_column(sa.ForeignKey("ledger_entry.id"), index=True)
    # Kept on account deletion: the account row is anonymised, never removed (issue 17).
    actor_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id"))
    reason: Mapped[str] = mapped_column(sa.Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    __table_args__ = (
        enum_check("kind", EntryKind),
        # A correction is signed and refers to its entry; every other movement is positive.
        sa.CheckConstraint(
            "(kind = 'correction' AND corrects_id IS NOT NULL AND amount_cents <> 0)"
            " OR (kind <> 'correction' AND corrects_id IS NULL AND amount_cents > 0)",
            name="amount_fits_kind",
        ),
        # The fund's page and its CSV read the ledger in order.
        sa.Index("ix_ledger_entry_fund_id_id", "fund_id", "id"),
        # The balances add up the ledger per fund and kind: from this index alone, no table read.
        sa.Index("ix_ledger_entry_fund_id_kind_amount", "fund_id", "kind", "amount_cents"),
    )
