"""helpdesk questions and their messages

Revision ID: c0a100000001
Revises: f0dd5e000001
Create Date: 2026-12-05 05:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c0a100000001'
down_revision = 'f0dd5e000001'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
