"""The audit log for admins, and the entry for every refused request (403): whatever the
route, a refusal is a security event a BIO review wants to see."""

from flask import Blueprint, render_template, request
from flask_login import current_user, login_required

from app.audit import services
from app.audit.forms import OBJECT_LABELS, RESULT_LABELS, AuditFilterForm
from app.core.audit import record_refusal
from app.core.params import page_arg
from app.core.policy import requires
from app.extensions import db

bp = Blueprint("audit", __name__)


@bp.route("/beheer/logboek")
@login_required
@requires("audit.view")
def index():
    form = AuditFilterForm(request.args)
    form.validate()
    start, end = services.period(form.value("van"), form.value("tot"))
    filters = {name: form.value(name) for name in ("wie", "soort", "nummer", "resultaat")}
    page = services.entries(filters, start, end, page_arg())
    return render_template(
        "audit/index.html",
        form=form,
        page=page,
        start=start,
        end=end,
        names=services.actor_names(page),
        OBJECT_LABELS=OBJECT_LABELS,
        RESULT_LABELS=RESULT_LABELS,
    )


@bp.after_app_request
def record_refused(response):
    if response.status_code == 403 and request.endpoint:
        # The request's own work is refused and rolled back; the entry is committed alone.
        db.session.rollback()
        kind, number = _object_of(request.view_args or {})
        record_refusal(current_user, kind, number, route=request.endpoint, method=request.method)
        db.session.commit()
    return response


def _object_of(view_args: dict) -> tuple[str, int]:
    """What the refused route is about: its last id in the path (/teams/3/vouchers/9 is
    about request 9), or the route itself (object 0)."""
    ids = [(name.removesuffix("_id"), value) for name, value in view_args.items() if name.endswith("_id") and value]
    if not ids:
        return "route", 0
    name, value = ids[-1]
    return {"request": "voucherrequest", "note": "coachingnote", "public_activity": "activity", "resident": "user"}.get(
        name, name
    ), value
