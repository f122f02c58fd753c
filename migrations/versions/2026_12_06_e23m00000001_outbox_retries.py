"""outbox retries

Revision ID: e23m00000001
Revises: 0a1b2c3d4e5f
Create Date: 2026-12-06 08:00:00

A mail that fails keeps its error and its number of tries, waits before the next try, and
is given up after a number of tries; the mails behind it go on.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'e23m00000001'
down_revision = '0a1b2c3d4e5f'
branch_labels = None
depends_on = None


def upgrade():
    op.add_column('outbox_mail', sa.Column('tries', sa.Integer(), server_default='0', nullable=False))
    op.add_column('outbox_mail', sa.Column('last_error', sa.String(length=500), nullable=True))
    op.add_column('outbox_mail', sa.Column('next_try_at', sa.DateTime(), nullable=True))
    op.add_column('outbox_mail', sa.Column('gave_up_at', sa.DateTime(), nullable=True))


def downgrade():
    for column in ('gave_up_at', 'next_try_at', 'last_error', 'tries'):
        op.drop_column('outbox_mail', column)
