"""SQLite as a real transactional database: foreign keys on, WAL for files, and the
driver's own transaction handling replaced by explicit BEGIN so that SAVEPOINTs
(and therefore rolled-back tests and nested service calls) work as on PostgreSQL."""

import sqlalchemy as sa
from flask import has_request_context, request
from sqlalchemy import event


def configure(engine: sa.Engine) -> None:
    if engine.dialect.name != "sqlite":
        return

    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None  # we emit BEGIN ourselves
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")
        # Writers queue for the one write lock; a burst of them (50 decisions at once) can
        # wait seconds, and giving up answers the resident with an error page.
        cursor.execute("PRAGMA busy_timeout = 30000")
        if engine.url.database not in (None, "", ":memory:"):
            cursor.execute("PRAGMA journal_mode = WAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def on_begin(connection):
        # A request that may write takes the write lock up front. With a plain (deferred)
        # BEGIN two such requests both read, then the second one's first write fails at
        # once with "database is locked" instead of waiting its turn (busy_timeout).
        writes = has_request_context() and request.method not in ("GET", "HEAD", "OPTIONS")
        connection.exec_driver_sql("BEGIN IMMEDIATE" if writes else "BEGIN")
