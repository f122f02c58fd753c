"""`flask uploads migrate`: the files of the disk folder into the bucket, each one read back and
compared (size and SHA-256) before the site is switched to UPLOAD_STORAGE=s3.

It copies only what the bucket lacks and never overwrites: an object that is there but
differs is reported for a person to look at (a wrong bucket, a half-finished earlier copy),
not silently replaced. Running it again is therefore safe, and checks everything again."""

import hashlib
from dataclasses import dataclass, field

from app.core.storage import Backend


@dataclass
class Migration:
    copied: int = 0
    present: int = 0  # already in the bucket, unchanged
    mismatched: list[str] = field(default_factory=list)  # kind/name

    @property
    def checked(self) -> int:
        return self.copied + self.present + len(self.mismatched)


def fingerprint(data: bytes | None) -> tuple[int, str] | None:
    """Size and SHA-256 of a file's content."""
    return None if data is None else (len(data), hashlib.sha256(data).hexdigest())


def migrate(source: Backend, target: Backend) -> Migration:
    """Copy every file of `source` that `target` lacks, then compare what `target` holds."""
    done = Migration()
    for kind, name in source.names():
        data = source.read(kind, name)
        if data is None:  # removed while the copy ran: its row went too
            continue
        found = target.read(kind, name)
        copied = found is None
        if copied:
            target.write(kind, name, data)
            found = target.read(kind, name)  # read back: the copy counts only once it is proven
        if fingerprint(found) != fingerprint(data):
            done.mismatched.append(f"{kind}/{name}")
        elif copied:
            done.copied += 1
        else:
            done.present += 1
    return done
