"""outbox retries

Revision ID: e23m00000001
Revises: e17b00000001
Create Date: 2026-12-06 08:00:00

A mail that fails keeps its error and its number of tries, waits before the next try, and
is given up after a number of tries; the mails behind it go on.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'e23m00000001'
down_revision = 'e17b00000001'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('outbox_mail', schema=None) as batch_op:
        batch_op.add_column(sa.Column('tries', sa.Integer(), server_default='0', nullable=False))
        batch_op.add_column(sa.Column('last_error', sa.String(length=500), nullable=True))
        batch_op.add_column(sa.Column('next_try_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('gave_up_at', sa.DateTime(), nullable=True))


def downgrade():
    with op.batch_alter_table('outbox_mail', schema=None) as batch_op:
        batch_op.drop_column('gave_up_at')
        batch_op.drop_column('next_try_at')
        batch_op.drop_column('last_error')
        batch_op.drop_column('tries')
