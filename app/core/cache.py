"""Public pages that are the same for every anonymous visitor, cached whole in the shared
store (Redis when several processes serve) and answered with 304 when the browser's copy is
still current.

Invalidation is by tag, never by timeout alone: every row the ORM writes bumps the version
of its table's tag (and of the finer tags its model names in `cache_tags()`), and a cached
page is stored under the versions of the tags it declares. An edit therefore changes the key
of every page that shows it; the old entry is simply never read again and expires. Tags are
bumped when a flush writes (so a request rendering in the meantime cannot keep the old page
under the new version) and again after commit and rollback (so a page rendered from data
that was not yet committed is not kept either).

A page's HTML carries the CSRF token of the session that rendered it; a visitor served from
the cache gets their own token in its place."""

import hashlib
from collections.abc import Callable, Iterable
from functools import wraps
from typing import TypeVar

import sqlalchemy as sa
from flask import Flask, g, get_flashed_messages, make_response, request, session
from flask_babel import get_locale
from flask_login import current_user
from flask_wtf.csrf import generate_csrf
from sqlalchemy import orm

from app.extensions import cache

PENDING = "cache_tags"
T = TypeVar("T")


def tags_of(obj) -> set[str]:
    """The tags a written row bumps: its table, the row itself ("team:5") and every row it
    refers to ("team:5" for its memberships and activities, "neighbourhood:2" for the team),
    old references included, so a page can name the rows it shows. A change only to columns
    no page shows (`cache_quiet` on the model) bumps nothing."""
    state = sa.inspect(obj)
    changed = {attr.key for attr in state.attrs if attr.history.has_changes()}
    if state.persistent and changed and changed <= getattr(obj, "cache_quiet", frozenset()):
        return set()
    table = obj.__table__
    tags = {table.name, *(f"{table.name}:{value}" for value in state.identity or ())}
    for fk in table.foreign_keys:
        history = state.attrs[state.mapper.get_property_by_column(fk.parent).key].history
        for value in (*history.sum(), *history.deleted):
            if value is not None:
                tags.add(f"{fk.column.table.name}:{value}")
    return tags


def bump(tags: Iterable[str]) -> None:
    for tag in tags:
        if cache.cache.inc(f"tag:{tag}") is None:  # a store that cannot count (NullCache)
            return


def _collect(session: orm.Session, flush_context) -> None:
    written = {tag for obj in (*session.new, *session.dirty, *session.deleted) for tag in tags_of(obj)}
    if written:
        session.info.setdefault(PENDING, set()).update(written)
        bump(written)


def _bulk(execute_state: orm.ORMExecuteState) -> None:
    """INSERT, UPDATE or DELETE statements write rows the session never sees. Inserted
    rows are known from their values; for an UPDATE or DELETE the rows are not, so it bumps
    "<table>:*", which pages name for the tables their row tags come from."""
    if not (execute_state.is_insert or execute_state.is_update or execute_state.is_delete):
        return
    table = execute_state.statement.table  # a mapped class's or a plain Table's
    rows = execute_state.parameters if execute_state.is_insert else None
    if isinstance(rows, dict):
        rows = [rows]
    if rows:
        tags = {table.name}
        for fk in table.foreign_keys:
            tags.update(f"{fk.column.table.name}:{row[fk.parent.key]}" for row in rows if row.get(fk.parent.key))
    else:
        tags = {table.name, f"{table.name}:*"}
    execute_state.session.info.setdefault(PENDING, set()).update(tags)
    bump(tags)


def _settle(session: orm.Session, *_args) -> None:
    bump(session.info.pop(PENDING, ()))


def public_page(tags: Callable[..., Iterable[str]]):
    """Cache the view's page for anonymous visitors; `tags(**view_args)` names what it shows
    (table names, or finer tags models declare in `cache_tags()`)."""

    def decorate(view):
        @wraps(view)
        def wrapper(**view_args):
            if current_user.is_authenticated or "_flashes" in session:
                return view(**view_args)
            query = "&".join(f"{k}={v}" for k, v in sorted(request.args.items(multi=True)))
            page = f"page:{_digest(f'{get_locale()}|{request.path}?{query}')}"
            # One round trip: the versions of what the page shows, and the page as last stored
            # under the versions it was rendered with.
            keys = [f"tag:{tag}" for tag in sorted(tags(**view_args))]
            *versions, stored = cache.cache.get_many(*keys, page)
            etag = _digest(f"{page}|{','.join(str(version or 0) for version in versions)}")
            if etag in request.if_none_match:
                response = make_response("", 304)
            elif stored is not None and stored[0] == etag:
                _etag, body, rendered_with, mimetype = stored
                if rendered_with:
                    body = body.replace(rendered_with, generate_csrf())
                response = make_response(body)
                response.mimetype = mimetype
            else:
                response = _render(page, etag, view, view_args)
            response.set_etag(etag)
            # The browser may keep it but must ask each time; a shared proxy must not keep it,
            # as the page holds this visitor's CSRF token.
            response.headers["Cache-Control"] = "private, no-cache"
            response.vary.add("Cookie")
            return response

        return wrapper

    return decorate


def remembered(name: str, tags: Iterable[str], compute: Callable[[], T], timeout: int | None = None) -> T:
    """A value computed from the database (picklable), kept under the versions of the tags of
    what it reads, in the same round trip as those versions: computed again only after one of
    them changed, or after `timeout` seconds for what time changes by itself."""
    keys, name = [f"tag:{tag}" for tag in sorted(tags)], f"data:{_digest(name)}"
    *versions, stored = cache.cache.get_many(*keys, name)
    version = ",".join(str(each or 0) for each in versions)
    if stored is not None and stored[0] == version:
        return stored[1]
    value = compute()
    cache.set(name, (version, value), timeout=timeout)
    return value


def _digest(text: str) -> str:
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


def _render(page: str, etag: str, view, view_args):
    response = make_response(view(**view_args))
    # A flash set while rendering belongs to this visitor only, and so does a redirect.
    if response.status_code == 200 and not get_flashed_messages(with_categories=False):
        # The CSRF token the page was rendered with, if it has a form (a JSON answer has none).
        token = g.get("csrf_token", "")
        cache.set(page, (etag, response.get_data(as_text=True), token, response.mimetype))
    return response


def init_cache(app: Flask) -> None:
    cache.init_app(app)
    if not sa.event.contains(orm.Session, "after_flush", _collect):
        sa.event.listen(orm.Session, "after_flush", _collect)
        sa.event.listen(orm.Session, "do_orm_execute", _bulk)
        sa.event.listen(orm.Session, "after_commit", _settle)
        sa.event.listen(orm.Session, "after_rollback", _settle)
