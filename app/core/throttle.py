"""Limits on guessing: failed attempts count per client address and per account, and only
failed ones, so that a distributed guesser is slowed down while a room full of residents on
one Wi-Fi who type their password right is not. The counts live in the limiter's store
(Redis when several processes serve), so every process sees the same numbers."""

from collections.abc import Callable

from flask import current_app, g, request
from flask_limiter.util import get_remote_address
from flask_login import current_user

from app.extensions import limiter


def failed_attempt() -> None:
    """The view calls this when a guess was wrong; only then does the request count."""
    g.failed_attempt = True


def _failed(_response) -> bool:
    return g.get("failed_attempt", False)


def _limit() -> str:
    return current_app.config["FAILED_LOGIN_LIMIT"]


def limit_failures(account_key: Callable[[], str]):
    """Refuse with 429 once this client address, or the account that `account_key` names
    (e.g. the e-mail typed), has had too many failed attempts on this view."""

    def decorate(view):
        for key_func, scope in ((get_remote_address, "address"), (lambda: "account:" + account_key(), "account")):
            view = limiter.limit(_limit, key_func=key_func, scope=scope, methods=["POST"], deduct_when=_failed)(view)
        return view

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
    return limiter.limit(_mail_limit, key_func=_mailbox, methods=["POST"], exempt_when=lambda: not _typed_address())(
        view
    )


def _upload_limit() -> str:
    return current_app.config["UPLOAD_LIMIT"]


# One count per person for every view that takes a file (photos and receipts): each costs
# worker time to check and re-encode. The views require a login; the count starts after it.
limit_uploads = limiter.shared_limit(
    _upload_limit, scope="uploads", key_func=lambda: f"user:{current_user.id}", methods=["POST"]
)
