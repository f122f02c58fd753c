"""outreach areas and records

Revision ID: c0a100000003
Revises: c0a100000002
Create Date: 2026-12-05 05:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c0a100000003'
down_revision = 'c0a100000002'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
