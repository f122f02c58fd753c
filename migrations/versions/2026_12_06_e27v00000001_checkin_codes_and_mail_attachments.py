"""check-in codes and mail attachments

Revision ID: e27v00000001
Revises: e26sc0000002
Create Date: 2026-12-06 14:00:00

Each sign-up gets a short check-in code, unique in its activity (nullable here: the next
revision gives the sign-ups already there one). A mail in the outbox can carry an HTML
version and attachments (the QR code of the check-in link, shown inline).
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'e27v00000001'
down_revision = 'e26sc0000002'
branch_labels = None
depends_on = None


def upgrade():
    op.add_column('sign_up', sa.Column('checkin_code', sa.String(length=6), nullable=True))
    op.create_unique_constraint('uq_sign_up_activity_id_checkin_code', 'sign_up', ['activity_id', 'checkin_code'])
    op.add_column('outbox_mail', sa.Column('html', sa.Text(), nullable=True))
    op.create_table(
        'outbox_attachment',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('mail_id', sa.Integer(), nullable=False),
        sa.Column('file_name', sa.String(length=100), nullable=False),
        sa.Column('mimetype', sa.String(length=100), nullable=False),
        sa.Column('content', sa.LargeBinary(), nullable=False),
        sa.Column('inline', sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ['mail_id'], ['outbox_mail.id'], name=op.f('fk_outbox_attachment_mail_id_outbox_mail'), ondelete='CASCADE'
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_outbox_attachment')),
    )
    op.create_index(op.f('ix_outbox_attachment_mail_id'), 'outbox_attachment', ['mail_id'], unique=False)


def downgrade():
    op.drop_index(op.f('ix_outbox_attachment_mail_id'), table_name='outbox_attachment')
    op.drop_table('outbox_attachment')
    op.drop_column('outbox_mail', 'html')
    op.drop_constraint('uq_sign_up_activity_id_checkin_code', 'sign_up', type_='unique')
    op.drop_column('sign_up', 'checkin_code')
