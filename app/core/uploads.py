"""Uploaded files (photos, receipts) live in UPLOAD_FOLDER, outside static/, under random
names that say nothing and cannot be guessed; views serve them after checking access."""

import secrets
from pathlib import Path

from flask import current_app


def folder(kind: str) -> Path:
    path = Path(current_app.config["UPLOAD_FOLDER"]) / kind
    path.mkdir(parents=True, exist_ok=True)
    return path


def store(kind: str, data: bytes, extension: str) -> str:
    name = secrets.token_hex(16) + extension
    (folder(kind) / name).write_bytes(data)
    return name


def read(kind: str, file_name: str) -> bytes | None:
    """The stored file (a few MB at most), or None when it is gone."""
    try:
        return (folder(kind) / file_name).read_bytes()
    except FileNotFoundError:
        return None


def remove(kind: str, file_name: str) -> None:
    (folder(kind) / file_name).unlink(missing_ok=True)
