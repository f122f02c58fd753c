"""money signals and the advice behind a decision

Revision ID: e24money0001
Revises: e24bh0000001
Create Date: 2026-12-06 12:00:00

Two signals for money waiting for a coordinator (a payout, the check of an accountability)
can be snoozed like the others. A decision keeps what the fund's rule made of the advices
(outcome and amount), so that a decision that departs from it shows as such; decisions
taken before this revision did not keep it and show as they were.
"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "e24money0001"
down_revision = "e24bh0000001"
branch_labels = None
depends_on = None

OLD_KINDS = (
    "accountability_overdue",
    "decision_pending",
    "question_unanswered",
    "no_trekker",
    "below_minimum",
    "no_support_contact",
    "dormant",
    "heading_dormant",
)
NEW_KINDS = ("payout_waiting", "accountability_check")  # after the first, in order of urgency


def _kinds_check(kinds) -> None:
    op.drop_constraint(op.f("ck_signal_snooze_kind_valid"), "signal_snooze", type_="check")
    values = ", ".join(f"'{kind}'" for kind in kinds)
    op.create_check_constraint(op.f("ck_signal_snooze_kind_valid"), "signal_snooze", f"kind IN ({values})")


def upgrade():
    _kinds_check(OLD_KINDS[:1] + NEW_KINDS + OLD_KINDS[1:])
    op.add_column(
        "decision",
        sa.Column(
            "advised_outcome",
            sa.Enum("awarded", "partly_awarded", "rejected", name="outcome", native_enum=False),
            nullable=True,
        ),
    )
    op.add_column("decision", sa.Column("advised_cents", sa.BigInteger(), nullable=True))
    op.create_check_constraint(
        op.f("ck_decision_advised_outcome_valid"),
        "decision",
        "advised_outcome IN ('awarded', 'partly_awarded', 'rejected')",
    )


def downgrade():
    op.drop_constraint(op.f("ck_decision_advised_outcome_valid"), "decision", type_="check")
    op.drop_column("decision", "advised_cents")
    op.drop_column("decision", "advised_outcome")
    # The old list has no room for the new kinds: their snoozes go.
    op.execute("DELETE FROM signal_snooze WHERE kind IN ('payout_waiting', 'accountability_check')")
    _kinds_check(OLD_KINDS)
