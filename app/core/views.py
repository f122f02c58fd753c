"""The one place where a request's work is committed (STYLE habit 1 and 2)."""

from collections.abc import Callable
from typing import Any

from flask import abort, flash

from app.core.errors import NotAllowed, RuleViolated
from app.extensions import db


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
    except RuleViolated as error:
        db.session.rollback()
        if form is not None:
            form.form_errors.append(error.message)
        else:
            flash(error.message, "error")
        return None
    return result if result is not None else True
