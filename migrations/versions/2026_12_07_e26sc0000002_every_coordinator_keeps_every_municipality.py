"""every coordinator keeps every municipality

Revision ID: e26sc0000002
Revises: e26sc0000001
Create Date: 2026-12-07 09:01:00

Coordinators saw every team before scopes existed: each coordinator there is gets each
municipality there is, so that nobody loses access on upgrade. An admin narrows it
afterwards. Going down forgets the scopes with the table (the revision before drops it).
"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "e26sc0000002"
down_revision = "e26sc0000001"
branch_labels = None
depends_on = None

user = sa.table("user", sa.column("id", sa.Integer), sa.column("is_coordinator", sa.Boolean))
municipality = sa.table("municipality", sa.column("id", sa.Integer))
coordinator_scope = sa.table(
    "coordinator_scope", sa.column("user_id", sa.Integer), sa.column("municipality_id", sa.Integer)
)

EVERY_PAIR = (
    sa.select(user.c.id, municipality.c.id)
    .select_from(user)
    .join(municipality, sa.true())
    .where(user.c.is_coordinator.is_(True))
)


def upgrade():
    op.execute(coordinator_scope.insert().from_select(["user_id", "municipality_id"], EVERY_PAIR))


def downgrade():
    pass
