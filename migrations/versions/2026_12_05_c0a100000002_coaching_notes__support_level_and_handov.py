"""coaching notes, support level and handover, entries made on a resident's behalf

Revision ID: c0a100000002
Revises: c0a100000001
Create Date: 2026-12-05 05:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c0a100000002'
down_revision = 'c0a100000001'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
