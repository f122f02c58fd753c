"""outreach areas and records

Revision ID: c0a100000003
Revises: c0a100000002
Create Date: 2026-12-05 05:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c0a100000003'
down_revision = 'c0a100000002'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('outreach_area',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('neighbourhood_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('street', 'flat', 'other', name='areakind', native_enum=False, create_constraint=False, length=6), nullable=False),
    sa.Column('homes', sa.Integer(), nullable=True),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('name_key', sa.String(length=100), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("kind IN ('street', 'flat', 'other')", name=op.f('ck_outreach_area_kind_valid')),
    sa.CheckConstraint('homes IS NULL OR homes BETWEEN 1 AND 100000', name=op.f('ck_outreach_area_homes_range')),
    sa.ForeignKeyConstraint(['neighbourhood_id'], ['neighbourhood.id'], name=op.f('fk_outreach_area_neighbourhood_id_neighbourhood')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_outreach_area')),
    sa.UniqueConstraint('neighbourhood_id', 'name_key', name=op.f('uq_outreach_area_neighbourhood_id'))
    )
    with op.batch_alter_table('outreach_area', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_outreach_area_neighbourhood_id'), ['neighbourhood_id'], unique=False)

    op.create_table('outreach_record',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('area_id', sa.Integer(), nullable=False),
    sa.Column('visited_on', sa.Date(), nullable=False),
    sa.Column('doors_visited', sa.Integer(), nullable=False),
    sa.Column('conversations', sa.Integer(), nullable=False),
    sa.Column('house_visits', sa.Integer(), nullable=False),
    sa.Column('meetings', sa.Integer(), nullable=False),
    sa.Column('attendance', sa.Integer(), nullable=False),
    sa.Column('willing_to_act', sa.Integer(), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('doors_visited >= 0 AND conversations >= 0 AND house_visits >= 0 AND meetings >= 0 AND attendance >= 0 AND willing_to_act >= 0', name=op.f('ck_outreach_record_figures_not_negative')),
    sa.CheckConstraint('conversations <= doors_visited', name=op.f('ck_outreach_record_conversations_at_doors')),
    sa.CheckConstraint('meetings > 0 OR attendance = 0', name=op.f('ck_outreach_record_attendance_needs_meeting')),
    sa.ForeignKeyConstraint(['area_id'], ['outreach_area.id'], name=op.f('fk_outreach_record_area_id_outreach_area')),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['user.id'], name=op.f('fk_outreach_record_recorded_by_id_user'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_outreach_record'))
    )
    with op.batch_alter_table('outreach_record', schema=None) as batch_op:
        batch_op.create_index('ix_outreach_record_area_id_visited_on', ['area_id', 'visited_on'], unique=False)


def downgrade():
    with op.batch_alter_table('outreach_record', schema=None) as batch_op:
        batch_op.drop_index('ix_outreach_record_area_id_visited_on')

    op.drop_table('outreach_record')
    with op.batch_alter_table('outreach_area', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_outreach_area_neighbourhood_id'))

    op.drop_table('outreach_area')
