"""funds, regie-groups, ledger and voucher requests; the ledger is append-only in the
database itself (triggers refuse UPDATE and DELETE, on PostgreSQL also TRUNCATE)

Revision ID: f0dd5e000001
Revises: e7a10a7e0001
Create Date: 2026-11-25 05:20:46.830680

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'f0dd5e000001'
down_revision = 'e7a10a7e0001'
branch_labels = None
depends_on = None


APPEND_ONLY = "ledger_entry is append-only: add a correction instead"

POSTGRES_UP = (
    f"""CREATE FUNCTION ledger_entry_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION '{APPEND_ONLY}'; END $$""",
    """CREATE TRIGGER ledger_entry_no_change BEFORE UPDATE OR DELETE ON ledger_entry
    FOR EACH ROW EXECUTE FUNCTION ledger_entry_append_only()""",
    """CREATE TRIGGER ledger_entry_no_truncate BEFORE TRUNCATE ON ledger_entry
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_entry_append_only()""",
)
POSTGRES_DOWN = (
    "DROP TRIGGER IF EXISTS ledger_entry_no_truncate ON ledger_entry",
    "DROP TRIGGER IF EXISTS ledger_entry_no_change ON ledger_entry",
    "DROP FUNCTION IF EXISTS ledger_entry_append_only()",
)
SQLITE_UP = tuple(
    f"""CREATE TRIGGER ledger_entry_no_{event.lower()} BEFORE {event} ON ledger_entry
    BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY}'); END"""
    for event in ("UPDATE", "DELETE")
)
SQLITE_DOWN = ("DROP TRIGGER IF EXISTS ledger_entry_no_update", "DROP TRIGGER IF EXISTS ledger_entry_no_delete")


def _run(postgres, sqlite):
    for statement in postgres if op.get_bind().dialect.name == "postgresql" else sqlite:
        op.execute(statement)


def upgrade():
    op.create_table('fund',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('neighbourhood_id', sa.Integer(), nullable=False),
    sa.Column('period_start', sa.Date(), nullable=False),
    sa.Column('period_end', sa.Date(), nullable=False),
    sa.Column('support_percent', sa.Integer(), nullable=False),
    sa.Column('max_per_voucher_cents', sa.BigInteger(), nullable=False),
    sa.Column('max_per_team_cents', sa.BigInteger(), nullable=False),
    sa.Column('min_team_size', sa.Integer(), nullable=False),
    sa.Column('categories', sa.JSON(), nullable=False),
    sa.Column('opens_on', sa.Date(), nullable=False),
    sa.Column('closes_on', sa.Date(), nullable=False),
    sa.Column('accountability_days', sa.Integer(), nullable=False),
    sa.Column('objection_days', sa.Integer(), nullable=False),
    sa.Column('quorum', sa.Integer(), nullable=False),
    sa.Column('decision_rule', sa.Enum('majority', 'unanimous', name='decisionrule', native_enum=False), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('name_key', sa.String(length=100), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("decision_rule IN ('majority', 'unanimous')", name=op.f('ck_fund_decision_rule_valid')),
    sa.CheckConstraint('max_per_voucher_cents > 0 AND max_per_team_cents >= max_per_voucher_cents', name=op.f('ck_fund_maxima_positive')),
    sa.CheckConstraint('min_team_size >= 1 AND quorum >= 1 AND accountability_days >= 1 AND objection_days >= 1', name=op.f('ck_fund_numbers_positive')),
    sa.CheckConstraint('period_end >= period_start AND closes_on >= opens_on', name=op.f('ck_fund_periods_in_order')),
    sa.CheckConstraint('support_percent BETWEEN 0 AND 50', name=op.f('ck_fund_support_percent_range')),
    sa.ForeignKeyConstraint(['neighbourhood_id'], ['neighbourhood.id'], name=op.f('fk_fund_neighbourhood_id_neighbourhood')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_fund')),
    sa.UniqueConstraint('neighbourhood_id', 'name_key', name=op.f('uq_fund_neighbourhood_id'))
    )
    with op.batch_alter_table('fund', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_fund_neighbourhood_id'), ['neighbourhood_id'], unique=False)

    op.create_table('regie_member',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('fund_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('role', sa.Enum('chair', 'deputy', 'member', name='regierole', native_enum=False), nullable=False),
    sa.Column('starts_on', sa.Date(), nullable=False),
    sa.Column('ends_on', sa.Date(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("role IN ('chair', 'deputy', 'member')", name=op.f('ck_regie_member_role_valid')),
    sa.CheckConstraint('ends_on >= starts_on', name=op.f('ck_regie_member_term_in_order')),
    sa.ForeignKeyConstraint(['fund_id'], ['fund.id'], name=op.f('fk_regie_member_fund_id_fund')),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_regie_member_user_id_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_regie_member')),
    sa.UniqueConstraint('fund_id', 'user_id', name=op.f('uq_regie_member_fund_id'))
    )
    with op.batch_alter_table('regie_member', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_regie_member_user_id'), ['user_id'], unique=False)

    op.create_table('voucher_request',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('fund_id', sa.Integer(), nullable=False),
    sa.Column('team_id', sa.Integer(), nullable=False),
    sa.Column('activity_id', sa.Integer(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('motivation', sa.Text(), nullable=False),
    sa.Column('status', sa.Enum('draft', 'submitted', 'in_review', 'awarded', 'partly_awarded', 'rejected', 'withdrawn', 'paid_out', 'accounted', 'settled', name='requeststatus', native_enum=False), nullable=False),
    sa.Column('requested_cents', sa.BigInteger(), nullable=False),
    sa.Column('awarded_cents', sa.BigInteger(), nullable=True),
    sa.Column('round', sa.Integer(), nullable=False),
    sa.Column('submitted_at', sa.DateTime(), nullable=True),
    sa.Column('decided_at', sa.DateTime(), nullable=True),
    sa.Column('objection', sa.Text(), nullable=False),
    sa.Column('objected_at', sa.DateTime(), nullable=True),
    sa.Column('paid_at', sa.DateTime(), nullable=True),
    sa.Column('accountability_due_on', sa.Date(), nullable=True),
    sa.Column('reminded_at', sa.DateTime(), nullable=True),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("status IN ('draft', 'submitted', 'in_review', 'awarded', 'partly_awarded', 'rejected', 'withdrawn', 'paid_out', 'accounted', 'settled')", name=op.f('ck_voucher_request_status_valid')),
    sa.CheckConstraint('requested_cents >= 0 AND (awarded_cents IS NULL OR awarded_cents >= 0)', name=op.f('ck_voucher_request_amounts_not_negative')),
    sa.CheckConstraint('round IN (1, 2)', name=op.f('ck_voucher_request_round_valid')),
    sa.ForeignKeyConstraint(['activity_id'], ['activity.id'], name=op.f('fk_voucher_request_activity_id_activity')),
    sa.ForeignKeyConstraint(['created_by_id'], ['user.id'], name=op.f('fk_voucher_request_created_by_id_user')),
    sa.ForeignKeyConstraint(['fund_id'], ['fund.id'], name=op.f('fk_voucher_request_fund_id_fund')),
    sa.ForeignKeyConstraint(['team_id'], ['team.id'], name=op.f('fk_voucher_request_team_id_team')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_voucher_request'))
    )
    with op.batch_alter_table('voucher_request', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_voucher_request_activity_id'), ['activity_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_voucher_request_fund_id'), ['fund_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_voucher_request_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_voucher_request_team_id'), ['team_id'], unique=False)

    op.create_table('accountability',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('request_id', sa.Integer(), nullable=False),
    sa.Column('report', sa.Text(), nullable=False),
    sa.Column('participants', sa.Integer(), nullable=True),
    sa.Column('status', sa.Enum('submitted', 'sent_back', 'approved', name='accountabilitystatus', native_enum=False), nullable=False),
    sa.Column('submitted_at', sa.DateTime(), nullable=False),
    sa.Column('submitted_by_id', sa.Integer(), nullable=True),
    sa.Column('review_comment', sa.Text(), nullable=False),
    sa.Column('reviewed_by_id', sa.Integer(), nullable=True),
    sa.Column('reviewed_at', sa.DateTime(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("status IN ('submitted', 'sent_back', 'approved')", name=op.f('ck_accountability_status_valid')),
    sa.CheckConstraint('participants IS NULL OR participants >= 0', name=op.f('ck_accountability_participants_not_negative')),
    sa.ForeignKeyConstraint(['request_id'], ['voucher_request.id'], name=op.f('fk_accountability_request_id_voucher_request'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['reviewed_by_id'], ['user.id'], name=op.f('fk_accountability_reviewed_by_id_user')),
    sa.ForeignKeyConstraint(['submitted_by_id'], ['user.id'], name=op.f('fk_accountability_submitted_by_id_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_accountability')),
    sa.UniqueConstraint('request_id', name=op.f('uq_accountability_request_id'))
    )
    op.create_table('assessment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('request_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('round', sa.Integer(), nullable=False),
    sa.Column('advice', sa.Enum('award', 'lower', 'reject', name='advice', native_enum=False), nullable=False),
    sa.Column('amount_cents', sa.BigInteger(), nullable=True),
    sa.Column('comment', sa.Text(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("(advice = 'lower' AND amount_cents > 0) OR (advice <> 'lower' AND amount_cents IS NULL)", name=op.f('ck_assessment_amount_fits_advice')),
    sa.CheckConstraint("advice IN ('award', 'lower', 'reject')", name=op.f('ck_assessment_advice_valid')),
    sa.ForeignKeyConstraint(['request_id'], ['voucher_request.id'], name=op.f('fk_assessment_request_id_voucher_request'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_assessment_user_id_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_assessment')),
    sa.UniqueConstraint('request_id', 'user_id', 'round', name=op.f('uq_assessment_request_id'))
    )
    with op.batch_alter_table('assessment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_assessment_user_id'), ['user_id'], unique=False)

    op.create_table('decision',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('request_id', sa.Integer(), nullable=False),
    sa.Column('round', sa.Integer(), nullable=False),
    sa.Column('outcome', sa.Enum('awarded', 'partly_awarded', 'rejected', name='outcome', native_enum=False), nullable=False),
    sa.Column('amount_cents', sa.BigInteger(), nullable=False),
    sa.Column('motivation', sa.Text(), nullable=False),
    sa.Column('decided_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("outcome IN ('awarded', 'partly_awarded', 'rejected')", name=op.f('ck_decision_outcome_valid')),
    sa.CheckConstraint('amount_cents >= 0', name=op.f('ck_decision_amount_not_negative')),
    sa.ForeignKeyConstraint(['decided_by_id'], ['user.id'], name=op.f('fk_decision_decided_by_id_user')),
    sa.ForeignKeyConstraint(['request_id'], ['voucher_request.id'], name=op.f('fk_decision_request_id_voucher_request'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_decision')),
    sa.UniqueConstraint('request_id', 'round', name=op.f('uq_decision_request_id'))
    )
    op.create_table('ledger_entry',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('fund_id', sa.Integer(), nullable=False),
    sa.Column('request_id', sa.Integer(), nullable=True),
    sa.Column('kind', sa.Enum('deposit', 'support', 'reservation', 'release', 'payout', 'return', 'correction', name='entrykind', native_enum=False), nullable=False),
    sa.Column('amount_cents', sa.BigInteger(), nullable=False),
    sa.Column('corrects_id', sa.Integer(), nullable=True),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("(kind = 'correction' AND corrects_id IS NOT NULL AND amount_cents <> 0) OR (kind <> 'correction' AND corrects_id IS NULL AND amount_cents > 0)", name=op.f('ck_ledger_entry_amount_fits_kind')),
    sa.CheckConstraint("kind IN ('deposit', 'support', 'reservation', 'release', 'payout', 'return', 'correction')", name=op.f('ck_ledger_entry_kind_valid')),
    sa.ForeignKeyConstraint(['actor_id'], ['user.id'], name=op.f('fk_ledger_entry_actor_id_user')),
    sa.ForeignKeyConstraint(['corrects_id'], ['ledger_entry.id'], name=op.f('fk_ledger_entry_corrects_id_ledger_entry')),
    sa.ForeignKeyConstraint(['fund_id'], ['fund.id'], name=op.f('fk_ledger_entry_fund_id_fund')),
    sa.ForeignKeyConstraint(['request_id'], ['voucher_request.id'], name=op.f('fk_ledger_entry_request_id_voucher_request')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_ledger_entry'))
    )
    with op.batch_alter_table('ledger_entry', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_ledger_entry_corrects_id'), ['corrects_id'], unique=False)
        batch_op.create_index('ix_ledger_entry_fund_id_id', ['fund_id', 'id'], unique=False)
        batch_op.create_index(batch_op.f('ix_ledger_entry_request_id'), ['request_id'], unique=False)

    op.create_table('receipt',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('request_id', sa.Integer(), nullable=False),
    sa.Column('file_name', sa.String(length=50), nullable=False),
    sa.Column('title', sa.String(length=120), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('uploaded_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['request_id'], ['voucher_request.id'], name=op.f('fk_receipt_request_id_voucher_request'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['uploaded_by_id'], ['user.id'], name=op.f('fk_receipt_uploaded_by_id_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_receipt')),
    sa.UniqueConstraint('file_name', name=op.f('uq_receipt_file_name'))
    )
    with op.batch_alter_table('receipt', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_receipt_request_id'), ['request_id'], unique=False)

    op.create_table('voucher_line',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('request_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('category', sa.String(length=20), nullable=False),
    sa.Column('description', sa.String(length=200), nullable=False),
    sa.Column('amount_cents', sa.BigInteger(), nullable=False),
    sa.Column('actual_cents', sa.BigInteger(), nullable=True),
    sa.CheckConstraint('amount_cents > 0 AND (actual_cents IS NULL OR actual_cents >= 0)', name=op.f('ck_voucher_line_amounts_positive')),
    sa.ForeignKeyConstraint(['request_id'], ['voucher_request.id'], name=op.f('fk_voucher_line_request_id_voucher_request'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_voucher_line')),
    sa.UniqueConstraint('request_id', 'position', name=op.f('uq_voucher_line_request_id'))
    )

    _run(POSTGRES_UP, SQLITE_UP)

def downgrade():
    _run(POSTGRES_DOWN, SQLITE_DOWN)
    op.drop_table('voucher_line')
    with op.batch_alter_table('receipt', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_receipt_request_id'))

    op.drop_table('receipt')
    with op.batch_alter_table('ledger_entry', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_ledger_entry_request_id'))
        batch_op.drop_index('ix_ledger_entry_fund_id_id')
        batch_op.drop_index(batch_op.f('ix_ledger_entry_corrects_id'))

    op.drop_table('ledger_entry')
    op.drop_table('decision')
    with op.batch_alter_table('assessment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_assessment_user_id'))

    op.drop_table('assessment')
    op.drop_table('accountability')
    with op.batch_alter_table('voucher_request', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_voucher_request_team_id'))
        batch_op.drop_index(batch_op.f('ix_voucher_request_status'))
        batch_op.drop_index(batch_op.f('ix_voucher_request_fund_id'))
        batch_op.drop_index(batch_op.f('ix_voucher_request_activity_id'))

    op.drop_table('voucher_request')
    with op.batch_alter_table('regie_member', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_regie_member_user_id'))

    op.drop_table('regie_member')
    with op.batch_alter_table('fund', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_fund_neighbourhood_id'))

    op.drop_table('fund')
