"""The one place where a request's work is committed (STYLE habit 1 and 2)."""

from collections.abc import Callable
from typing import Any

import sqlalchemy as sa
from flask import abort, flash, redirect, request, url_for
from flask_babel import gettext as _
from sqlalchemy.exc import IntegrityError

from app.core.audit import REFUSED, record_event
from app.core.errors import AuthenticationFailed, Gone, NotAllowed, RuleViolated
from app.core.throttle import failed_attempt
from app.extensions import csrf, db


def _unique_constraint(error: IntegrityError) -> sa.UniqueConstraint | sa.Index | None:
    """The unique constraint (or partial unique index) a write broke, by the name
    PostgreSQL reports."""
    name = getattr(getattr(error.orig, "diag", None), "constraint_name", None)
    for table in db.metadata.tables.values():
        for constraint in (*table.constraints, *table.indexes):
            if constraint.name == name and isinstance(constraint, sa.UniqueConstraint | sa.Index):
                return constraint
    return None


def unique_message(error: IntegrityError):
    """The message a model gave its unique constraint or index (`info={"message": ...}`):
    the same words the service's own check uses, for a double submit that passed the check
    at the same moment as its twin."""
    constraint = _unique_constraint(error)
    if constraint is None or "message" not in constraint.info:
        raise error
    return constraint.info["message"]


def perform(service: Callable[..., Any], *args: Any, form=None, **kwargs: Any) -> Any:
    """Run one service call and commit once. A broken rule rolls back and becomes a
    message (on the form when there is one); a refusal becomes 403. Returns the
    service's result, or None when nothing was done."""
    try:
        result = service(*args, **kwargs)
        db.session.commit()
    except NotAllowed:
        db.session.rollback()
        abort(403)
    except Gone:
        db.session.rollback()
        abort(404)
    except (RuleViolated, IntegrityError) as error:
        db.session.rollback()
        message = unique_message(error) if isinstance(error, IntegrityError) else error.message
        if isinstance(error, AuthenticationFailed):
            # The service raised before the commit above and its work is rolled back: the
            # refusal's audit entry is the request's only commit.
            failed_attempt()
            record_event(None, error.action, error.subject, result=REFUSED)
            db.session.commit()
        # A check of several rules (a voucher request) names each broken one.
        field = getattr(error, "field", None)
        for text in getattr(error, "messages", [message]):
            if form is not None and field in form:
                form[field].errors = [*form[field].errors, text]
            elif form is not None:
                form.form_errors.append(text)
            else:
                flash(text, "error")
        return None
    return result if result is not None else True


def from_mail_link(found: Any) -> Any:
    """What the token of a link from a mail names; for a link that no longer works (used up,
    cut off, made for a record that is gone) the visitor goes home with a message."""
    if found is None:
        flash(_("Deze link werkt niet (meer)."), "error")
        abort(redirect(url_for("main.home")))
    return found


def one_click_or_csrf() -> None:
    """For a way out of mails (RFC 8058): a mail client's one-click POST carries the body
    `List-Unsubscribe=One-Click` and no CSRF token, so such a route is exempt from the global
    check and calls this instead. Any other POST (the button on the page) needs its token.
    The one-click POST is safe without one: the secret token in its address is the proof, only
    the mailbox it went to has it, and all it can do is stop mail to that mailbox."""
    if request.form.get("List-Unsubscribe") != "One-Click":
        csrf.protect()
