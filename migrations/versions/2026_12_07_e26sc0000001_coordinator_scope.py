"""coordinator scope

Revision ID: e26sc0000001
Revises: e25j00000001
Create Date: 2026-12-07 09:00:00

A coordinator works within the municipalities an admin gives them (issue 26). The table is
made here; the next revision gives every coordinator there is every municipality there is.
"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "e26sc0000001"
down_revision = "e25j00000001"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "coordinator_scope",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("municipality_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["municipality_id"],
            ["municipality.id"],
            name=op.f("fk_coordinator_scope_municipality_id_municipality"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["user.id"], name=op.f("fk_coordinator_scope_user_id_user"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("user_id", "municipality_id", name=op.f("pk_coordinator_scope")),
    )
    op.create_index(
        op.f("ix_coordinator_scope_municipality_id"), "coordinator_scope", ["municipality_id"], unique=False
    )


def downgrade():
    op.drop_index(op.f("ix_coordinator_scope_municipality_id"), table_name="coordinator_scope")
    op.drop_table("coordinator_scope")
