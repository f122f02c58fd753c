"""who a message is about

Revision ID: e23a00000001
Revises: e24s00000001
Create Date: 2026-12-06 09:00:00

A notification or mail that names another person ("Fenna wil meedoen") points at them, so
that erasing them takes their first name out of it too. Earlier rows point at nobody.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'e23a00000001'
down_revision = 'e24s00000001'
branch_labels = None
depends_on = None


def upgrade():
    for table in ('notification', 'outbox_mail'):
        op.add_column(table, sa.Column('about_id', sa.Integer(), nullable=True))
        op.create_index(op.f(f'ix_{table}_about_id'), table, ['about_id'], unique=False)
        op.create_foreign_key(op.f(f'fk_{table}_about_id_user'), table, 'user', ['about_id'], ['id'])


def downgrade():
    for table in ('outbox_mail', 'notification'):
        op.drop_constraint(op.f(f'fk_{table}_about_id_user'), table, type_='foreignkey')
        op.drop_index(op.f(f'ix_{table}_about_id'), table_name=table)
        op.drop_column(table, 'about_id')
