"""helpdesk questions and their messages

Revision ID: c0a100000001
Revises: f0dd5e000001
Create Date: 2026-12-05 05:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c0a100000001'
down_revision = 'f0dd5e000001'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('question',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('team_id', sa.Integer(), nullable=False),
    sa.Column('asked_by_id', sa.Integer(), nullable=False),
    sa.Column('entered_by_id', sa.Integer(), nullable=True),
    sa.Column('subject', sa.String(length=200), nullable=False),
    sa.Column('status', sa.Enum('open', 'waiting', 'resolved', name='questionstatus', native_enum=False), nullable=False),
    sa.Column('assigned_to_id', sa.Integer(), nullable=True),
    sa.Column('awaiting_answer_since', sa.DateTime(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("awaiting_answer_since IS NULL OR status = 'open'", name=op.f('ck_question_awaiting_only_when_open')),
    sa.CheckConstraint("status IN ('open', 'waiting', 'resolved')", name=op.f('ck_question_status_valid')),
    sa.ForeignKeyConstraint(['asked_by_id'], ['user.id'], name=op.f('fk_question_asked_by_id_user')),
    sa.ForeignKeyConstraint(['assigned_to_id'], ['user.id'], name=op.f('fk_question_assigned_to_id_user')),
    sa.ForeignKeyConstraint(['entered_by_id'], ['user.id'], name=op.f('fk_question_entered_by_id_user')),
    sa.ForeignKeyConstraint(['team_id'], ['team.id'], name=op.f('fk_question_team_id_team')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_question'))
    )
    with op.batch_alter_table('question', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_question_asked_by_id'), ['asked_by_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_question_assigned_to_id'), ['assigned_to_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_question_awaiting_answer_since'), ['awaiting_answer_since'], unique=False)
        batch_op.create_index(batch_op.f('ix_question_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_question_team_id'), ['team_id'], unique=False)

    op.create_table('question_message',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('question_id', sa.Integer(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=False),
    sa.Column('entered_by_id', sa.Integer(), nullable=True),
    sa.Column('from_helpdesk', sa.Boolean(), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['user.id'], name=op.f('fk_question_message_author_id_user')),
    sa.ForeignKeyConstraint(['entered_by_id'], ['user.id'], name=op.f('fk_question_message_entered_by_id_user')),
    sa.ForeignKeyConstraint(['question_id'], ['question.id'], name=op.f('fk_question_message_question_id_question'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_question_message'))
    )
    with op.batch_alter_table('question_message', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_question_message_author_id'), ['author_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_question_message_question_id'), ['question_id'], unique=False)


def downgrade():
    with op.batch_alter_table('question_message', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_question_message_question_id'))
        batch_op.drop_index(batch_op.f('ix_question_message_author_id'))

    op.drop_table('question_message')
    with op.batch_alter_table('question', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_question_team_id'))
        batch_op.drop_index(batch_op.f('ix_question_status'))
        batch_op.drop_index(batch_op.f('ix_question_awaiting_answer_since'))
        batch_op.drop_index(batch_op.f('ix_question_assigned_to_id'))
        batch_op.drop_index(batch_op.f('ix_question_asked_by_id'))

    op.drop_table('question')
