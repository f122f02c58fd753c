"""photo description

Revision ID: e24ui0000001
Revises: e24money0001
Create Date: 2026-12-06 12:00:00

A photo of an activity keeps a short description from its uploader, used as its text for
whoever cannot see it. Photos already there get an empty one.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'e24ui0000001'
down_revision = 'e24money0001'
branch_labels = None
depends_on = None


def upgrade():
    op.add_column('photo', sa.Column('description', sa.String(length=150), server_default='', nullable=False))


def downgrade():
    op.drop_column('photo', 'description')
