"""team search anywhere: a trigram index on the teams' words

pg_trgm is a trusted extension (PostgreSQL 13 and later): the database's owner may create it.

Revision ID: e24s00000001
Revises: e23m00000001
Create Date: 2026-12-06 02:20:00

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = 'e24s00000001'
down_revision = 'e23m00000001'
branch_labels = None
depends_on = None


def upgrade():
    op.execute('CREATE EXTENSION IF NOT EXISTS pg_trgm')
    op.create_index('ix_team_search_text_trgm', 'team', ['search_text'], unique=False, postgresql_using='gin', postgresql_ops={'search_text': 'gin_trgm_ops'})


def downgrade():
    op.drop_index('ix_team_search_text_trgm', table_name='team', postgresql_using='gin', postgresql_ops={'search_text': 'gin_trgm_ops'})
