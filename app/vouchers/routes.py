"""The team's side of a voucher request. The regie-group's and coordinators' side is in
review_routes, on the same blueprint."""

from flask import Blueprint, abort
from flask_login import login_required

from app.vouchers import requests, review, settlement  # noqa: F401 - used by the views to come

bp = Blueprint("vouchers", __name__)


@bp.route("/teams/<int:team_id>/vouchers/<int:request_id>")
@login_required
def show(team_id, request_id):
    abort(404)


from app.vouchers import review_routes  # noqa: E402,F401 - registers its views on bp
