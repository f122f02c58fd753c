"""name keys and team search texts without default-ignorable characters (data)

The fold (app.core.text.fold) now drops Unicode's Default_Ignorable_Code_Point set, so a
stored key that holds one of them (a name typed with a zero-width space) is folded again.
That is the old key with those characters taken out and its spaces closed up (none of them
is a space, none comes out of a fold of another character). A key that would then equal
one that already exists in its scope stays as it is: that row is an existing look-alike, and
the next save of its name meets the duplicate check. The rows skipped are logged.

Revision ID: e23lim000001
Revises: e17b00000001
Create Date: 2026-12-06 09:00:00

"""
import logging
import re

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'e23lim000001'
down_revision = 'e17b00000001'
branch_labels = None
depends_on = None

# As app.core.text.DEFAULT_IGNORABLE on the day of this migration (no app imports here).
DEFAULT_IGNORABLE = re.compile(
    "[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e"
    "\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufff8\U0001bca0-\U0001bca3"
    "\U0001d173-\U0001d17a\U000e0000-\U000e0fff]"
)
# Each table with a name key, and the columns its key is unique within.
KEYED = {
    'municipality': (),
    'neighbourhood': ('municipality_id',),
    'team': ('neighbourhood_id',),
    'fund': ('neighbourhood_id',),
    'outreach_area': ('neighbourhood_id',),
}
log = logging.getLogger('alembic.runtime.migration')


def _refold_keys(connection, name, scope):
    table = sa.table(name, sa.column('id', sa.Integer), sa.column('name_key', sa.String), *map(sa.column, scope))
    rows = connection.execute(sa.select(table.c.id, table.c.name_key, *(table.c[c] for c in scope))).all()
    taken = {(tuple(row[2:]), row.name_key) for row in rows}
    for row in sorted(rows, key=lambda row: row.id):
        key = " ".join(DEFAULT_IGNORABLE.sub("", row.name_key).split())
        if key == row.name_key:
            continue
        if (tuple(row[2:]), key) in taken:
            log.warning("%s %s keeps its name key %r: %r is taken", name, row.id, row.name_key, key)
            continue
        connection.execute(sa.update(table).where(table.c.id == row.id).values(name_key=key))
        taken.add((tuple(row[2:]), key))


def upgrade():
    connection = op.get_bind()
    for name, scope in KEYED.items():
        _refold_keys(connection, name, scope)
    team = sa.table('team', sa.column('id', sa.Integer), sa.column('search_text', sa.Text))
    for id_, text in connection.execute(sa.select(team.c.id, team.c.search_text)).all():
        if text and DEFAULT_IGNORABLE.search(text):
            connection.execute(sa.update(team).where(team.c.id == id_).values(search_text=DEFAULT_IGNORABLE.sub("", text)))


def downgrade():
    pass  # keys without these characters are valid under the earlier fold too
