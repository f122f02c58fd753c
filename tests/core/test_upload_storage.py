"""Issue 25, item 6: `flask uploads migrate` copies the disk folder into the bucket and proves
every object by reading it back (size and SHA-256); the readiness check of either storage."""

import time

import pytest

from app.core import uploads
from app.core.storage import Disk, from_config
from tests.live import empty_bucket, s3_settings

PHOTO, RECEIPT = b"\x89PNG een foto", b"%PDF-1.4 een bon %%EOF"


@pytest.fixture
def site(app, s3_endpoint, tmp_path, monkeypatch):
    """A site still on disk, with two photos and a receipt, and an empty bucket beside it."""
    settings = s3_settings(s3_endpoint) | {"UPLOAD_STORAGE": "disk", "UPLOAD_FOLDER": str(tmp_path)}
    for name, value in settings.items():
        monkeypatch.setitem(app.config, name, value)
    disk = Disk(tmp_path)
    for kind, name, data in (
        ("photos", "a1.png", PHOTO),
        ("photos", "b2.png", PHOTO + b"2"),
        ("receipts", "c3.pdf", RECEIPT),
    ):
        disk.write(kind, name, data)
    yield disk, from_config(settings | {"UPLOAD_STORAGE": "s3"})
    empty_bucket(settings)


def migrate(app, expect_exit: int = 0) -> str:
    result = app.test_cli_runner().invoke(args=["uploads", "migrate"])
    assert result.exit_code == expect_exit, result.output
    return result.output


def test_every_file_goes_into_the_bucket_and_is_read_back(app, site):
    disk, bucket = site
    output = migrate(app)
    assert "3 file(s) checked: 3 copied, 0 already in the bucket" in output
    assert sorted(bucket.names()) == sorted(disk.names())
    assert all(bucket.read(kind, name) == disk.read(kind, name) for kind, name in disk.names())


def test_running_it_again_copies_only_what_is_new(app, site):
    disk, bucket = site
    migrate(app)
    disk.write("receipts", "d4.jpg", b"\xff\xd8 een foto van een bon")
    assert "4 file(s) checked: 1 copied, 3 already in the bucket" in migrate(app)
    assert "4 file(s) checked: 0 copied, 4 already in the bucket" in migrate(app)


def test_an_object_that_differs_from_its_file_is_reported_not_overwritten(app, site):
    disk, bucket = site
    migrate(app)
    bucket.write("photos", "b2.png", PHOTO + b"?")  # the same size, another content
    bucket.write("receipts", "c3.pdf", RECEIPT[:10])  # cut off
    output = migrate(app, expect_exit=1)
    assert "3 file(s) checked: 0 copied, 1 already in the bucket" in output
    assert "differs from the file on disk: photos/b2.png" in output
    assert "differs from the file on disk: receipts/c3.pdf" in output
    assert "2 object(s) differ" in output
    assert bucket.read("photos", "b2.png") == PHOTO + b"?"  # left for a person to look at

    bucket.delete("photos", "b2.png")
    bucket.delete("receipts", "c3.pdf")
    assert "3 file(s) checked: 2 copied, 1 already in the bucket" in migrate(app)


def test_without_a_bucket_it_says_what_to_set(app, site, monkeypatch):
    monkeypatch.setitem(app.config, "S3_BUCKET", "")
    assert "needs S3_BUCKET" in migrate(app, expect_exit=1)


def test_a_site_in_the_bucket_reads_the_migrated_files(app, site, ctx, monkeypatch):
    migrate(app)
    monkeypatch.setitem(app.config, "UPLOAD_STORAGE", "s3")
    assert uploads.read("receipts", "c3.pdf") == RECEIPT
    assert uploads.read("receipts", "nothing.pdf") is None


@pytest.mark.usefixtures("ctx")
def test_the_readiness_check_passes_on_either_storage(storage):
    uploads.check()


def test_the_readiness_check_fails_for_a_folder_that_cannot_be_written(app, ctx, tmp_path, monkeypatch):
    (tmp_path / "a-file").write_bytes(b"")
    monkeypatch.setitem(app.config, "UPLOAD_STORAGE", "disk")
    monkeypatch.setitem(app.config, "UPLOAD_FOLDER", str(tmp_path / "a-file" / "uploads"))
    with pytest.raises(OSError):
        uploads.check()


@pytest.mark.parametrize("broken", ["missing bucket", "no server"])
def test_the_readiness_check_fails_quickly_for_a_bucket_it_cannot_reach(app, ctx, site, monkeypatch, broken):
    monkeypatch.setitem(app.config, "UPLOAD_STORAGE", "s3")
    uploads.check()
    if broken == "missing bucket":
        monkeypatch.setitem(app.config, "S3_BUCKET", "buurtmakers-test-nobody-made-this")
    else:
        monkeypatch.setitem(app.config, "S3_ENDPOINT_URL", "http://127.0.0.1:9")  # discard: nothing listens
    started = time.monotonic()
    with pytest.raises(Exception):  # noqa: B017 - botocore's errors differ per failure; any one will do
        uploads.check()
    assert time.monotonic() - started < 1.5
