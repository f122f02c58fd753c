"""walk-ins

Revision ID: e24fl0000001
Revises: e23m00000001
Create Date: 2026-12-06 10:00:00

A person who comes to an activity without having signed up is added at the door by name:
a sign-up without an e-mail address.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'e24fl0000001'
down_revision = 'e23m00000001'
branch_labels = None
depends_on = None


def upgrade():
    op.alter_column('sign_up', 'email', existing_type=sa.String(length=254), nullable=True)


def downgrade():
    op.execute("DELETE FROM sign_up WHERE email IS NULL")
    op.alter_column('sign_up', 'email', existing_type=sa.String(length=254), nullable=False)
