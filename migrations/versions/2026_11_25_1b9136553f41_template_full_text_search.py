"""template full-text search: stemmed documents, FTS5 on SQLite, a GIN index on PostgreSQL

The app fills the four fts_* columns (templates_library.fulltext); `flask seed templates`
fills them for templates that already exist. The database index follows the columns by
itself: on SQLite an FTS5 table with external content kept up to date by triggers, on
PostgreSQL an expression index over the weighted tsvector that the search query uses.

SQLite drops a table's triggers with the table: a later batch migration that recreates
`template` must create the three triggers again (the search tests on SQLite fail if not).

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
OLD = ', '.join(f'old.{column}' for column in COLUMNS)
NEW = ', '.join(f'new.{column}' for column in COLUMNS)
SQLITE_UPGRADE = (
    f"CREATE VIRTUAL TABLE template_fts USING fts5({', '.join(COLUMNS)}, content='template', content_rowid='id')",
    f"""CREATE TRIGGER template_fts_insert AFTER INSERT ON template BEGIN
        INSERT INTO template_fts (rowid, {', '.join(COLUMNS)}) VALUES (new.id, {NEW});
    END""",
    f"""CREATE TRIGGER template_fts_delete AFTER DELETE ON template BEGIN
        INSERT INTO template_fts (template_fts, rowid, {', '.join(COLUMNS)}) VALUES ('delete', old.id, {OLD});
    END""",
    f"""CREATE TRIGGER template_fts_update AFTER UPDATE OF {', '.join(COLUMNS)} ON template BEGIN
        INSERT INTO template_fts (template_fts, rowid, {', '.join(COLUMNS)}) VALUES ('delete', old.id, {OLD});
        INSERT INTO template_fts (rowid, {', '.join(COLUMNS)}) VALUES (new.id, {NEW});
    END""",
    "INSERT INTO template_fts (template_fts) VALUES ('rebuild')",
)
SQLITE_DOWNGRADE = (
    'DROP TRIGGER template_fts_update',
    'DROP TRIGGER template_fts_delete',
    'DROP TRIGGER template_fts_insert',
    'DROP TABLE template_fts',
)
# The same text as fulltext.PG_VECTOR in the app, so that the search query uses the index.
PG_VECTOR = (
    "setweight(to_tsvector('simple'::regconfig, template.fts_name), 'A') || "
    "setweight(to_tsvector('simple'::regconfig, template.fts_head), 'B') || "
    "setweight(to_tsvector('simple'::regconfig, template.fts_body), 'C') || "
    "setweight(to_tsvector('simple'::regconfig, template.fts_parts), 'D')"
)


def upgrade():
    with op.batch_alter_table('template', schema=None) as batch_op:
        for column in COLUMNS:
            batch_op.add_column(sa.Column(column, sa.Text(), server_default='', nullable=False))
    if op.get_bind().dialect.name == 'sqlite':
        for statement in SQLITE_UPGRADE:
            op.execute(statement)
    else:
        op.execute(f'CREATE INDEX ix_template_fts ON template USING gin (({PG_VECTOR}))')


def downgrade():
    if op.get_bind().dialect.name == 'sqlite':
        for statement in SQLITE_DOWNGRADE:
            op.execute(statement)
    else:
        op.execute('DROP INDEX ix_template_fts')
    with op.batch_alter_table('template', schema=None) as batch_op:
        for column in reversed(COLUMNS):
            batch_op.drop_column(column)
