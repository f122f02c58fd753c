"""fill name keys; accounts made before activation links count as confirmed (data)

Revision ID: a11ce5500002
Revises: a11ce5500001
Create Date: 2026-11-25 03:51:00

"""
import unicodedata

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'a11ce5500002'
down_revision = 'a11ce5500001'
branch_labels = None
depends_on = None


def _name_key(name):
    # The same as app.core.text.name_key on the day of this migration (no app imports here).
    decomposed = unicodedata.normalize("NFKD", name or "")
    folded = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return " ".join(folded.split())


def upgrade():
    connection = op.get_bind()
    for name in ('municipality', 'neighbourhood', 'team'):
        table = sa.table(name, sa.column('id', sa.Integer), sa.column('name', sa.String), sa.column('name_key', sa.String))
        for id_, value in connection.execute(sa.select(table.c.id, table.c.name)).all():
            connection.execute(sa.update(table).where(table.c.id == id_).values(name_key=_name_key(value)))
    user = sa.table('user', sa.column('created_at', sa.DateTime), sa.column('email_confirmed_at', sa.DateTime))
    connection.execute(sa.update(user).values(email_confirmed_at=user.c.created_at))


def downgrade():
    pass  # the columns go in the revision before
