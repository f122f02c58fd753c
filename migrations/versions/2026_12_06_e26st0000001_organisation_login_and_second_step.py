"""organisation login and second step

Revision ID: e26st0000001
Revises: e26au0000001
Create Date: 2026-12-06 14:00:00

Staff log in with their organisation's account (OpenID Connect): an account keeps the
provider's issuer and subject. A second step (TOTP) keeps its encrypted secret, the time step
of the last code used and the hashes of the unused recovery codes. Accounts already there
have neither.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'e26st0000001'
down_revision = 'e26au0000001'
branch_labels = None
depends_on = None


def upgrade():
    op.add_column('user', sa.Column('oidc_issuer', sa.String(length=255), nullable=True))
    op.add_column('user', sa.Column('oidc_subject', sa.String(length=255), nullable=True))
    op.add_column('user', sa.Column('totp_secret', sa.String(length=300), nullable=True))
    op.add_column('user', sa.Column('totp_last_step', sa.BigInteger(), nullable=True))
    op.add_column('user', sa.Column('recovery_code_hashes', sa.JSON(), server_default='[]', nullable=False))
    op.create_unique_constraint('uq_user_oidc_issuer', 'user', ['oidc_issuer', 'oidc_subject'])


def downgrade():
    op.drop_constraint('uq_user_oidc_issuer', 'user', type_='unique')
    op.drop_column('user', 'recovery_code_hashes')
    op.drop_column('user', 'totp_last_step')
    op.drop_column('user', 'totp_secret')
    op.drop_column('user', 'oidc_subject')
    op.drop_column('user', 'oidc_issuer')
