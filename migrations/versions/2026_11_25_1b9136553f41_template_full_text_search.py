"""template full-text search: stemmed documents, FTS5 on SQLite, a GIN index on PostgreSQL

The app fills the four fts_* columns (templates_library.fulltext); `flask seed templates`
fills them for templates that already exist. The database index follows the columns by
itself: on SQLite an FTS5 table with external content kept up to date by triggers, on
PostgreSQL a stored generated tsvector column (fts_vector) with a GIN index.

SQLite drops a table's triggers with the table: a later batch migration that recreates
`template` must create the six triggers again (the search tests on SQLite fail if not).

Revision ID: 1b9136553f41
Revises: e11a5ec0de11
Create Date: 2026-11-25 10:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '1b9136553f41'
down_revision = 'e11a5ec0de11'
branch_labels = None
depends_on = None

COLUMNS = ('fts_name', 'fts_head', 'fts_body', 'fts_parts')
# On SQLite two FTS5 tables: the whole text finds templates; name, summary and word parts
# alone rank them, so that a method described at length does not sink below a short one
# (BM25 divides by the length of the whole row).
FTS5_TABLES = {
    'template_fts': COLUMNS,
    'template_fts_head': ('fts_name', 'fts_head', 'fts_parts'),
}


def _sqlite_upgrade(table, columns):
    listed = ', '.join(columns)
    old = ', '.join(f'old.{column}' for column in columns)
    new = ', '.join(f'new.{column}' for column in columns)
    return (
        f"CREATE VIRTUAL TABLE {table} USING fts5({listed}, content='template', content_rowid='id')",
        f"""CREATE TRIGGER {table}_insert AFTER INSERT ON template BEGIN
            INSERT INTO {table} (rowid, {listed}) VALUES (new.id, {new});
        END""",
        f"""CREATE TRIGGER {table}_delete AFTER DELETE ON template BEGIN
            INSERT INTO {table} ({table}, rowid, {listed}) VALUES ('delete', old.id, {old});
        END""",
        f"""CREATE TRIGGER {table}_update AFTER UPDATE OF {listed} ON template BEGIN
            INSERT INTO {table} ({table}, rowid, {listed}) VALUES ('delete', old.id, {old});
            INSERT INTO {table} (rowid, {listed}) VALUES (new.id, {new});
        END""",
        f"INSERT INTO {table} ({table}) VALUES ('rebuild')",
    )


def _sqlite_downgrade(table):
    return (f'DROP TRIGGER {table}_update', f'DROP TRIGGER {table}_delete', f'DROP TRIGGER {table}_insert',
            f'DROP TABLE {table}')


# On PostgreSQL the weighted document is a stored generated column with a GIN index: the
# database keeps it up to date, and a search reads it instead of building it per row.
PG_VECTOR = (
    "setweight(to_tsvector('simple'::regconfig, fts_name), 'A') || "
    "setweight(to_tsvector('simple'::regconfig, fts_head), 'B') || "
    "setweight(to_tsvector('simple'::regconfig, fts_body), 'C') || "
    "setweight(to_tsvector('simple'::regconfig, fts_parts), 'D')"
)


def upgrade():
    with op.batch_alter_table('template', schema=None) as batch_op:
        for column in COLUMNS:
            batch_op.add_column(sa.Column(column, sa.Text(), server_default='', nullable=False))
        # The folded texts of the LIKE search that this replaces.
        batch_op.drop_column('search_head')
        batch_op.drop_column('search_text')
    if op.get_bind().dialect.name == 'sqlite':
        for table, columns in FTS5_TABLES.items():
            for statement in _sqlite_upgrade(table, columns):
                op.execute(statement)
    else:
        op.execute(f'ALTER TABLE template ADD COLUMN fts_vector tsvector GENERATED ALWAYS AS ({PG_VECTOR}) STORED')
        op.execute('CREATE INDEX ix_template_fts ON template USING gin (fts_vector)')


def downgrade():
    if op.get_bind().dialect.name == 'sqlite':
        for table in FTS5_TABLES:
            for statement in _sqlite_downgrade(table):
                op.execute(statement)
    else:
        op.execute('DROP INDEX ix_template_fts')
        op.execute('ALTER TABLE template DROP COLUMN fts_vector')
    with op.batch_alter_table('template', schema=None) as batch_op:
        for column in reversed(COLUMNS):
            batch_op.drop_column(column)
        # Empty until `flask seed templates` of the older code fills them again.
        batch_op.add_column(sa.Column('search_text', sa.Text(), server_default='', nullable=False))
        batch_op.add_column(sa.Column('search_head', sa.Text(), server_default='', nullable=False))
