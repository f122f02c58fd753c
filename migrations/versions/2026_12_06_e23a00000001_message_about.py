"""who a message is about

Revision ID: e23a00000001
Revises: e17b00000001
Create Date: 2026-12-06 09:00:00

A notification or mail that names another person ("Fenna wil meedoen") points at them, so
that erasing them takes their first name out of it too. Earlier rows point at nobody.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'e23a00000001'
down_revision = 'e17b00000001'
branch_labels = None
depends_on = None


def upgrade():
    for table in ('notification', 'outbox_mail'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column('about_id', sa.Integer(), nullable=True))
            batch_op.create_index(batch_op.f(f'ix_{table}_about_id'), ['about_id'], unique=False)
            batch_op.create_foreign_key(batch_op.f(f'fk_{table}_about_id_user'), 'user', ['about_id'], ['id'])


def downgrade():
    for table in ('outbox_mail', 'notification'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_constraint(batch_op.f(f'fk_{table}_about_id_user'), type_='foreignkey')
            batch_op.drop_index(batch_op.f(f'ix_{table}_about_id'))
            batch_op.drop_column('about_id')
