"""sign-ups for public activities

Revision ID: 5160a5000001
Revises: ac71v17e5001
Create Date: 2026-11-25 04:10:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '5160a5000001'
down_revision = 'ac71v17e5001'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('sign_up',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('activity_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('status', sa.Enum('pending', 'confirmed', 'waitlisted', 'cancelled', name='signupstatus', native_enum=False), nullable=False),
    sa.Column('token', sa.String(length=64), nullable=False),
    sa.Column('queued_at', sa.DateTime(), nullable=True),
    sa.Column('checked_in_at', sa.DateTime(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("status IN ('pending', 'confirmed', 'waitlisted', 'cancelled')", name=op.f('ck_sign_up_status_valid')),
    sa.ForeignKeyConstraint(['activity_id'], ['activity.id'], name=op.f('fk_sign_up_activity_id_activity'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_sign_up_user_id_user'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sign_up')),
    sa.UniqueConstraint('activity_id', 'email', name=op.f('uq_sign_up_activity_id')),
    sa.UniqueConstraint('token', name=op.f('uq_sign_up_token'))
    )
    with op.batch_alter_table('sign_up', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sign_up_activity_id'), ['activity_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_sign_up_user_id'), ['user_id'], unique=False)


def downgrade():
    with op.batch_alter_table('sign_up', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sign_up_user_id'))
        batch_op.drop_index(batch_op.f('ix_sign_up_activity_id'))

    op.drop_table('sign_up')
