"""Per-request caches of what the rules ask many times on a page (memberships, regie seats,
a coordinator's scope). They live in `g` and are dropped whenever what they hold may have
changed: the request's own writes (a flush), a commit or a rollback, a row lock (which reads
again what another request may have changed), and the end of the request, since a test or a
CLI command can hold one application context (and so one `g`) across several requests. No
service has to forget them by hand."""

import sqlalchemy as sa
from flask import g, has_app_context, has_request_context, request_tearing_down
from sqlalchemy import orm

KEY = "request_caches"


def request_cache(name: str) -> dict:
    """This request's cache called `name`; outside a request one that keeps nothing."""
    if not has_request_context():
        return {}
    return g.setdefault(KEY, {}).setdefault(name, {})


def forget_all(*_args, **_kwargs) -> None:
    if has_app_context():
        g.pop(KEY, None)


if not sa.event.contains(orm.Session, "after_commit", forget_all):
    for _event in ("after_flush", "after_commit", "after_soft_rollback"):
        sa.event.listen(orm.Session, _event, forget_all)
    request_tearing_down.connect(forget_all)
