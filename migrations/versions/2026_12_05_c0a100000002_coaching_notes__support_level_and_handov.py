"""coaching notes, support level and handover, entries made on a resident's behalf

Revision ID: c0a100000002
Revises: c0a100000001
Create Date: 2026-12-05 05:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c0a100000002'
down_revision = 'c0a100000001'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('coaching_note',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('team_id', sa.Integer(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('kind', sa.Enum('visit', 'meeting', 'call', 'support', 'other', name='notekind', native_enum=False), nullable=False),
    sa.Column('happened_on', sa.Date(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('edited_at', sa.DateTime(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("kind IN ('visit', 'meeting', 'call', 'support', 'other')", name=op.f('ck_coaching_note_kind_valid')),
    sa.ForeignKeyConstraint(['author_id'], ['user.id'], name=op.f('fk_coaching_note_author_id_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['team_id'], ['team.id'], name=op.f('fk_coaching_note_team_id_team'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_coaching_note'))
    )
    with op.batch_alter_table('coaching_note', schema=None) as batch_op:
        batch_op.create_index('ix_coaching_note_team_happened', ['team_id', 'happened_on'], unique=False)

    op.create_table('team_support',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('team_id', sa.Integer(), nullable=False),
    sa.Column('level', sa.Enum('intensive', 'light', 'on_call', name='supportlevel', native_enum=False), nullable=False),
    sa.Column('handed_over_on', sa.Date(), nullable=True),
    sa.Column('set_by_id', sa.Integer(), nullable=True),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("level IN ('intensive', 'light', 'on_call')", name=op.f('ck_team_support_level_valid')),
    sa.ForeignKeyConstraint(['set_by_id'], ['user.id'], name=op.f('fk_team_support_set_by_id_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['team_id'], ['team.id'], name=op.f('fk_team_support_team_id_team'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_team_support')),
    sa.UniqueConstraint('team_id', name=op.f('uq_team_support_team_id'))
    )

    # Who entered a join request or a sign-up for a resident who asked for it.
    for table in ('membership', 'sign_up'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column('entered_by_id', sa.Integer(), nullable=True))
            batch_op.create_foreign_key(
                batch_op.f(f'fk_{table}_entered_by_id_user'), 'user', ['entered_by_id'], ['id'], ondelete='SET NULL'
            )


def downgrade():
    for table in ('sign_up', 'membership'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_constraint(batch_op.f(f'fk_{table}_entered_by_id_user'), type_='foreignkey')
            batch_op.drop_column('entered_by_id')

    op.drop_table('team_support')
    with op.batch_alter_table('coaching_note', schema=None) as batch_op:
        batch_op.drop_index('ix_coaching_note_team_happened')

    op.drop_table('coaching_note')
