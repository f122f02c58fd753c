"""initial schema, for PostgreSQL

The history before it (19 revisions written for two databases) was squashed into this one
when the project moved to PostgreSQL alone, before any deployment existed. Beside the tables it makes
what the models cannot say: the ledger is append-only in the database itself (a trigger
refuses UPDATE, DELETE and TRUNCATE of its rows).

Revision ID: 0a1b2c3d4e5f
Revises: 
Create Date: 2026-12-06 01:40:56.551364

"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

# revision identifiers, used by Alembic.
revision = '0a1b2c3d4e5f'
down_revision = None
branch_labels = None
depends_on = None

APPEND_ONLY = "ledger_entry is append-only: add a correction instead"
LEDGER_UP = (
    f"""CREATE FUNCTION ledger_entry_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION '{APPEND_ONLY}'; END $$""",
    """CREATE TRIGGER ledger_entry_no_change BEFORE UPDATE OR DELETE ON ledger_entry
    FOR EACH ROW EXECUTE FUNCTION ledger_entry_append_only()""",
    """CREATE TRIGGER ledger_entry_no_truncate BEFORE TRUNCATE ON ledger_entry
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_entry_append_only()""",
)


def upgrade():
    op.create_table('municipality',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('name_key', sa.String(length=100), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_municipality')),
    sa.UniqueConstraint('name_key', name=op.f('uq_municipality_name_key'))
    )
    op.create_table('outbox_mail',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('recipient', sa.String(length=254), nullable=False),
    sa.Column('subject', sa.String(length=200), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('sent_at', sa.DateTime(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_outbox_mail'))
    )
    op.create_index(op.f('ix_outbox_mail_sent_at'), 'outbox_mail', ['sent_at'], unique=False)
    op.create_table('sent_reminder',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('subject_id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=40), nullable=False),
    sa.Column('sent_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sent_reminder')),
    sa.UniqueConstraint('kind', 'subject_id', 'key', name=op.f('uq_sent_reminder_kind'))
    )
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
    sa.Column('locally_edited', sa.Boolean(), server_default=sa.text('false'), nullable=False),
    sa.Column('fts_name', sa.Text(), server_default='', nullable=False),
    sa.Column('fts_head', sa.Text(), server_default='', nullable=False),
    sa.Column('fts_body', sa.Text(), server_default='', nullable=False),
    sa.Column('fts_parts', sa.Text(), server_default='', nullable=False),
    sa.Column('fts_vector', postgresql.TSVECTOR(), sa.Computed("setweight(to_tsvector('simple'::regconfig, fts_name), 'A'::\"char\") || setweight(to_tsvector('simple'::regconfig, fts_head), 'B'::\"char\") || setweight(to_tsvector('simple'::regconfig, fts_body), 'C'::\"char\") || setweight(to_tsvector('simple'::regconfig, fts_parts), 'D'::\"char\")", persisted=True), nullable=False),
    sa.Column('min_age', sa.Integer(), nullable=True),
    sa.Column('max_age', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("form IN ('interventiebeschrijving', 'methodebeschrijving', 'handreiking', 'praktijkvoorbeeld', 'programma', 'werkwijze')", name=op.f('ck_template_form_valid')),
    sa.CheckConstraint("recognition IN ('erkend_goed_beschreven', 'erkend_goed_onderbouwd', 'erkend_effectief', 'praktijkvoorbeeld', 'niet_beoordeeld')", name=op.f('ck_template_recognition_valid')),
    sa.CheckConstraint("status IN ('published', 'retired')", name=op.f('ck_template_status_valid')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_template')),
    sa.UniqueConstraint('slug', name=op.f('uq_template_slug'))
    )
    op.create_index('ix_template_fts', 'template', ['fts_vector'], unique=False, postgresql_using='gin')
    op.create_index(op.f('ix_template_status'), 'template', ['status'], unique=False)
    op.create_table('neighbourhood',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('municipality_id', sa.Integer(), nullable=False),
    sa.Column('cbs_code', sa.String(length=10), nullable=True),
    sa.Column('homes', sa.Integer(), nullable=True),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('name_key', sa.String(length=100), nullable=False),
    sa.CheckConstraint('homes IS NULL OR homes >= 0', name=op.f('ck_neighbourhood_homes_not_negative')),
    sa.ForeignKeyConstraint(['municipality_id'], ['municipality.id'], name=op.f('fk_neighbourhood_municipality_id_municipality')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_neighbourhood')),
    sa.UniqueConstraint('cbs_code', name=op.f('uq_neighbourhood_cbs_code')),
    sa.UniqueConstraint('municipality_id', 'name_key', name=op.f('uq_neighbourhood_municipality_id'))
    )
    op.create_index(op.f('ix_neighbourhood_municipality_id'), 'neighbourhood', ['municipality_id'], unique=False)
    op.create_index('ix_neighbourhood_name_key', 'neighbourhood', ['name_key'], unique=False, postgresql_ops={'name_key': 'text_pattern_ops'})
    op.create_table('template_facet',
    sa.Column('template_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('problem', 'group', 'location', 'direction', 'theme', name='facetkind', native_enum=False), nullable=False),
    sa.Column('key', sa.String(length=40), nullable=False),
    sa.CheckConstraint("kind IN ('problem', 'group', 'location', 'direction', 'theme')", name=op.f('ck_template_facet_kind_valid')),
    sa.ForeignKeyConstraint(['template_id'], ['template.id'], name=op.f('fk_template_facet_template_id_template'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('template_id', 'kind', 'key', name=op.f('pk_template_facet'))
    )
    op.create_index('ix_template_facet_kind_key', 'template_facet', ['kind', 'key'], unique=False)
    op.create_table('template_practice',
    sa.Column('template_id', sa.Integer(), nullable=False),
    sa.Column('teams', sa.Integer(), nullable=False),
    sa.Column('activities_done', sa.Integer(), nullable=False),
    sa.Column('participants', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['template_id'], ['template.id'], name=op.f('fk_template_practice_template_id_template'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('template_id', name=op.f('pk_template_practice'))
    )
    op.create_table('fund',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('neighbourhood_id', sa.Integer(), nullable=False),
    sa.Column('period_start', sa.Date(), nullable=False),
    sa.Column('period_end', sa.Date(), nullable=False),
    sa.Column('support_percent', sa.Integer(), nullable=False),
    sa.Column('max_per_voucher_cents', sa.BigInteger(), nullable=False),
    sa.Column('max_per_team_cents', sa.BigInteger(), nullable=False),
    sa.Column('min_team_size', sa.Integer(), nullable=False),
    sa.Column('categories', sa.JSON(), nullable=False),
    sa.Column('opens_on', sa.Date(), nullable=False),
    sa.Column('closes_on', sa.Date(), nullable=False),
    sa.Column('accountability_days', sa.Integer(), nullable=False),
    sa.Column('objection_days', sa.Integer(), nullable=False),
    sa.Column('quorum', sa.Integer(), nullable=False),
    sa.Column('decision_rule', sa.Enum('majority', 'unanimous', name='decisionrule', native_enum=False), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('name_key', sa.String(length=100), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("decision_rule IN ('majority', 'unanimous')", name=op.f('ck_fund_decision_rule_valid')),
    sa.CheckConstraint('max_per_voucher_cents > 0 AND max_per_team_cents >= max_per_voucher_cents', name=op.f('ck_fund_maxima_positive')),
    sa.CheckConstraint('min_team_size >= 1 AND quorum >= 1 AND accountability_days >= 1 AND objection_days >= 1', name=op.f('ck_fund_numbers_positive')),
    sa.CheckConstraint('period_end >= period_start AND closes_on >= opens_on', name=op.f('ck_fund_periods_in_order')),
    sa.CheckConstraint('support_percent BETWEEN 0 AND 50', name=op.f('ck_fund_support_percent_range')),
    sa.ForeignKeyConstraint(['neighbourhood_id'], ['neighbourhood.id'], name=op.f('fk_fund_neighbourhood_id_neighbourhood')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_fund')),
    sa.UniqueConstraint('neighbourhood_id', 'name_key', name=op.f('uq_fund_neighbourhood_id'))
    )
    op.create_index(op.f('ix_fund_neighbourhood_id'), 'fund', ['neighbourhood_id'], unique=False)
    op.create_table('outreach_area',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('neighbourhood_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('street', 'flat', 'other', name='areakind', native_enum=False), nullable=False),
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
    op.create_index(op.f('ix_outreach_area_neighbourhood_id'), 'outreach_area', ['neighbourhood_id'], unique=False)
    op.create_table('team',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('neighbourhood_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('buurtteam', 'junior', 'burennetwerk', 'bewonersgroep', name='teamkind', native_enum=False), nullable=False),
    sa.Column('area', sa.String(length=200), nullable=False),
    sa.Column('themes', sa.JSON(), nullable=False),
    sa.Column('question', sa.Text(), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('status', sa.Enum('starting', 'active', 'self_reliant', 'dormant', 'archived', name='teamstatus', native_enum=False), nullable=False),
    sa.Column('search_text', sa.Text(), nullable=False),
    sa.Column('last_activity_at', sa.DateTime(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('name_key', sa.String(length=100), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("kind IN ('buurtteam', 'junior', 'burennetwerk', 'bewonersgroep')", name=op.f('ck_team_kind_valid')),
    sa.CheckConstraint("status IN ('starting', 'active', 'self_reliant', 'dormant', 'archived')", name=op.f('ck_team_status_valid')),
    sa.ForeignKeyConstraint(['neighbourhood_id'], ['neighbourhood.id'], name=op.f('fk_team_neighbourhood_id_neighbourhood')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_team')),
    sa.UniqueConstraint('neighbourhood_id', 'name_key', name=op.f('uq_team_neighbourhood_id'))
    )
    op.create_index(op.f('ix_team_neighbourhood_id'), 'team', ['neighbourhood_id'], unique=False)
    op.create_index('ix_team_open_by_name', 'team', ['neighbourhood_id', 'name', 'id'], unique=False, postgresql_where=sa.text("status <> 'archived'"))
    op.create_index('ix_team_status_last_activity_at', 'team', ['status', 'last_activity_at'], unique=False)
    op.create_table('user',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('password_hash', sa.String(length=200), nullable=False),
    sa.Column('neighbourhood_id', sa.Integer(), nullable=True),
    sa.Column('birth_year', sa.Integer(), nullable=True),
    sa.Column('is_admin', sa.Boolean(), server_default=sa.text('false'), nullable=False),
    sa.Column('is_coordinator', sa.Boolean(), server_default=sa.text('false'), nullable=False),
    sa.Column('session_token', sa.String(length=64), nullable=False),
    sa.Column('password_changed_at', sa.DateTime(), nullable=True),
    sa.Column('email_confirmed_at', sa.DateTime(), nullable=True),
    sa.Column('deactivated_at', sa.DateTime(), nullable=True),
    sa.Column('deactivation_reason', sa.String(length=500), server_default='', nullable=False),
    sa.Column('last_seen_at', sa.DateTime(), nullable=True),
    sa.Column('inactivity_warned_at', sa.DateTime(), nullable=True),
    sa.Column('erased_at', sa.DateTime(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['neighbourhood_id'], ['neighbourhood.id'], name=op.f('fk_user_neighbourhood_id_neighbourhood')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_user')),
    sa.UniqueConstraint('email', name=op.f('uq_user_email'))
    )
    op.create_index('ix_user_name_id', 'user', ['name', 'id'], unique=False)
    op.create_index(op.f('ix_user_neighbourhood_id'), 'user', ['neighbourhood_id'], unique=False)
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
    sa.Column('is_public', sa.Boolean(), server_default=sa.text('false'), nullable=False),
    sa.Column('capacity', sa.Integer(), nullable=True),
    sa.Column('expected_participants', sa.Integer(), nullable=True),
    sa.Column('actual_participants', sa.Integer(), nullable=True),
    sa.Column('status', sa.Enum('idea', 'planned', 'done', 'evaluated', 'cancelled', name='activitystatus', native_enum=False), nullable=False),
    sa.Column('cancel_reason', sa.Text(), server_default='', nullable=False),
    sa.Column('sequence', sa.Integer(), server_default='0', nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=True),
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
    op.create_index('ix_activity_public_start', 'activity', ['is_public', 'starts_at'], unique=False)
    op.create_index(op.f('ix_activity_status'), 'activity', ['status'], unique=False)
    op.create_index(op.f('ix_activity_team_id'), 'activity', ['team_id'], unique=False)
    op.create_index(op.f('ix_activity_template_id'), 'activity', ['template_id'], unique=False)
    op.create_table('audit_entry',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('action', sa.String(length=60), nullable=False),
    sa.Column('object_type', sa.String(length=40), nullable=False),
    sa.Column('object_id', sa.Integer(), nullable=False),
    sa.Column('data', sa.JSON(), nullable=False),
    sa.Column('pseudonymised_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['actor_id'], ['user.id'], name=op.f('fk_audit_entry_actor_id_user'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_entry'))
    )
    op.create_index(op.f('ix_audit_entry_actor_id'), 'audit_entry', ['actor_id'], unique=False)
    op.create_index(op.f('ix_audit_entry_at'), 'audit_entry', ['at'], unique=False)
    op.create_index('ix_audit_entry_object', 'audit_entry', ['object_type', 'object_id'], unique=False)
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
    op.create_index('ix_coaching_note_team_happened', 'coaching_note', ['team_id', 'happened_on'], unique=False)
    op.create_table('invitation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('team_id', sa.Integer(), nullable=False),
    sa.Column('token', sa.String(length=64), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=False),
    sa.Column('expires_at', sa.DateTime(), nullable=False),
    sa.Column('revoked_at', sa.DateTime(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['user.id'], name=op.f('fk_invitation_created_by_id_user')),
    sa.ForeignKeyConstraint(['team_id'], ['team.id'], name=op.f('fk_invitation_team_id_team')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_invitation')),
    sa.UniqueConstraint('token', name=op.f('uq_invitation_token'))
    )
    op.create_index(op.f('ix_invitation_team_id'), 'invitation', ['team_id'], unique=False)
    op.create_table('membership',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('team_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('role', sa.Enum('trekker', 'member', 'supporter', name='memberrole', native_enum=False), nullable=False),
    sa.Column('state', sa.Enum('requested', 'active', name='membershipstate', native_enum=False), nullable=False),
    sa.Column('message', sa.Text(), nullable=False),
    sa.Column('entered_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("role IN ('trekker', 'member', 'supporter')", name=op.f('ck_membership_role_valid')),
    sa.CheckConstraint("state IN ('requested', 'active')", name=op.f('ck_membership_state_valid')),
    sa.ForeignKeyConstraint(['entered_by_id'], ['user.id'], name=op.f('fk_membership_entered_by_id_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['team_id'], ['team.id'], name=op.f('fk_membership_team_id_team')),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_membership_user_id_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_membership')),
    sa.UniqueConstraint('team_id', 'user_id', name=op.f('uq_membership_team_id'))
    )
    op.create_index(op.f('ix_membership_team_id'), 'membership', ['team_id'], unique=False)
    op.create_index(op.f('ix_membership_user_id'), 'membership', ['user_id'], unique=False)
    op.create_table('notification',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('kind', sa.String(length=60), nullable=False),
    sa.Column('data', sa.JSON(), nullable=False),
    sa.Column('link', sa.String(length=300), nullable=True),
    sa.Column('read_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_notification_user_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_notification'))
    )
    op.create_index(op.f('ix_notification_user_id'), 'notification', ['user_id'], unique=False)
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
    sa.CheckConstraint('conversations <= doors_visited', name=op.f('ck_outreach_record_conversations_at_doors')),
    sa.CheckConstraint('doors_visited >= 0 AND conversations >= 0 AND house_visits >= 0 AND meetings >= 0 AND attendance >= 0 AND willing_to_act >= 0', name=op.f('ck_outreach_record_figures_not_negative')),
    sa.CheckConstraint('meetings > 0 OR attendance = 0', name=op.f('ck_outreach_record_attendance_needs_meeting')),
    sa.ForeignKeyConstraint(['area_id'], ['outreach_area.id'], name=op.f('fk_outreach_record_area_id_outreach_area')),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['user.id'], name=op.f('fk_outreach_record_recorded_by_id_user'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_outreach_record'))
    )
    op.create_index('ix_outreach_record_area_id_visited_on', 'outreach_record', ['area_id', 'visited_on'], unique=False)
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
    op.create_index(op.f('ix_question_asked_by_id'), 'question', ['asked_by_id'], unique=False)
    op.create_index(op.f('ix_question_assigned_to_id'), 'question', ['assigned_to_id'], unique=False)
    op.create_index(op.f('ix_question_awaiting_answer_since'), 'question', ['awaiting_answer_since'], unique=False)
    op.create_index(op.f('ix_question_status'), 'question', ['status'], unique=False)
    op.create_index(op.f('ix_question_team_id'), 'question', ['team_id'], unique=False)
    op.create_table('regie_member',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('fund_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('role', sa.Enum('chair', 'deputy', 'member', name='regierole', native_enum=False), nullable=False),
    sa.Column('starts_on', sa.Date(), nullable=False),
    sa.Column('ends_on', sa.Date(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("role IN ('chair', 'deputy', 'member')", name=op.f('ck_regie_member_role_valid')),
    sa.CheckConstraint('ends_on >= starts_on', name=op.f('ck_regie_member_term_in_order')),
    sa.ForeignKeyConstraint(['fund_id'], ['fund.id'], name=op.f('fk_regie_member_fund_id_fund')),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_regie_member_user_id_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_regie_member')),
    sa.UniqueConstraint('fund_id', 'user_id', name=op.f('uq_regie_member_fund_id'))
    )
    op.create_index(op.f('ix_regie_member_user_id'), 'regie_member', ['user_id'], unique=False)
    op.create_index('uq_regie_member_one_chair', 'regie_member', ['fund_id'], unique=True, postgresql_where=sa.text("role = 'chair'"))
    op.create_index('uq_regie_member_one_deputy', 'regie_member', ['fund_id'], unique=True, postgresql_where=sa.text("role = 'deputy'"))
    op.create_table('signal_snooze',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('accountability_overdue', 'decision_pending', 'question_unanswered', 'no_trekker', 'below_minimum', 'no_support_contact', 'dormant', 'heading_dormant', name='signalkind', native_enum=False), nullable=False),
    sa.Column('team_id', sa.Integer(), nullable=False),
    sa.Column('subject_id', sa.Integer(), nullable=False),
    sa.Column('until', sa.Date(), nullable=False),
    sa.Column('reason', sa.String(length=500), nullable=False),
    sa.Column('snoozed_by_id', sa.Integer(), nullable=True),
    sa.Column('snoozed_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("kind IN ('accountability_overdue', 'decision_pending', 'question_unanswered', 'no_trekker', 'below_minimum', 'no_support_contact', 'dormant', 'heading_dormant')", name=op.f('ck_signal_snooze_kind_valid')),
    sa.ForeignKeyConstraint(['snoozed_by_id'], ['user.id'], name=op.f('fk_signal_snooze_snoozed_by_id_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['team_id'], ['team.id'], name=op.f('fk_signal_snooze_team_id_team'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_signal_snooze')),
    sa.UniqueConstraint('kind', 'team_id', 'subject_id', name=op.f('uq_signal_snooze_kind'))
    )
    op.create_index('ix_signal_snooze_until', 'signal_snooze', ['until'], unique=False)
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
    op.create_table('template_adoption',
    sa.Column('template_id', sa.Integer(), nullable=False),
    sa.Column('team_id', sa.Integer(), nullable=False),
    sa.Column('activities', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['team_id'], ['team.id'], name=op.f('fk_template_adoption_team_id_team'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['template_id'], ['template.id'], name=op.f('fk_template_adoption_template_id_template'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('template_id', 'team_id', name=op.f('pk_template_adoption'))
    )
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
    op.create_table('evaluation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('activity_id', sa.Integer(), nullable=False),
    sa.Column('new_contacts', sa.Integer(), nullable=False),
    sa.Column('went_well', sa.Text(), nullable=False),
    sa.Column('could_be_better', sa.Text(), nullable=False),
    sa.Column('story', sa.Text(), nullable=False),
    sa.Column('story_public', sa.Boolean(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('new_contacts >= 0', name=op.f('ck_evaluation_new_contacts_not_negative')),
    sa.ForeignKeyConstraint(['activity_id'], ['activity.id'], name=op.f('fk_evaluation_activity_id_activity'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_evaluation')),
    sa.UniqueConstraint('activity_id', name=op.f('uq_evaluation_activity_id'))
    )
    op.create_table('evaluation_reminder',
    sa.Column('activity_id', sa.Integer(), nullable=False),
    sa.Column('sent_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['activity_id'], ['activity.id'], name=op.f('fk_evaluation_reminder_activity_id_activity'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('activity_id', name=op.f('pk_evaluation_reminder'))
    )
    op.create_table('photo',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('activity_id', sa.Integer(), nullable=False),
    sa.Column('file_name', sa.String(length=50), nullable=False),
    sa.Column('consent', sa.Boolean(), nullable=False),
    sa.Column('uploaded_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['activity_id'], ['activity.id'], name=op.f('fk_photo_activity_id_activity'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['uploaded_by_id'], ['user.id'], name=op.f('fk_photo_uploaded_by_id_user'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_photo')),
    sa.UniqueConstraint('file_name', name=op.f('uq_photo_file_name'))
    )
    op.create_index(op.f('ix_photo_activity_id'), 'photo', ['activity_id'], unique=False)
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
    op.create_index(op.f('ix_question_message_author_id'), 'question_message', ['author_id'], unique=False)
    op.create_index(op.f('ix_question_message_question_id'), 'question_message', ['question_id'], unique=False)
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
    sa.Column('entered_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("status IN ('pending', 'confirmed', 'waitlisted', 'cancelled')", name=op.f('ck_sign_up_status_valid')),
    sa.ForeignKeyConstraint(['activity_id'], ['activity.id'], name=op.f('fk_sign_up_activity_id_activity'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['entered_by_id'], ['user.id'], name=op.f('fk_sign_up_entered_by_id_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_sign_up_user_id_user'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sign_up')),
    sa.UniqueConstraint('activity_id', 'email', name=op.f('uq_sign_up_activity_id')),
    sa.UniqueConstraint('token', name=op.f('uq_sign_up_token'))
    )
    op.create_index(op.f('ix_sign_up_activity_id'), 'sign_up', ['activity_id'], unique=False)
    op.create_index(op.f('ix_sign_up_user_id'), 'sign_up', ['user_id'], unique=False)
    op.create_table('voucher_request',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('fund_id', sa.Integer(), nullable=False),
    sa.Column('team_id', sa.Integer(), nullable=False),
    sa.Column('activity_id', sa.Integer(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('motivation', sa.Text(), nullable=False),
    sa.Column('status', sa.Enum('draft', 'submitted', 'in_review', 'awarded', 'partly_awarded', 'rejected', 'withdrawn', 'paid_out', 'accounted', 'settled', name='requeststatus', native_enum=False), nullable=False),
    sa.Column('requested_cents', sa.BigInteger(), nullable=False),
    sa.Column('awarded_cents', sa.BigInteger(), nullable=True),
    sa.Column('round', sa.Integer(), nullable=False),
    sa.Column('submitted_at', sa.DateTime(), nullable=True),
    sa.Column('decided_at', sa.DateTime(), nullable=True),
    sa.Column('objection', sa.Text(), nullable=False),
    sa.Column('objected_at', sa.DateTime(), nullable=True),
    sa.Column('paid_at', sa.DateTime(), nullable=True),
    sa.Column('accountability_due_on', sa.Date(), nullable=True),
    sa.Column('reminded_at', sa.DateTime(), nullable=True),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("status IN ('draft', 'submitted', 'in_review', 'awarded', 'partly_awarded', 'rejected', 'withdrawn', 'paid_out', 'accounted', 'settled')", name=op.f('ck_voucher_request_status_valid')),
    sa.CheckConstraint('requested_cents >= 0 AND (awarded_cents IS NULL OR awarded_cents >= 0)', name=op.f('ck_voucher_request_amounts_not_negative')),
    sa.CheckConstraint('round IN (1, 2)', name=op.f('ck_voucher_request_round_valid')),
    sa.ForeignKeyConstraint(['activity_id'], ['activity.id'], name=op.f('fk_voucher_request_activity_id_activity')),
    sa.ForeignKeyConstraint(['created_by_id'], ['user.id'], name=op.f('fk_voucher_request_created_by_id_user')),
    sa.ForeignKeyConstraint(['fund_id'], ['fund.id'], name=op.f('fk_voucher_request_fund_id_fund')),
    sa.ForeignKeyConstraint(['team_id'], ['team.id'], name=op.f('fk_voucher_request_team_id_team')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_voucher_request'))
    )
    op.create_index(op.f('ix_voucher_request_activity_id'), 'voucher_request', ['activity_id'], unique=False)
    op.create_index(op.f('ix_voucher_request_fund_id'), 'voucher_request', ['fund_id'], unique=False)
    op.create_index(op.f('ix_voucher_request_status'), 'voucher_request', ['status'], unique=False)
    op.create_index(op.f('ix_voucher_request_team_id'), 'voucher_request', ['team_id'], unique=False)
    op.create_table('accountability',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('request_id', sa.Integer(), nullable=False),
    sa.Column('report', sa.Text(), nullable=False),
    sa.Column('participants', sa.Integer(), nullable=True),
    sa.Column('status', sa.Enum('submitted', 'sent_back', 'approved', name='accountabilitystatus', native_enum=False), nullable=False),
    sa.Column('submitted_at', sa.DateTime(), nullable=False),
    sa.Column('submitted_by_id', sa.Integer(), nullable=True),
    sa.Column('review_comment', sa.Text(), nullable=False),
    sa.Column('reviewed_by_id', sa.Integer(), nullable=True),
    sa.Column('reviewed_at', sa.DateTime(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("status IN ('submitted', 'sent_back', 'approved')", name=op.f('ck_accountability_status_valid')),
    sa.CheckConstraint('participants IS NULL OR participants >= 0', name=op.f('ck_accountability_participants_not_negative')),
    sa.ForeignKeyConstraint(['request_id'], ['voucher_request.id'], name=op.f('fk_accountability_request_id_voucher_request'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['reviewed_by_id'], ['user.id'], name=op.f('fk_accountability_reviewed_by_id_user')),
    sa.ForeignKeyConstraint(['submitted_by_id'], ['user.id'], name=op.f('fk_accountability_submitted_by_id_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_accountability')),
    sa.UniqueConstraint('request_id', name=op.f('uq_accountability_request_id'))
    )
    op.create_table('assessment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('request_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('round', sa.Integer(), nullable=False),
    sa.Column('advice', sa.Enum('award', 'lower', 'reject', name='advice', native_enum=False), nullable=False),
    sa.Column('amount_cents', sa.BigInteger(), nullable=True),
    sa.Column('comment', sa.Text(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("(advice = 'lower' AND amount_cents > 0) OR (advice <> 'lower' AND amount_cents IS NULL)", name=op.f('ck_assessment_amount_fits_advice')),
    sa.CheckConstraint("advice IN ('award', 'lower', 'reject')", name=op.f('ck_assessment_advice_valid')),
    sa.ForeignKeyConstraint(['request_id'], ['voucher_request.id'], name=op.f('fk_assessment_request_id_voucher_request'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_assessment_user_id_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_assessment')),
    sa.UniqueConstraint('request_id', 'user_id', 'round', name=op.f('uq_assessment_request_id'))
    )
    op.create_index(op.f('ix_assessment_user_id'), 'assessment', ['user_id'], unique=False)
    op.create_table('decision',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('request_id', sa.Integer(), nullable=False),
    sa.Column('round', sa.Integer(), nullable=False),
    sa.Column('outcome', sa.Enum('awarded', 'partly_awarded', 'rejected', name='outcome', native_enum=False), nullable=False),
    sa.Column('amount_cents', sa.BigInteger(), nullable=False),
    sa.Column('motivation', sa.Text(), nullable=False),
    sa.Column('decided_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("outcome IN ('awarded', 'partly_awarded', 'rejected')", name=op.f('ck_decision_outcome_valid')),
    sa.CheckConstraint('amount_cents >= 0', name=op.f('ck_decision_amount_not_negative')),
    sa.ForeignKeyConstraint(['decided_by_id'], ['user.id'], name=op.f('fk_decision_decided_by_id_user')),
    sa.ForeignKeyConstraint(['request_id'], ['voucher_request.id'], name=op.f('fk_decision_request_id_voucher_request'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_decision')),
    sa.UniqueConstraint('request_id', 'round', name=op.f('uq_decision_request_id'))
    )
    op.create_table('ledger_entry',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('fund_id', sa.Integer(), nullable=False),
    sa.Column('request_id', sa.Integer(), nullable=True),
    sa.Column('kind', sa.Enum('deposit', 'support', 'reservation', 'release', 'payout', 'return', 'correction', name='entrykind', native_enum=False), nullable=False),
    sa.Column('amount_cents', sa.BigInteger(), nullable=False),
    sa.Column('corrects_id', sa.Integer(), nullable=True),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("(kind = 'correction' AND corrects_id IS NOT NULL AND amount_cents <> 0) OR (kind <> 'correction' AND corrects_id IS NULL AND amount_cents > 0)", name=op.f('ck_ledger_entry_amount_fits_kind')),
    sa.CheckConstraint("kind IN ('deposit', 'support', 'reservation', 'release', 'payout', 'return', 'correction')", name=op.f('ck_ledger_entry_kind_valid')),
    sa.ForeignKeyConstraint(['actor_id'], ['user.id'], name=op.f('fk_ledger_entry_actor_id_user')),
    sa.ForeignKeyConstraint(['corrects_id'], ['ledger_entry.id'], name=op.f('fk_ledger_entry_corrects_id_ledger_entry')),
    sa.ForeignKeyConstraint(['fund_id'], ['fund.id'], name=op.f('fk_ledger_entry_fund_id_fund')),
    sa.ForeignKeyConstraint(['request_id'], ['voucher_request.id'], name=op.f('fk_ledger_entry_request_id_voucher_request')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_ledger_entry'))
    )
    op.create_index(op.f('ix_ledger_entry_corrects_id'), 'ledger_entry', ['corrects_id'], unique=False)
    op.create_index('ix_ledger_entry_fund_id_id', 'ledger_entry', ['fund_id', 'id'], unique=False)
    op.create_index('ix_ledger_entry_fund_id_kind_amount', 'ledger_entry', ['fund_id', 'kind', 'amount_cents'], unique=False)
    op.create_index(op.f('ix_ledger_entry_request_id'), 'ledger_entry', ['request_id'], unique=False)
    for statement in LEDGER_UP:
        op.execute(statement)
    op.create_table('receipt',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('request_id', sa.Integer(), nullable=False),
    sa.Column('file_name', sa.String(length=50), nullable=False),
    sa.Column('title', sa.String(length=120), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('uploaded_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['request_id'], ['voucher_request.id'], name=op.f('fk_receipt_request_id_voucher_request'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['uploaded_by_id'], ['user.id'], name=op.f('fk_receipt_uploaded_by_id_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_receipt')),
    sa.UniqueConstraint('file_name', name=op.f('uq_receipt_file_name'))
    )
    op.create_index(op.f('ix_receipt_request_id'), 'receipt', ['request_id'], unique=False)
    op.create_table('voucher_line',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('request_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('category', sa.String(length=20), nullable=False),
    sa.Column('description', sa.String(length=200), nullable=False),
    sa.Column('amount_cents', sa.BigInteger(), nullable=False),
    sa.Column('actual_cents', sa.BigInteger(), nullable=True),
    sa.CheckConstraint('amount_cents > 0 AND (actual_cents IS NULL OR actual_cents >= 0)', name=op.f('ck_voucher_line_amounts_positive')),
    sa.ForeignKeyConstraint(['request_id'], ['voucher_request.id'], name=op.f('fk_voucher_line_request_id_voucher_request'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_voucher_line')),
    sa.UniqueConstraint('request_id', 'position', name=op.f('uq_voucher_line_request_id'))
    )


def downgrade():
    op.drop_table('voucher_line')
    op.drop_index(op.f('ix_receipt_request_id'), table_name='receipt')
    op.drop_table('receipt')
    op.drop_index(op.f('ix_ledger_entry_request_id'), table_name='ledger_entry')
    op.drop_index('ix_ledger_entry_fund_id_kind_amount', table_name='ledger_entry')
    op.drop_index('ix_ledger_entry_fund_id_id', table_name='ledger_entry')
    op.drop_index(op.f('ix_ledger_entry_corrects_id'), table_name='ledger_entry')
    op.drop_table('ledger_entry')  # and its triggers
    op.execute('DROP FUNCTION ledger_entry_append_only()')
    op.drop_table('decision')
    op.drop_index(op.f('ix_assessment_user_id'), table_name='assessment')
    op.drop_table('assessment')
    op.drop_table('accountability')
    op.drop_index(op.f('ix_voucher_request_team_id'), table_name='voucher_request')
    op.drop_index(op.f('ix_voucher_request_status'), table_name='voucher_request')
    op.drop_index(op.f('ix_voucher_request_fund_id'), table_name='voucher_request')
    op.drop_index(op.f('ix_voucher_request_activity_id'), table_name='voucher_request')
    op.drop_table('voucher_request')
    op.drop_index(op.f('ix_sign_up_user_id'), table_name='sign_up')
    op.drop_index(op.f('ix_sign_up_activity_id'), table_name='sign_up')
    op.drop_table('sign_up')
    op.drop_index(op.f('ix_question_message_question_id'), table_name='question_message')
    op.drop_index(op.f('ix_question_message_author_id'), table_name='question_message')
    op.drop_table('question_message')
    op.drop_index(op.f('ix_photo_activity_id'), table_name='photo')
    op.drop_table('photo')
    op.drop_table('evaluation_reminder')
    op.drop_table('evaluation')
    op.drop_table('checklist_item')
    op.drop_table('template_adoption')
    op.drop_table('team_support')
    op.drop_index('ix_signal_snooze_until', table_name='signal_snooze')
    op.drop_table('signal_snooze')
    op.drop_index('uq_regie_member_one_deputy', table_name='regie_member', postgresql_where=sa.text("role = 'deputy'"))
    op.drop_index('uq_regie_member_one_chair', table_name='regie_member', postgresql_where=sa.text("role = 'chair'"))
    op.drop_index(op.f('ix_regie_member_user_id'), table_name='regie_member')
    op.drop_table('regie_member')
    op.drop_index(op.f('ix_question_team_id'), table_name='question')
    op.drop_index(op.f('ix_question_status'), table_name='question')
    op.drop_index(op.f('ix_question_awaiting_answer_since'), table_name='question')
    op.drop_index(op.f('ix_question_assigned_to_id'), table_name='question')
    op.drop_index(op.f('ix_question_asked_by_id'), table_name='question')
    op.drop_table('question')
    op.drop_index('ix_outreach_record_area_id_visited_on', table_name='outreach_record')
    op.drop_table('outreach_record')
    op.drop_index(op.f('ix_notification_user_id'), table_name='notification')
    op.drop_table('notification')
    op.drop_index(op.f('ix_membership_user_id'), table_name='membership')
    op.drop_index(op.f('ix_membership_team_id'), table_name='membership')
    op.drop_table('membership')
    op.drop_index(op.f('ix_invitation_team_id'), table_name='invitation')
    op.drop_table('invitation')
    op.drop_index('ix_coaching_note_team_happened', table_name='coaching_note')
    op.drop_table('coaching_note')
    op.drop_index('ix_audit_entry_object', table_name='audit_entry')
    op.drop_index(op.f('ix_audit_entry_at'), table_name='audit_entry')
    op.drop_index(op.f('ix_audit_entry_actor_id'), table_name='audit_entry')
    op.drop_table('audit_entry')
    op.drop_index(op.f('ix_activity_template_id'), table_name='activity')
    op.drop_index(op.f('ix_activity_team_id'), table_name='activity')
    op.drop_index(op.f('ix_activity_status'), table_name='activity')
    op.drop_index('ix_activity_public_start', table_name='activity')
    op.drop_table('activity')
    op.drop_index(op.f('ix_user_neighbourhood_id'), table_name='user')
    op.drop_index('ix_user_name_id', table_name='user')
    op.drop_table('user')
    op.drop_index('ix_team_status_last_activity_at', table_name='team')
    op.drop_index('ix_team_open_by_name', table_name='team', postgresql_where=sa.text("status <> 'archived'"))
    op.drop_index(op.f('ix_team_neighbourhood_id'), table_name='team')
    op.drop_table('team')
    op.drop_index(op.f('ix_outreach_area_neighbourhood_id'), table_name='outreach_area')
    op.drop_table('outreach_area')
    op.drop_index(op.f('ix_fund_neighbourhood_id'), table_name='fund')
    op.drop_table('fund')
    op.drop_table('template_practice')
    op.drop_index('ix_template_facet_kind_key', table_name='template_facet')
    op.drop_table('template_facet')
    op.drop_index('ix_neighbourhood_name_key', table_name='neighbourhood', postgresql_ops={'name_key': 'text_pattern_ops'})
    op.drop_index(op.f('ix_neighbourhood_municipality_id'), table_name='neighbourhood')
    op.drop_table('neighbourhood')
    op.drop_index(op.f('ix_template_status'), table_name='template')
    op.drop_index('ix_template_fts', table_name='template', postgresql_using='gin')
    op.drop_table('template')
    op.drop_table('sent_reminder')
    op.drop_index(op.f('ix_outbox_mail_sent_at'), table_name='outbox_mail')
    op.drop_table('outbox_mail')
    op.drop_table('municipality')
