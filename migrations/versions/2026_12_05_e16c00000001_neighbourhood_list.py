"""neighbourhood list: find a neighbourhood by the start of its name

/buurten and the neighbourhood field look a neighbourhood up with LIKE 'prefix%' on
name_key. The pattern operator class lets PostgreSQL use the index for that whatever the
database's collation; SQLite ignores it.

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
    with op.batch_alter_table('neighbourhood', schema=None) as batch_op:
        batch_op.create_index(
            'ix_neighbourhood_name_key', ['name_key'], unique=False,
            postgresql_ops={'name_key': 'text_pattern_ops'},
        )


def downgrade():
    with op.batch_alter_table('neighbourhood', schema=None) as batch_op:
        batch_op.drop_index('ix_neighbourhood_name_key')
