"""fill check-in codes

Revision ID: e27v00000002
Revises: e27v00000001
Create Date: 2026-12-06 14:01:00

Data: the sign-ups made before check-in codes existed get one (unique in their activity),
after which every sign-up must have one.
"""
import secrets

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'e27v00000002'
down_revision = 'e27v00000001'
branch_labels = None
depends_on = None

# As app.core.codes has it (a migration does not import the app).
ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679"

sign_up = sa.table(
    'sign_up', sa.column('id', sa.Integer), sa.column('activity_id', sa.Integer), sa.column('checkin_code', sa.String)
)


def upgrade():
    connection = op.get_bind()
    taken = {}
    for activity_id, code in connection.execute(
        sa.select(sign_up.c.activity_id, sign_up.c.checkin_code).where(sign_up.c.checkin_code.is_not(None))
    ):
        taken.setdefault(activity_id, set()).add(code)
    rows = connection.execute(sa.select(sign_up.c.id, sign_up.c.activity_id).where(sign_up.c.checkin_code.is_(None)))
    for row_id, activity_id in rows.all():
        codes = taken.setdefault(activity_id, set())
        code = None
        while code is None or code in codes:
            code = "".join(secrets.choice(ALPHABET) for _ in range(6))
        codes.add(code)
        connection.execute(sa.update(sign_up).where(sign_up.c.id == row_id).values(checkin_code=code))
    op.alter_column('sign_up', 'checkin_code', existing_type=sa.String(length=6), nullable=False)


def downgrade():
    op.alter_column('sign_up', 'checkin_code', existing_type=sa.String(length=6), nullable=True)
