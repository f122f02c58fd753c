"""neighbourhood list

Revision ID: e16c00000001
Revises: e16b00000001
Create Date: 2026-12-05 08:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'e16c00000001'
down_revision = 'e16b00000001'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
