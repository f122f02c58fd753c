"""Limits on guessing: failed attempts count per client address and per account, and only
failed ones, so that a distributed guesser is slowed down while a room full of residents on
one Wi-Fi who type their password right is not. The counts live in the limiter's store
(Redis when several processes serve), so every process sees the same numbers.

The limit per client address is the low one (it also bounds each account tried from there);
the one per account, from all addresses together, is much higher: a guesser at one address
can no longer lock the owner out, who still gets in from another one.

An attempt takes its place in both counts before the password is checked, each in one atomic
increment of the store, and gives the places back when it turns out not to have failed: however
many wrong guesses arrive at the same moment, no more than the limit are ever checked."""

import time
from collections.abc import Callable
from functools import wraps

from flask import Flask, abort, current_app, g, request
from flask_limiter.util import get_remote_address
from flask_login import current_user
from limits import RateLimitItem, parse

from app.extensions import limiter


def init_limits(app: Flask) -> None:
    """Flask-Limiter, checking the limits its decorators name when their views run. Its
    check before every request looks for limits on all routes (RATELIMIT_DEFAULT,
    RATELIMIT_APPLICATION, RATELIMIT_META); we set none, so it found nothing and cost a tenth
    of a cached page's time. It stays when one is configured (test_probes sets one)."""
    limiter.init_app(app)
    if limiter.enabled and not limits_every_request(app):
        app.before_request_funcs[None].remove(limiter._check_request_limit)


def limits_every_request(app: Flask) -> bool:
    """Whether a limit is configured for all routes (then every request passes the limiter)."""
    manager = limiter.limit_manager
    return bool(manager.default_limits or manager.application_limits or app.config.get("RATELIMIT_META"))


def failed_attempt() -> None:
    """The view calls this when a guess was wrong; only then does the request count."""
    g.failed_attempt = True


def _counts(account: str, account_limit: str) -> list[tuple[RateLimitItem, str]]:
    """The counts an attempt takes a place in: its client address's and its account's."""
    config = current_app.config
    per_address, per_account = parse(config["FAILED_LOGIN_LIMIT"]), parse(config[account_limit])
    prefix = config["RATELIMIT_KEY_PREFIX"]
    return [
        (per_address, per_address.key_for(prefix, "failed", f"address:{get_remote_address()}")),
        (per_account, per_account.key_for(prefix, "failed", account)),
    ]


def _give_back(places: list[tuple[RateLimitItem, str]]) -> None:
    for item, key in places:
        limiter.storage.incr(key, item.get_expiry(), amount=-1)


def _take_places(account: str, account_limit: str) -> list[tuple[RateLimitItem, str]]:
    """A place in every count, or 429 (with the places taken given back) when one is full."""
    taken = []
    for item, key in _counts(account, account_limit):
        taken.append((item, key))
        if limiter.storage.incr(key, item.get_expiry()) > item.amount:
            wait = limiter.storage.get_expiry(key) - time.time()
            _give_back(taken)
            abort(429, retry_after=max(int(wait), 1))
    return taken


def limit_failures(account_key: Callable[[], str], account_limit: str = "FAILED_LOGIN_ACCOUNT_LIMIT"):
    """Refuse with 429 once this client address, or the account that `account_key` names
    (e.g. the e-mail typed), has had too many failed attempts on these views; the account's
    limit is the setting `account_limit` (wrong second-step codes have a lower one)."""

    def decorate(view):
        @wraps(view)
        def guarded(*args, **kwargs):
            if request.method != "POST":
                return view(*args, **kwargs)
            taken = _take_places(f"account:{account_key()}", account_limit)
            try:
                return view(*args, **kwargs)
            finally:
                if not g.get("failed_attempt", False):
                    _give_back(taken)

        return guarded

    return decorate


def _mail_limit() -> str:
    return current_app.config["MAILS_PER_ADDRESS_LIMIT"]


def _typed_address() -> str:
    return request.form.get("email", "").strip().lower()[:254]


def _mailbox() -> str:
    """The inbox the typed address reaches: capitals and a "+tag" reach no other one."""
    local, _at, domain = _typed_address().rpartition("@")
    return f"mailto:{local.partition('+')[0]}@{domain}"


def limit_mails_to_typed_address(view):
    """Refuse with 429 once the mailbox of the e-mail address typed in this view's form was
    sent too many mails from it, whoever asks from whichever client address: nobody can flood
    another person's inbox. A form without an address sends no mail and does not count."""
    limit = limiter.limit(_mail_limit, key_func=_mailbox, methods=["POST"], exempt_when=lambda: not _typed_address())
    return limit(view)


def _upload_limit() -> str:
    return current_app.config["UPLOAD_LIMIT"]


# One count per person for every view that takes a file (photos and receipts): each costs
# worker time to check and re-encode. The views require a login; the count starts after it.
limit_uploads = limiter.shared_limit(
    _upload_limit, scope="uploads", key_func=lambda: f"user:{current_user.id}", methods=["POST"]
)
