"""The app under real gunicorn (gunicorn.conf.py, tests/worker_app.py) on a database of its
own, with extra settings in its environment: for the tests of logs, metrics and shutdown."""

import contextlib

import pytest

from app.extensions import db
from tests.live import forget_keys, gunicorn, migrated_app, new_prefix


@contextlib.contextmanager
def built_database(build=None):
    """A fresh database at the migrations' head; `build()` arranges data in it. Yields its URL."""
    with migrated_app("ops") as (app, url):
        if build:
            with app.app_context():
                build()
                db.session.commit()
                db.session.remove()
        yield url


@contextlib.contextmanager
def gunicorn_with(redis_url: str, *options: str, env: dict[str, str] | None = None, build=None, stdout=None):
    """Yields the base URL; `build()` arranges data in the migrated database first. The app's
    log lines go to `stdout` (a file)."""
    prefix = new_prefix()
    with built_database(build) as url, pytest.MonkeyPatch.context() as patch:
        for name, value in (env or {}).items():
            patch.setenv(name, value)
        try:
            with gunicorn(url, redis_url, prefix, *options, stdout=stdout) as base:
                yield base
        finally:
            forget_keys(redis_url, prefix)
