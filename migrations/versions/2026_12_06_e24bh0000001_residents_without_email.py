"""residents without e-mail

Revision ID: e24bh0000001
Revises: e23a00000001
Create Date: 2026-12-06 09:00:00

A coordinator registers a resident who has no e-mail address: the account and a resident's
sign-up may have none, and the registration keeps the contact and the consent.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'e24bh0000001'
down_revision = 'e23a00000001'
branch_labels = None
depends_on = None


def upgrade():
    op.alter_column('user', 'email', existing_type=sa.String(length=254), nullable=True)
    op.alter_column('sign_up', 'email', existing_type=sa.String(length=254), nullable=True)
    op.create_table('assisted_registration',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('contact', sa.String(length=200), nullable=False),
    sa.Column('consent_text', sa.Text(), nullable=False),
    sa.Column('consented_at', sa.DateTime(), nullable=False),
    sa.Column('registered_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['registered_by_id'], ['user.id'], name=op.f('fk_assisted_registration_registered_by_id_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_assisted_registration_user_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_assisted_registration')),
    sa.UniqueConstraint('user_id', name=op.f('uq_assisted_registration_user_id'))
    )


def downgrade():
    op.drop_table('assisted_registration')
    # The old schema wants an address: one that can never receive mail.
    op.execute("UPDATE sign_up SET email = 'zonder-email-' || id || '@invalid' WHERE email IS NULL")
    op.execute("UPDATE \"user\" SET email = 'zonder-email-' || id || '@invalid' WHERE email IS NULL")
    op.alter_column('sign_up', 'email', existing_type=sa.String(length=254), nullable=False)
    op.alter_column('user', 'email', existing_type=sa.String(length=254), nullable=False)
