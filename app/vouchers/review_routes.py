from flask import abort
from flask_login import login_required

from app.vouchers.routes import bp


@bp.route("/vouchers/<int:request_id>/advies")
@login_required
def assess(request_id):
    abort(404)
