"""neighbourhood postcodes

Revision ID: e24pc0000001
Revises: e24ui0000001
Create Date: 2026-12-06 13:00:00

A neighbourhood knows the four digits of its postcodes, so that a resident finds its teams
with "3813". Neighbourhoods already there get none until an admin adds them.
"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql


# revision identifiers, used by Alembic.
revision = 'e24pc0000001'
down_revision = 'e24ui0000001'
branch_labels = None
depends_on = None


def upgrade():
    op.add_column(
        'neighbourhood',
        sa.Column('postcodes', postgresql.ARRAY(sa.String(length=4)), server_default='{}', nullable=False),
    )
    op.create_index('ix_neighbourhood_postcodes', 'neighbourhood', ['postcodes'], postgresql_using='gin')


def downgrade():
    op.drop_index('ix_neighbourhood_postcodes', table_name='neighbourhood', postgresql_using='gin')
    op.drop_column('neighbourhood', 'postcodes')
