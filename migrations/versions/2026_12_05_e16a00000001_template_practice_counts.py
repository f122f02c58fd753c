"""template practice counts

Revision ID: e16a00000001
Revises: c0a100000004
Create Date: 2026-12-05 08:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'e16a00000001'
down_revision = 'c0a100000004'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
