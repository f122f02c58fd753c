"""names unique in their normalised form (constraints)

Revision ID: e11a5ec0de11
Revises: a11ce5500002
Create Date: 2026-11-25 03:52:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'e11a5ec0de11'
down_revision = 'a11ce5500002'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('municipality', schema=None) as batch_op:
        batch_op.alter_column('name_key', existing_type=sa.String(length=100), nullable=False)
        batch_op.drop_constraint('uq_municipality_name', type_='unique')
        batch_op.create_unique_constraint(batch_op.f('uq_municipality_name_key'), ['name_key'])

    with op.batch_alter_table('neighbourhood', schema=None) as batch_op:
        batch_op.alter_column('name_key', existing_type=sa.String(length=100), nullable=False)
        batch_op.drop_constraint('uq_neighbourhood_municipality_id', type_='unique')
        batch_op.create_unique_constraint(batch_op.f('uq_neighbourhood_municipality_id'), ['municipality_id', 'name_key'])

    with op.batch_alter_table('team', schema=None) as batch_op:
        batch_op.alter_column('name_key', existing_type=sa.String(length=100), nullable=False)
        batch_op.drop_constraint('uq_team_neighbourhood_id', type_='unique')
        batch_op.create_unique_constraint(batch_op.f('uq_team_neighbourhood_id'), ['neighbourhood_id', 'name_key'])


def downgrade():
    with op.batch_alter_table('team', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_team_neighbourhood_id'), type_='unique')
        batch_op.create_unique_constraint('uq_team_neighbourhood_id', ['neighbourhood_id', 'name'])
        batch_op.alter_column('name_key', existing_type=sa.String(length=100), nullable=True)

    with op.batch_alter_table('neighbourhood', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_neighbourhood_municipality_id'), type_='unique')
        batch_op.create_unique_constraint('uq_neighbourhood_municipality_id', ['municipality_id', 'name'])
        batch_op.alter_column('name_key', existing_type=sa.String(length=100), nullable=True)

    with op.batch_alter_table('municipality', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_municipality_name_key'), type_='unique')
        batch_op.create_unique_constraint('uq_municipality_name', ['name'])
        batch_op.alter_column('name_key', existing_type=sa.String(length=100), nullable=True)
