"""The team's side of a voucher request. The regie-group's and coordinators' side is in
review_routes, on the same blueprint."""

from flask import Blueprint, abort
from flask_login import login_required

from app.funds.models import COST_CATEGORIES
from app.vouchers import requests, review, settlement  # noqa: F401 - used by the views to come
from app.vouchers.labels import STATUS_LABELS

bp = Blueprint("vouchers", __name__)


@bp.app_context_processor
def labels():
    # App-wide: the fund pages list requests too.
    return {"VOUCHER_STATUS_LABELS": STATUS_LABELS, "COST_CATEGORIES": COST_CATEGORIES}


@bp.route("/teams/<int:team_id>/vouchers/<int:request_id>")
@login_required
def show(team_id, request_id):
    abort(404)


from app.vouchers import review_routes  # noqa: E402,F401 - registers its views on bp
