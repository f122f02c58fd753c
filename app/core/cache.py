"""Public pages that are the same for every anonymous visitor, cached whole in the shared
store (Redis when several processes serve) and answered with 304 when the browser's copy is
still current.

Invalidation is by tag, never by timeout alone: every row the ORM writes bumps the version
of its table's tag, of its own row ("team:5") and of the rows it refers to, named with its
table ("team:5/membership"), and a cached page is stored under the versions of the tags it
declares. An edit therefore changes the key of every page that shows it; the old entry is
simply never read again and expires. A flush collects the tags; they are bumped once the
transaction ends, committed or rolled back, in one round trip. So a page rendered from data
not yet committed is never kept: the transaction that wrote it reads such pages from the
database, and anything else that saw the data (a test sharing the connection) stored it under
versions that the bump makes old.

The store is best effort. When it fails, the error is logged and counted, pages are served
uncached for a few seconds (CACHE_RETRY_SECONDS) and writes go on: no write and no page ever
fails because of it. Bumps lost meanwhile are made up for by bumping every page at once when
the store answers again.

A cached page holds no form (a form would give its reader a session): it is the same bytes
for every visitor, and a shared cache may keep it for a minute (cache_control); anything
that carries a person's session is private. A browser's copy is revalidated (304) only
against the entry it came from, and every key and ETag holds the release (RELEASE), so a
deploy leaves every old page behind."""

import hashlib
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import wraps
from typing import NamedTuple, TypeVar
from urllib.parse import quote, urlencode

import sqlalchemy as sa
from flask import Flask, current_app, g, get_flashed_messages, make_response, request, request_finished, session
from flask_login import current_user
from redis.exceptions import RedisError
from sqlalchemy import orm

from app.core.language import language_in
from app.core.security import over_https
from app.core.timezone import local_today
from app.extensions import cache, db

PENDING = "cache_tags"
# How long a shared cache may keep a public page before it asks again (with the ETag).
SHARED_SECONDS = 60
# Every page and value also names this tag: bumping it replaces them all.
EVERYTHING = "tag:all"
PER_REQUEST = frozenset({"X-Request-ID"})  # headers a stored page is kept without
T = TypeVar("T")


def tags_of(obj) -> set[str]:
    """The tags a written row bumps: its table, the row itself ("team:5") and each row it
    refers to, with its own table ("team:5/membership" for a membership of team 5), old
    references included; so a page names the rows it shows and not the others that refer to
    the same team (a coaching note). A change only to columns no page shows (`cache_quiet`
    on the model) bumps nothing."""
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
                tags.add(f"{fk.column.table.name}:{value}/{table.name}")
    return tags


# --- the store, best effort ---------------------------------------------------------------


@dataclass
class Health:
    """How the store has been doing in this process (one per app)."""

    errors: int = 0
    down_until: float = 0.0
    lost: bool = False  # bumps went unsent: the next call first bumps EVERYTHING


def health() -> Health:
    return current_app.extensions.setdefault("cache_health", Health())


def _use(call: Callable[..., T]) -> T | None:
    """`call(store)`, or None when the store fails or failed a moment ago."""
    state = health()
    if time.monotonic() < state.down_until:
        return None
    try:
        if state.lost:
            _increment(cache.cache, [EVERYTHING])
            state.lost = False
        return call(cache.cache)
    except RedisError as error:
        state.errors += 1
        state.down_until = time.monotonic() + current_app.config["CACHE_RETRY_SECONDS"]
        current_app.logger.warning("Cache store failed (%d errors so far): %s", state.errors, error)
        return None


def _increment(store, keys: Iterable[str]) -> bool:
    client = getattr(store, "_write_client", None)
    if client is None:  # a store in this process (or none): no round trips to save
        for key in keys:
            store.inc(key)
    else:
        with client.pipeline(transaction=False) as pipe:
            for key in keys:
                pipe.incr(store._get_prefix() + key)
            pipe.execute()
    return True


def bump(tags: Iterable[str]) -> None:
    keys = [f"tag:{tag}" for tag in sorted(tags)]
    if keys and not _use(lambda store: _increment(store, keys)):
        health().lost = True


def _read(tags: Iterable[str], name: str) -> tuple[str, object] | None:
    """In one round trip: the versions of the tags (as one string) and what is stored under
    `name`; None when the store is not available, or when this request's own transaction has
    written what they name and not yet committed it (it reads its own writes, which nobody
    else may be served)."""
    tags = set(tags)
    # Asked without making a session: a page served from here needs no database at all.
    if db.session.registry.has() and not tags.isdisjoint(db.session.info.get(PENDING, ())):
        return None
    keys = [EVERYTHING, *(f"tag:{tag}" for tag in sorted(tags))]
    found = _use(lambda store: store.get_many(*keys, name))
    if found is None:
        return None
    *versions, stored = found
    return ",".join(str(version or 0) for version in versions), stored


def _store(name: str, value, timeout: int | None = None) -> None:
    _use(lambda store: store.set(name, value, timeout=timeout))


# --- collecting what a transaction writes ---------------------------------------------


def _collect(session: orm.Session, flush_context) -> None:
    written = {tag for obj in (*session.new, *session.dirty, *session.deleted) for tag in tags_of(obj)}
    session.info.setdefault(PENDING, set()).update(written)


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
    tags = {table.name}
    if rows:
        for fk in table.foreign_keys:
            key, referred = fk.parent.key, fk.column.table.name
            tags.update(f"{referred}:{row[key]}/{table.name}" for row in rows if row.get(key))
    else:
        tags.add(f"{table.name}:*")
    execute_state.session.info.setdefault(PENDING, set()).update(tags)


def _settle(session: orm.Session, *_args) -> None:
    """After commit or rollback: the transaction's tags in one round trip."""
    bump(session.info.pop(PENDING, ()))


# --- pages ------------------------------------------------------------------------------


class Entry(NamedTuple):
    """A stored page: the versions it was rendered under, its ETag, body and type, and the
    headers every hook gave its answer (but the request's own id), for cached_pages."""

    versions: str
    etag: str
    body: str
    mimetype: str
    headers: tuple[tuple[str, str], ...] = ()


def public_page(tags: Callable[..., Iterable[str]]):
    """Cache the view's page for anonymous visitors; `tags(**view_args)` names what it shows:
    table names, or rows with the rows that refer to them (`row_with`)."""

    def decorate(view):
        @wraps(view)
        def wrapper(**view_args):
            g.public_page = True  # see cache_control
            if current_user.is_authenticated or "_flashes" in session:
                return view(**view_args)
            return _answer(tags(**view_args), view, view_args)

        wrapper.cache_tags = tags  # how a test finds every cached page
        return wrapper

    return decorate


def _answer(tags: Iterable[str], view, view_args):
    """304 for the browser's copy of the stored entry, else the stored page, else the page
    rendered (and stored)."""
    page = page_key(request)
    found = _read(tags, page)
    if found is None:
        return make_response(view(**view_args))
    versions, entry = _current(found)
    if entry is None:
        response, entry = _render(page, versions, view, view_args)
    elif entry.etag in request.if_none_match:
        response = make_response("", 304)
    else:
        response = make_response(entry.body)
        response.mimetype = entry.mimetype
    if entry is not None:
        response.set_etag(entry.etag)
    return response


def _personal(response, user) -> bool:
    """Whether the answer holds something of one person: a session (a CSRF token, a flash, a
    login, a form's state), a cookie being set, or a logged-in person's page."""
    return (
        session.modified
        or (session.accessed and bool(session))
        or "Set-Cookie" in response.headers
        or user.is_authenticated
    )


def cache_control(response):
    """The one place that says who may keep an answer. A logged-in person's page may show
    e-mail addresses or other private details: no cache keeps it (the browser's back button,
    a shared computer, a proxy). A public page (public_page) for a visitor without a session
    is the same bytes for everyone: a shared cache (the municipality's reverse proxy, README)
    may keep it SHARED_SECONDS and then revalidate it with its ETag. Anything else personal is
    `private` at most, whatever a view said."""
    user = current_user._get_current_object()
    personal = _personal(response, user)
    if g.get("public_page"):
        response.vary.add("Cookie")  # the language cookie, and the session's
        if not personal and response.status_code in (200, 304):
            response.headers["Cache-Control"] = f"public, max-age={SHARED_SECONDS}"
            return response
    if user.is_authenticated:
        response.headers["Cache-Control"] = "no-store"
    elif personal or g.get("public_page"):
        if not (response.cache_control.private or response.cache_control.no_store):
            # The browser may keep it but must ask each time.
            response.headers["Cache-Control"] = "private, no-cache"
    return response


def row_with(table: str, row_id: int, *referring: str) -> tuple[str, ...]:
    """The tags of one row and of the rows of the `referring` tables that refer to it, with
    the wildcards that an UPDATE or DELETE statement of those tables bumps."""
    return (
        f"{table}:{row_id}",
        f"{table}:*",
        *(f"{table}:{row_id}/{other}" for other in referring),
        *(f"{other}:*" for other in referring),
    )


def page_key(request) -> str:
    """The key of the page a request for a public page asks (of Flask's request, or of one
    that cached_pages reads before Flask)."""
    # Path and query encoded, so that no value passes for a separator: "a=b%26c" is not "a=b&c".
    # The day too: what is upcoming (the agenda) or running (the funds of now) changes at
    # midnight without a write. And whether it came over https: only then is HSTS sent.
    query = urlencode(sorted(request.args.items(multi=True)))
    language = language_in(request.cookies)
    https = "https" if over_https(request) else "http"
    parts = (current_app.config["RELEASE"], local_today().isoformat(), language, https, quote(request.path), query)
    return "page:" + _digest("|".join(parts))


def _current(found: tuple[str, object]) -> tuple[str, Entry | None]:
    """The versions read, with the entry stored when it was rendered under them."""
    versions, stored = found
    return versions, stored if isinstance(stored, Entry) and stored.versions == versions else None


def stored_page(tags: Iterable[str], page: str) -> Entry | None:
    """The entry of `page` that holds for the current versions of `tags` and that was kept
    with its headers (one stored by an earlier deploy of the same RELEASE may have none)."""
    found = _read(tags, page)
    entry = _current(found)[1] if found else None
    return entry if entry and entry.headers else None


def _render(page: str, versions: str, view, view_args):
    response = make_response(view(**view_args))
    # A flash set while rendering belongs to this visitor only, and so do a redirect and a
    # page that wrote the session (a form's CSRF token): none of them is kept.
    if response.status_code != 200 or get_flashed_messages(with_categories=False) or session.modified:
        return response, None
    body = response.get_data(as_text=True)
    etag = _digest(f"{page}|{versions}|{time.time()}")
    entry = Entry(versions, etag, body, response.mimetype)
    g.page_to_keep = page, entry
    return response, entry


def _keep(sender: Flask, response, **extra) -> None:
    """The page rendered is stored once every hook has written its headers: cached_pages
    answers with them before Flask. Only if cache_control let a shared cache keep it."""
    kept = g.pop("page_to_keep", None)
    if kept and response.status_code == 200 and response.cache_control.public:
        page, entry = kept
        headers = tuple((name, value) for name, value in response.headers.items() if name not in PER_REQUEST)
        _store(page, entry._replace(headers=headers))


def remembered(name: str, tags: Iterable[str], compute: Callable[[], T], timeout: int | None = None) -> T:
    """A value computed from the database (picklable), kept under the versions of the tags of
    what it reads, in the same round trip as those versions: computed again only after one of
    them changed, or after `timeout` seconds for what time changes by itself."""
    name = "data:" + _digest(f"{current_app.config['RELEASE']}|{name}")
    found = _read(tags, name)
    if found is None:
        return compute()
    versions, stored = found
    if stored is not None and stored[0] == versions:
        return stored[1]
    value = compute()
    _store(name, (versions, value), timeout=timeout)
    return value


def _digest(text: str) -> str:
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


def init_cache(app: Flask) -> None:
    cache.init_app(app)
    app.after_request(cache_control)
    request_finished.connect(_keep, app)
    if not sa.event.contains(orm.Session, "after_flush", _collect):
        sa.event.listen(orm.Session, "after_flush", _collect)
        sa.event.listen(orm.Session, "do_orm_execute", _bulk)
        sa.event.listen(orm.Session, "after_commit", _settle)
        sa.event.listen(orm.Session, "after_rollback", _settle)
