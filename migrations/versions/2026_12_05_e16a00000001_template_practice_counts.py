"""template practice counts

Revision ID: e16a00000001
Revises: c0a100000004
Create Date: 2026-12-05 08:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'e16a00000001'
down_revision = 'c0a100000004'
branch_labels = None
depends_on = None


# The figures as they stand, from the activities: the app keeps them from here on.
BACKFILL = (
    'INSERT INTO template_adoption (template_id, team_id, activities) '
    'SELECT template_id, team_id, count(*) FROM activity WHERE template_id IS NOT NULL '
    'GROUP BY template_id, team_id',
    'INSERT INTO template_practice (template_id, teams, activities_done, participants) '
    'SELECT template_id, count(DISTINCT team_id), '
    "count(*) FILTER (WHERE status IN ('done', 'evaluated')), "
    "coalesce(sum(actual_participants) FILTER (WHERE status IN ('done', 'evaluated')), 0) "
    'FROM activity WHERE template_id IS NOT NULL GROUP BY template_id',
)


def upgrade():
    op.create_table('template_adoption',
    sa.Column('template_id', sa.Integer(), nullable=False),
    sa.Column('team_id', sa.Integer(), nullable=False),
    sa.Column('activities', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['team_id'], ['team.id'], name=op.f('fk_template_adoption_team_id_team'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['template_id'], ['template.id'], name=op.f('fk_template_adoption_template_id_template'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('template_id', 'team_id', name=op.f('pk_template_adoption'))
    )
    op.create_table('template_practice',
    sa.Column('template_id', sa.Integer(), nullable=False),
    sa.Column('teams', sa.Integer(), nullable=False),
    sa.Column('activities_done', sa.Integer(), nullable=False),
    sa.Column('participants', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['template_id'], ['template.id'], name=op.f('fk_template_practice_template_id_template'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('template_id', name=op.f('pk_template_practice'))
    )
    for statement in BACKFILL:
        op.execute(statement)


def downgrade():
    op.drop_table('template_practice')
    op.drop_table('template_adoption')
