"""indexes for deep lists

Revision ID: e16b00000001
Revises: e16a00000001
Create Date: 2026-12-05 08:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'e16b00000001'
down_revision = 'e16a00000001'
branch_labels = None
depends_on = None

OPEN_TEAM = sa.text("status <> 'archived'")


def upgrade():
    with op.batch_alter_table('team', schema=None) as batch_op:
        batch_op.create_index('ix_team_open_by_name', ['neighbourhood_id', 'name', 'id'], unique=False, postgresql_where=OPEN_TEAM, sqlite_where=OPEN_TEAM)
        batch_op.create_index('ix_team_status_last_activity_at', ['status', 'last_activity_at'], unique=False)
        batch_op.drop_index('ix_team_status')

    with op.batch_alter_table('ledger_entry', schema=None) as batch_op:
        batch_op.create_index('ix_ledger_entry_fund_id_kind_amount', ['fund_id', 'kind', 'amount_cents'], unique=False)

    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.create_index('ix_user_name_id', ['name', 'id'], unique=False)


def downgrade():
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.drop_index('ix_user_name_id')

    with op.batch_alter_table('ledger_entry', schema=None) as batch_op:
        batch_op.drop_index('ix_ledger_entry_fund_id_kind_amount')

    with op.batch_alter_table('team', schema=None) as batch_op:
        batch_op.create_index('ix_team_status', ['status'], unique=False)
        batch_op.drop_index('ix_team_status_last_activity_at')
        batch_op.drop_index('ix_team_open_by_name')
