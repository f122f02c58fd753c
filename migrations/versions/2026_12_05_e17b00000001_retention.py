"""retention

Revision ID: e17b00000001
Revises: e17a00000001
Create Date: 2026-12-05 08:00:00

Inactivity is counted from the day this revision runs: an account from before it has no
last visit on record, and would otherwise be warned on the first purge.
"""
from datetime import UTC, datetime

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'e17b00000001'
down_revision = 'e17a00000001'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.add_column(sa.Column('last_seen_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('inactivity_warned_at', sa.DateTime(), nullable=True))
    with op.batch_alter_table('audit_entry', schema=None) as batch_op:
        batch_op.add_column(sa.Column('pseudonymised_at', sa.DateTime(), nullable=True))
    user = sa.table('user', sa.column('last_seen_at', sa.DateTime()))
    op.execute(user.update().values(last_seen_at=datetime.now(UTC).replace(tzinfo=None)))


def downgrade():
    with op.batch_alter_table('audit_entry', schema=None) as batch_op:
        batch_op.drop_column('pseudonymised_at')
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.drop_column('inactivity_warned_at')
        batch_op.drop_column('last_seen_at')
