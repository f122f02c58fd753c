"""job runs

Revision ID: e25j00000001
Revises: e26st0000001
Create Date: 2026-12-07 09:00:00

The last successful run of each periodic job, for the metrics: the jobs may run on every
machine, and only the database knows which one did the work last.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'e25j00000001'
down_revision = 'e26st0000001'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'job_run',
        sa.Column('name', sa.String(length=60), nullable=False),
        sa.Column('last_success_at', sa.DateTime(), nullable=False),
        sa.Column('duration_ms', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('name', name=op.f('pk_job_run')),
    )


def downgrade():
    op.drop_table('job_run')
