"""SQLite as a real transactional database: foreign keys on, WAL for files, and the
driver's own transaction handling replaced by explicit BEGIN so that SAVEPOINTs
(and therefore rolled-back tests and nested service calls) work as on PostgreSQL."""

import sqlalchemy as sa
from sqlalchemy import event


def configure(engine: sa.Engine) -> None:
    if engine.dialect.name != "sqlite":
        return

    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None  # we emit BEGIN ourselves
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA busy_timeout = 5000")
        if engine.url.database not in (None, "", ":memory:"):
            cursor.execute("PRAGMA journal_mode = WAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def on_begin(connection):
        connection.exec_driver_sql("BEGIN")
