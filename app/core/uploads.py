"""Uploaded files (photos, receipts) live in the upload storage (core.storage: UPLOAD_FOLDER
on disk, or an S3 bucket), never under static/, under random names that say nothing and
cannot be guessed.

They are served only by the views that check access, which read the file and send it
themselves (a few MB at most). Not a redirect to a presigned URL: the answer keeps the site's
own headers (CSP, nosniff, a PDF as a download, no-store for someone logged in, the ETag), the
bucket needs no address that browsers can reach, and no link that works without a login ever
leaves the site, not even for a few minutes in a browser's history or a forwarded mail.

Files follow the rows that name them (core.transactions), on either backend: a file written
for a row whose transaction rolls back is removed again, and a file is removed only after the
transaction that deleted its row has committed. A rollback therefore never leaves a row without
its file, and at worst a failure between the commit and the removal (or a bucket that cannot be
reached for a removal) leaves a file without a row."""

import secrets

from flask import current_app

from app.core.storage import Backend, from_config
from app.core.transactions import after_commit, on_rollback


def backend() -> Backend:
    return from_config(current_app.config)


def store(kind: str, data: bytes, extension: str) -> str:
    """Write the file under a new name, for a row added in the current transaction."""
    name, target = secrets.token_hex(16) + extension, backend()
    target.write(kind, name, data)
    on_rollback(lambda: target.delete(kind, name))
    return name


def read(kind: str, file_name: str) -> bytes | None:
    """The stored file (a few MB at most), or None when it is gone."""
    return backend().read(kind, file_name)


def remove(kind: str, file_name: str) -> None:
    """Remove the file once the transaction that deletes its row has committed."""
    target = backend()
    after_commit(lambda: target.delete(kind, file_name))


def check() -> None:
    """Raises unless the upload storage can be used (the readiness probe): the folder takes a
    file, or the bucket answers within half a second."""
    from_config(current_app.config, probe=True).check()
