"""template library and activities

Revision ID: 19351fa89226
Revises: bcd6e3a239ee
Create Date: 2026-11-24 22:40:12.047913

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '19351fa89226'
down_revision = 'bcd6e3a239ee'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('template',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('slug', sa.String(length=100), nullable=False),
    sa.Column('name', sa.String(length=150), nullable=False),
    sa.Column('summary', sa.String(length=300), nullable=False),
    sa.Column('goal', sa.Text(), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('problems', sa.JSON(), nullable=False),
    sa.Column('target_groups', sa.JSON(), nullable=False),
    sa.Column('locations', sa.JSON(), nullable=False),
    sa.Column('steps', sa.JSON(), nullable=False),
    sa.Column('working_elements', sa.JSON(), nullable=False),
    sa.Column('executors', sa.Text(), nullable=False),
    sa.Column('recognition', sa.String(length=40), nullable=False),
    sa.Column('form', sa.String(length=40), nullable=False),
    sa.Column('solution_directions', sa.JSON(), nullable=False),
    sa.Column('themes', sa.JSON(), nullable=False),
    sa.Column('group_size', sa.String(length=200), nullable=False),
    sa.Column('duration', sa.String(length=200), nullable=False),
    sa.Column('evaluation', sa.Text(), nullable=False),
    sa.Column('links', sa.JSON(), nullable=False),
    sa.Column('sources', sa.JSON(), nullable=False),
    sa.Column('status', sa.Enum('published', 'retired', name='templatestatus', native_enum=False), nullable=False),
    sa.Column('seed_hash', sa.String(length=64), nullable=True),
    sa.Column('locally_edited', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('search_head', sa.Text(), nullable=False),
    sa.Column('search_text', sa.Text(), nullable=False),
    sa.Column('min_age', sa.Integer(), nullable=True),
    sa.Column('max_age', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("form IN ('interventiebeschrijving', 'methodebeschrijving', 'handreiking', 'praktijkvoorbeeld', 'programma', 'werkwijze')", name=op.f('ck_template_form_valid')),
    sa.CheckConstraint("recognition IN ('erkend_goed_beschreven', 'erkend_goed_onderbouwd', 'erkend_effectief', 'praktijkvoorbeeld', 'niet_beoordeeld')", name=op.f('ck_template_recognition_valid')),
    sa.CheckConstraint("status IN ('published', 'retired')", name=op.f('ck_template_status_valid')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_template')),
    sa.UniqueConstraint('slug', name=op.f('uq_template_slug'))
    )
    with op.batch_alter_table('template', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_template_status'), ['status'], unique=False)

    op.create_table('template_facet',
    sa.Column('template_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('problem', 'group', 'location', 'direction', 'theme', name='facetkind', native_enum=False), nullable=False),
    sa.Column('key', sa.String(length=40), nullable=False),
    sa.CheckConstraint("kind IN ('problem', 'group', 'location', 'direction', 'theme')", name=op.f('ck_template_facet_kind_valid')),
    sa.ForeignKeyConstraint(['template_id'], ['template.id'], name=op.f('fk_template_facet_template_id_template'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('template_id', 'kind', 'key', name=op.f('pk_template_facet'))
    )
    with op.batch_alter_table('template_facet', schema=None) as batch_op:
        batch_op.create_index('ix_template_facet_kind_key', ['kind', 'key'], unique=False)

    op.create_table('activity',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('team_id', sa.Integer(), nullable=False),
    sa.Column('template_id', sa.Integer(), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('title', sa.String(length=150), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('kind', sa.Enum('meeting', 'party', 'sports', 'clean_up', 'conversation', 'course', 'other', name='activitykind', native_enum=False), nullable=False),
    sa.Column('starts_at', sa.DateTime(), nullable=True),
    sa.Column('ends_at', sa.DateTime(), nullable=True),
    sa.Column('location', sa.String(length=200), nullable=False),
    sa.Column('is_public', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('capacity', sa.Integer(), nullable=True),
    sa.Column('expected_participants', sa.Integer(), nullable=True),
    sa.Column('actual_participants', sa.Integer(), nullable=True),
    sa.Column('status', sa.Enum('idea', 'planned', 'done', 'evaluated', 'cancelled', name='activitystatus', native_enum=False), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("kind IN ('meeting', 'party', 'sports', 'clean_up', 'conversation', 'course', 'other')", name=op.f('ck_activity_kind_valid')),
    sa.CheckConstraint("status IN ('idea', 'planned', 'done', 'evaluated', 'cancelled')", name=op.f('ck_activity_status_valid')),
    sa.CheckConstraint('(capacity IS NULL OR capacity >= 0) AND (expected_participants IS NULL OR expected_participants >= 0) AND (actual_participants IS NULL OR actual_participants >= 0)', name=op.f('ck_activity_counts_not_negative')),
    sa.CheckConstraint('ends_at IS NULL OR starts_at IS NULL OR ends_at >= starts_at', name=op.f('ck_activity_ends_after_start')),
    sa.ForeignKeyConstraint(['created_by_id'], ['user.id'], name=op.f('fk_activity_created_by_id_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['team_id'], ['team.id'], name=op.f('fk_activity_team_id_team')),
    sa.ForeignKeyConstraint(['template_id'], ['template.id'], name=op.f('fk_activity_template_id_template')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_activity'))
    )
    with op.batch_alter_table('activity', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_activity_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_activity_team_id'), ['team_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_activity_template_id'), ['template_id'], unique=False)

    op.create_table('checklist_item',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('activity_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('done_at', sa.DateTime(), nullable=True),
    sa.Column('done_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['activity_id'], ['activity.id'], name=op.f('fk_checklist_item_activity_id_activity'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['done_by_id'], ['user.id'], name=op.f('fk_checklist_item_done_by_id_user'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_checklist_item')),
    sa.UniqueConstraint('activity_id', 'position', name=op.f('uq_checklist_item_activity_id'))
    )


def downgrade():
    op.drop_table('checklist_item')
    with op.batch_alter_table('activity', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_activity_template_id'))
        batch_op.drop_index(batch_op.f('ix_activity_team_id'))
        batch_op.drop_index(batch_op.f('ix_activity_status'))

    op.drop_table('activity')
    with op.batch_alter_table('template_facet', schema=None) as batch_op:
        batch_op.drop_index('ix_template_facet_kind_key')

    op.drop_table('template_facet')
    with op.batch_alter_table('template', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_template_status'))

    op.drop_table('template')
