"""Uploaded files (photos, receipts) live in UPLOAD_FOLDER, outside static/, under random
names that say nothing and cannot be guessed; views serve them after checking access.

Files follow the rows that name them (core.transactions): a file written for a row whose
transaction rolls back is removed again, and a file is removed only after the transaction
that deleted its row has committed. A rollback therefore never leaves a row without its file,
and at worst a failure between the commit and the removal leaves a file without a row."""

import secrets
import tempfile
from pathlib import Path

from flask import current_app

from app.core.transactions import after_commit, on_rollback


def folder(kind: str) -> Path:
    path = Path(current_app.config["UPLOAD_FOLDER"]) / kind
    path.mkdir(parents=True, exist_ok=True)
    return path


def store(kind: str, data: bytes, extension: str) -> str:
    """Write the file under a new name, for a row added in the current transaction."""
    path = folder(kind) / (secrets.token_hex(16) + extension)
    path.write_bytes(data)
    on_rollback(lambda: path.unlink(missing_ok=True))
    return path.name


def read(kind: str, file_name: str) -> bytes | None:
    """The stored file (a few MB at most), or None when it is gone."""
    try:
        return (folder(kind) / file_name).read_bytes()
    except FileNotFoundError:
        return None


def remove(kind: str, file_name: str) -> None:
    """Remove the file once the transaction that deletes its row has committed."""
    path = folder(kind) / file_name
    after_commit(lambda: path.unlink(missing_ok=True))


def check() -> None:
    """Raise when uploads cannot be stored (the readiness probe): a file is written and removed
    for real, since a permission test says nothing when the process runs as root."""
    path = Path(current_app.config["UPLOAD_FOLDER"])
    path.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=path, prefix=".probe-"):
        pass
