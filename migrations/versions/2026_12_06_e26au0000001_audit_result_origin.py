"""audit result and origin

Revision ID: e26au0000001
Revises: e24pc0000001
Create Date: 2026-12-06 14:00:00

Each audit entry says whether the action was done or refused, and where a security event
came from (the client address, moved out of the entry's details). Entries already there
were all done.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'e26au0000001'
down_revision = 'e24pc0000001'
branch_labels = None
depends_on = None


def upgrade():
    op.add_column('audit_entry', sa.Column('result', sa.String(length=10), server_default='done', nullable=False))
    op.add_column('audit_entry', sa.Column('origin', sa.String(length=45), nullable=True))
    op.execute(
        "UPDATE audit_entry SET origin = left(data ->> 'ip', 45), data = (data::jsonb - 'ip')::json"
        " WHERE data::jsonb ? 'ip'"
    )
    op.execute("UPDATE audit_entry SET result = 'refused' WHERE action LIKE '%%_failed'")


def downgrade():
    op.execute(
        "UPDATE audit_entry SET data = (data::jsonb || jsonb_build_object('ip', origin))::json WHERE origin IS NOT NULL"
    )
    op.drop_column('audit_entry', 'origin')
    op.drop_column('audit_entry', 'result')
