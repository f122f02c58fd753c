"""A team's request for a voucher from a fund, its budget lines, the regie-group's advices,
the decisions, and afterwards the accountability with its receipts."""

import enum
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.ext.hybrid import hybrid_property
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.activities.models import Activity
from app.core.i18n import lazy_gettext as _l
from app.core.models import Base, TimestampMixin, UTCDateTime, enum_check, enum_column, utcnow
from app.core.timezone import local_today
from app.money.models import Fund
from app.teams.models import Team


class RequestStatus(enum.StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    IN_REVIEW = "in_review"
    AWARDED = "awarded"
    PARTLY_AWARDED = "partly_awarded"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"
    PAID_OUT = "paid_out"
    ACCOUNTED = "accounted"
    SETTLED = "settled"


# Waiting for the regie-group: advices can be given.
OPEN_FOR_ADVICE = (RequestStatus.SUBMITTED, RequestStatus.IN_REVIEW)
# Decided with money held in the fund, not yet paid.
DECIDED = (RequestStatus.AWARDED, RequestStatus.PARTLY_AWARDED, RequestStatus.REJECTED)
AWARDED = (RequestStatus.AWARDED, RequestStatus.PARTLY_AWARDED)


class Advice(enum.StrEnum):
    AWARD = "award"
    LOWER = "lower"  # award a lower amount
    REJECT = "reject"


class Outcome(enum.StrEnum):
    AWARDED = "awarded"
    PARTLY_AWARDED = "partly_awarded"
    REJECTED = "rejected"


class VoucherRequest(TimestampMixin, Base):
    __tablename__ = "voucher_request"

    id: Mapped[int] = mapped_column(primary_key=True)
    fund_id: Mapped[int] = mapped_column(sa.ForeignKey("fund.id"), index=True)
    team_id: Mapped[int] = mapped_column(sa.ForeignKey("team.id"), index=True)
    activity_id: Mapped[int] = mapped_column(sa.ForeignKey("activity.id"), index=True)
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id"))
    motivation: Mapped[str] = mapped_column(sa.Text, default="")
    status: Mapped[RequestStatus] = enum_column(RequestStatus, default=RequestStatus.DRAFT, index=True)
    # The sum of the lines, kept with them (lines change only in a draft) for lists and rules.
    requested_cents: Mapped[int] = mapped_column(sa.BigInteger, default=0)
    awarded_cents: Mapped[int | None] = mapped_column(sa.BigInteger)
    # 1 for the first assessment, 2 for the second look after an objection.
    round: Mapped[int] = mapped_column(default=1)
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    objection: Mapped[str] = mapped_column(sa.Text, default="")
    objected_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    paid_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Set at payout: the activity's day plus the fund's accountability days.
    accountability_due_on: Mapped[date | None] = mapped_column()
    reminded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    fund: Mapped[Fund] = relationship(lazy="raise")
    team: Mapped[Team] = relationship(lazy="raise")
    activity: Mapped[Activity] = relationship(lazy="raise")
    # Loaded when read (not "raise"): pages of one request read them after a commit or a
    # rolled-back attempt has expired them; lists never touch them.
    lines: Mapped[list["VoucherLine"]] = relationship(
        back_populates="request", lazy="select", order_by="VoucherLine.position", cascade="all, delete-orphan"
    )

    __table_args__ = (
        enum_check("status", RequestStatus),
        sa.CheckConstraint(
            "requested_cents >= 0 AND (awarded_cents IS NULL OR awarded_cents >= 0)", name="amounts_not_negative"
        ),
        sa.CheckConstraint("round IN (1, 2)", name="round_valid"),
        # The dashboard's signals about money, oldest first: accountability overdue, payout waiting.
        sa.Index(
            "ix_voucher_request_paid_out_due",
            "accountability_due_on",
            "id",
            postgresql_where=sa.text("status = 'paid_out'"),
        ),
        sa.Index(
            "ix_voucher_request_awarded_since",
            "decided_at",
            "id",
            postgresql_where=sa.text("status IN ('awarded', 'partly_awarded')"),
        ),
    )

    @hybrid_property
    def was_submitted(self) -> bool:
        """The team sent it to the regie-group (whatever happened since). Until then it is the
        team's own draft, also when the draft was withdrawn: the regie-group never reads it."""
        return self.submitted_at is not None

    @was_submitted.inplace.expression
    @classmethod
    def _was_submitted_expression(cls) -> sa.ColumnElement[bool]:
        return cls.submitted_at.is_not(None)


class VoucherLine(Base):
    """One line of the budget; the actual cost is filled in at accountability."""

    __tablename__ = "voucher_line"

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(sa.ForeignKey("voucher_request.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column()
    category: Mapped[str] = mapped_column(sa.String(20))
    description: Mapped[str] = mapped_column(sa.String(200))
    amount_cents: Mapped[int] = mapped_column(sa.BigInteger)
    actual_cents: Mapped[int | None] = mapped_column(sa.BigInteger)

    request: Mapped[VoucherRequest] = relationship(back_populates="lines", lazy="raise")

    __table_args__ = (
        sa.UniqueConstraint("request_id", "position"),
        sa.CheckConstraint("amount_cents > 0 AND (actual_cents IS NULL OR actual_cents >= 0)", name="amounts_positive"),
    )


class Assessment(TimestampMixin, Base):
    """One regie member's advice in one round; it can be changed until the decision."""

    __tablename__ = "assessment"

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(sa.ForeignKey("voucher_request.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("user.id"), index=True)
    round: Mapped[int] = mapped_column()
    advice: Mapped[Advice] = enum_column(Advice)
    amount_cents: Mapped[int | None] = mapped_column(sa.BigInteger)
    comment: Mapped[str] = mapped_column(sa.Text, default="")
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    user: Mapped["User"] = relationship(lazy="raise")  # noqa: F821

    __table_args__ = (
        sa.UniqueConstraint(
            "request_id", "user_id", "round", info={"message": _l("U heeft over deze aanvraag al advies gegeven.")}
        ),
        enum_check("advice", Advice),
        sa.CheckConstraint(
            "(advice = 'lower' AND amount_cents > 0) OR (advice <> 'lower' AND amount_cents IS NULL)",
            name="amount_fits_advice",
        ),
    )


class Decision(TimestampMixin, Base):
    """The chair's (or deputy's) decision in one round, with its motivation."""

    __tablename__ = "decision"

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(sa.ForeignKey("voucher_request.id", ondelete="CASCADE"))
    round: Mapped[int] = mapped_column()
    outcome: Mapped[Outcome] = enum_column(Outcome)
    amount_cents: Mapped[int] = mapped_column(sa.BigInteger)
    motivation: Mapped[str] = mapped_column(sa.Text, default="")
    decided_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id"))
    # What the fund's rule made of the advices (review.suggestion) when this was decided; None
    # for decisions from before it was kept.
    advised_outcome: Mapped[Outcome | None] = enum_column(Outcome, nullable=True)
    advised_cents: Mapped[int | None] = mapped_column(sa.BigInteger)

    __table_args__ = (
        sa.UniqueConstraint("request_id", "round", info={"message": _l("Over deze aanvraag is al besloten.")}),
        enum_check("outcome", Outcome),
        enum_check("advised_outcome", Outcome),
        sa.CheckConstraint("amount_cents >= 0", name="amount_not_negative"),
    )

    @property
    def departs(self) -> bool:
        """The chair decided otherwise than the advices said (another amount)."""
        return departs((self.advised_outcome, self.advised_cents), self.outcome, self.amount_cents)


def departs(advised: tuple[Outcome | None, int | None] | None, outcome: Outcome, amount_cents: int) -> bool:
    """Whether a decision of `outcome` and `amount_cents` differs from the `advised` outcome
    and amount (nothing is known to differ from when nothing was advised)."""
    if advised is None or advised[0] is None:
        return False
    return (outcome, amount_cents) != tuple(advised)


class AccountabilityStatus(enum.StrEnum):
    SUBMITTED = "submitted"
    SENT_BACK = "sent_back"
    APPROVED = "approved"


class Accountability(TimestampMixin, Base):
    """What the team spent and did; a coordinator approves it or sends it back."""

    __tablename__ = "accountability"

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(sa.ForeignKey("voucher_request.id", ondelete="CASCADE"), unique=True)
    report: Mapped[str] = mapped_column(sa.Text, default="")
    participants: Mapped[int | None] = mapped_column()
    status: Mapped[AccountabilityStatus] = enum_column(AccountabilityStatus)
    submitted_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    submitted_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id"))
    review_comment: Mapped[str] = mapped_column(sa.Text, default="")
    reviewed_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id"))
    reviewed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    __table_args__ = (
        enum_check("status", AccountabilityStatus),
        sa.CheckConstraint("participants IS NULL OR participants >= 0", name="participants_not_negative"),
    )


class Receipt(TimestampMixin, Base):
    """A receipt (PDF, JPEG or PNG, checked by content) stored outside static/ under a
    random name; served only to the team's trekkers, the regie-group and coordinators."""

    __tablename__ = "receipt"

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(sa.ForeignKey("voucher_request.id", ondelete="CASCADE"), index=True)
    file_name: Mapped[str] = mapped_column(sa.String(50), unique=True)
    # What the team called it, cleaned: shown in the list, never used as a path.
    title: Mapped[str] = mapped_column(sa.String(120))
    size: Mapped[int] = mapped_column()
    uploaded_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id"))

    @property
    def mimetype(self) -> str:
        return {".pdf": "application/pdf", ".png": "image/png"}.get(self.file_name[-4:], "image/jpeg")


def overdue(request: VoucherRequest) -> bool:
    """The signal: paid out, not accounted, and the deadline has passed."""
    return (
        request.status == RequestStatus.PAID_OUT
        and request.accountability_due_on is not None
        and request.accountability_due_on < local_today()
    )
