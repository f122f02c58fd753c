"""snoozed dashboard signals

Revision ID: c0a100000004
Revises: c0a100000003
Create Date: 2026-12-05 05:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c0a100000004'
down_revision = 'c0a100000003'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('sent_reminder',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('subject_id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=40), nullable=False),
    sa.Column('sent_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sent_reminder')),
    sa.UniqueConstraint('kind', 'subject_id', 'key', name=op.f('uq_sent_reminder_kind'))
    )
    op.create_table('signal_snooze',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('accountability_overdue', 'decision_pending', 'question_unanswered', 'no_trekker', 'below_minimum', 'no_support_contact', 'dormant', 'heading_dormant', name='signalkind', native_enum=False), nullable=False),
    sa.Column('team_id', sa.Integer(), nullable=False),
    sa.Column('subject_id', sa.Integer(), nullable=False),
    sa.Column('until', sa.Date(), nullable=False),
    sa.Column('reason', sa.String(length=500), nullable=False),
    sa.Column('snoozed_by_id', sa.Integer(), nullable=True),
    sa.Column('snoozed_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("kind IN ('accountability_overdue', 'decision_pending', 'question_unanswered', 'no_trekker', 'below_minimum', 'no_support_contact', 'dormant', 'heading_dormant')", name=op.f('ck_signal_snooze_kind_valid')),
    sa.ForeignKeyConstraint(['snoozed_by_id'], ['user.id'], name=op.f('fk_signal_snooze_snoozed_by_id_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['team_id'], ['team.id'], name=op.f('fk_signal_snooze_team_id_team'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_signal_snooze')),
    sa.UniqueConstraint('kind', 'team_id', 'subject_id', name=op.f('uq_signal_snooze_kind'))
    )
    with op.batch_alter_table('signal_snooze', schema=None) as batch_op:
        batch_op.create_index('ix_signal_snooze_until', ['until'], unique=False)


def downgrade():
    with op.batch_alter_table('signal_snooze', schema=None) as batch_op:
        batch_op.drop_index('ix_signal_snooze_until')

    op.drop_table('signal_snooze')
    op.drop_table('sent_reminder')
