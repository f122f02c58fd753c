"""Where uploaded files live: a folder on disk (UPLOAD_FOLDER, the default) or an
S3-compatible bucket (UPLOAD_STORAGE=s3: MinIO, Ceph, a municipality's object store), behind
one small interface. A file is addressed by its kind ("photos", "receipts") and its name; on
disk that is `<folder>/<kind>/<name>`, in the bucket the key `<kind>/<name>`, so a folder
copied into a bucket (`flask uploads migrate`) keeps every name.

What follows the transaction (written for a row, removed after its commit) is core.uploads's
work; the backends only write, read and delete."""

import functools
import os
import tempfile
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Protocol

# A request waits at most about this long for the bucket, retries included; the readiness
# probe gets one short try, as the probe itself must answer within a second.
CONNECT_SECONDS, READ_SECONDS, ATTEMPTS = 2, 10, 3
PROBE_SECONDS = 0.5


class Backend(Protocol):
    def write(self, kind: str, name: str, data: bytes) -> None: ...

    def read(self, kind: str, name: str) -> bytes | None: ...

    def delete(self, kind: str, name: str) -> None: ...

    def names(self, kind: str = "") -> Iterator[tuple[str, str]]: ...

    def check(self) -> None: ...


class Disk:
    def __init__(self, folder: str | Path):
        self.root = Path(folder)

    def write(self, kind: str, name: str, data: bytes) -> None:
        (self.root / kind).mkdir(parents=True, exist_ok=True)
        (self.root / kind / name).write_bytes(data)

    def read(self, kind: str, name: str) -> bytes | None:
        try:
            return (self.root / kind / name).read_bytes()
        except FileNotFoundError:
            return None

    def delete(self, kind: str, name: str) -> None:
        (self.root / kind / name).unlink(missing_ok=True)

    def names(self, kind: str = "") -> Iterator[tuple[str, str]]:
        """(kind, name) of every file, in a stable order."""
        for path in sorted((self.root / kind).rglob("*")):
            if path.is_file():
                yield path.parent.relative_to(self.root).as_posix(), path.name

    def check(self) -> None:
        """Raises (OSError) unless a file can be written in the folder; as root, permission
        bits alone say nothing, so it really writes one."""
        self.root.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=self.root, prefix=".check-"):
            pass


class S3:
    def __init__(self, config: Mapping, probe: bool = False):
        if not config.get("S3_BUCKET"):
            raise RuntimeError("UPLOAD_STORAGE=s3 needs S3_BUCKET (and S3_ENDPOINT_URL for a store other than AWS)")
        self.bucket = config["S3_BUCKET"]
        self.client = _client(
            config.get("S3_ENDPOINT_URL") or None,
            config.get("S3_REGION") or None,
            config.get("S3_ACCESS_KEY_ID") or None,
            config.get("S3_SECRET_ACCESS_KEY") or None,
            probe,
            os.getpid(),
        )

    def write(self, kind: str, name: str, data: bytes) -> None:
        self.client.put_object(Bucket=self.bucket, Key=f"{kind}/{name}", Body=data)

    def read(self, kind: str, name: str) -> bytes | None:
        try:
            answer = self.client.get_object(Bucket=self.bucket, Key=f"{kind}/{name}")
        except self.client.exceptions.NoSuchKey:
            return None
        with answer["Body"] as body:
            return body.read()

    def delete(self, kind: str, name: str) -> None:
        self.client.delete_object(Bucket=self.bucket, Key=f"{kind}/{name}")  # a missing key is no error

    def names(self, kind: str = "") -> Iterator[tuple[str, str]]:
        pages = self.client.get_paginator("list_objects_v2").paginate(
            Bucket=self.bucket, Prefix=f"{kind}/" if kind else ""
        )
        for page in pages:
            for item in page.get("Contents", ()):
                found_kind, _, name = item["Key"].rpartition("/")
                yield found_kind, name

    def check(self) -> None:
        """Raises unless the bucket answers (and these credentials may use it)."""
        self.client.head_bucket(Bucket=self.bucket)


def from_config(config: Mapping, probe: bool = False) -> Backend:
    storage = config.get("UPLOAD_STORAGE", "disk")
    if storage == "s3":
        return S3(config, probe)
    if storage == "disk":
        return Disk(config["UPLOAD_FOLDER"])
    raise RuntimeError(f"UPLOAD_STORAGE must be disk or s3, not {storage!r}")


@functools.cache
def _client(endpoint: str | None, region: str | None, key_id: str | None, secret: str | None, probe: bool, pid: int):
    """One client per process (and per settings): it holds a pool of connections, which a
    forked worker must not share with its parent, hence the process id in the key. Without a
    key id boto3 finds credentials itself (AWS_* variables, a Kubernetes service account)."""
    import boto3
    from botocore.config import Config

    seconds = PROBE_SECONDS if probe else None
    settings = Config(
        connect_timeout=seconds or CONNECT_SECONDS,
        read_timeout=seconds or READ_SECONDS,
        retries={"max_attempts": 1 if probe else ATTEMPTS, "mode": "standard"},
        # An endpoint of its own (MinIO, Ceph) often has no wildcard DNS for bucket names.
        s3={"addressing_style": "path" if endpoint else "auto"},
    )
    return boto3.session.Session().client(
        "s3",
        endpoint_url=endpoint,
        region_name=region,
        aws_access_key_id=key_id,
        aws_secret_access_key=secret,
        config=settings,
    )
