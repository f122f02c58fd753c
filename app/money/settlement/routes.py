"""After the decision, on the vouchers blueprint (requests.routes): the team accounts for
the money with its receipts; the coordinator pays out and checks the accountability.

Names: `voucher` is the VoucherRequest, `request` stays Flask's."""

import io

from flask import abort, current_app, flash, redirect, render_template, send_file, url_for
from flask import request as http
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.core import resubmit, uploads
from app.core.forms import ConfirmForm
from app.core.throttle import limit_uploads
from app.core.timezone import local_today
from app.core.views import perform
from app.extensions import csrf
from app.money import ledger
from app.money.requests import queries
from app.money.requests.models import RequestStatus, overdue
from app.money.requests.routes import bp, request_page
from app.money.requests.services import objection_ends_on
from app.money.settlement import services as settlement
from app.money.settlement.forms import APPROVE, AccountForm, CheckForm, ReceiptForm


@bp.route("/teams/<int:team_id>/vouchers/<int:request_id>/verantwoording", methods=["GET", "POST"])
@login_required
def account(team_id, request_id):
    team, voucher = queries.load_for_team(current_user, team_id, request_id)
    if voucher.status != RequestStatus.PAID_OUT:
        flash(_("Verantwoorden kan nadat het geld is uitbetaald, en één keer tot de controle."), "error")
        return request_page(voucher)
    fund, activity = queries.fund_and_activity(voucher)
    accountability = queries.accountability_of(voucher)
    shown = {f"line_{line.id}": line.actual_cents for line in voucher.lines} | {
        "participants": accountability.participants if accountability else activity.actual_participants,
        "report": accountability.report if accountability else "",
    }
    form = AccountForm.for_lines(voucher.lines)(data=shown)
    if form.validate_on_submit():
        if http.form.get("file"):
            # The receipt's field is in this <form>; this button sends its file's name only.
            form.form_errors.append(_("U koos een bon, maar voegde hem nog niet toe. Klik eerst op 'Bon toevoegen'."))
        elif perform(
            settlement.account,
            current_user,
            team,
            voucher,
            form.actual(),
            form.report.data,
            form.participants.data,
            form=form,
        ):
            flash(
                _("Dank u wel! De verantwoording is ingediend. Een medewerker van de gemeente controleert haar."),
                "success",
            )
            return request_page(voucher)
    return render_template(
        "vouchers/account.html",
        team=team,
        voucher=voucher,
        fund=fund,
        activity=activity,
        accountability=accountability,
        form=form,
        receipts=queries.receipts_of(voucher),
        receipt_form=ReceiptForm(),
        receipt_limit_mb=current_app.config["RECEIPT_MAX_BYTES"] // (1024 * 1024),
        overdue=overdue(voucher),
    )


# Adding or removing a receipt posts the whole accountability form, and shows its page
# again with everything typed in it (core.resubmit): another action loses nothing.


@bp.route("/teams/<int:team_id>/vouchers/<int:request_id>/bonnen", methods=["POST"])
@csrf.exempt  # checked below, once the larger limit for a receipt is set
@login_required
@limit_uploads
def upload_receipt(team_id, request_id):
    team, voucher = queries.load_for_team(current_user, team_id, request_id)
    # Only this route takes a receipt; the rest of the app keeps MAX_CONTENT_LENGTH.
    resubmit.accept_file(current_app.config["RECEIPT_MAX_BYTES"], "vouchers.account")
    form = ReceiptForm()
    if not form.validate_on_submit():
        return resubmit.page_again("vouchers.account", errors=form.errors)
    added = perform(settlement.add_receipt, current_user, team, voucher, form.file.data.read(), form.title.data)
    if added:
        flash(_("De bon is toegevoegd."), "success")
    return resubmit.page_again("vouchers.account", drop=("title",) if added else ())


@bp.route("/teams/<int:team_id>/vouchers/<int:request_id>/bonnen/<int:receipt_id>/verwijderen", methods=["POST"])
@login_required
def remove_receipt(team_id, request_id, receipt_id):
    team, voucher = queries.load_for_team(current_user, team_id, request_id)
    receipt = queries.receipt_of(voucher, receipt_id)
    if receipt is None:  # removed a moment ago (the page sent again), or never this request's
        flash(_("Deze bon staat niet (meer) bij de verantwoording."), "error")
    elif ConfirmForm().validate_on_submit() and perform(
        settlement.remove_receipt, current_user, team, voucher, receipt
    ):
        flash(_("De bon is verwijderd."), "success")
    return resubmit.page_again("vouchers.account")


@bp.route("/teams/<int:team_id>/vouchers/<int:request_id>/bonnen/<int:receipt_id>")
@login_required
def receipt(team_id, request_id, receipt_id):
    """The receipt's file, for whoever may see receipts; to anyone else it does not exist."""
    found = queries.receipt_for(current_user, team_id, request_id, receipt_id)
    data = uploads.read(settlement.RECEIPTS, found.file_name) if found else None
    if data is None:
        abort(404)
    pdf = found.mimetype == "application/pdf"
    response = send_file(
        io.BytesIO(data),
        mimetype=found.mimetype,
        # A PDF is never opened inside the site: whatever scripts it holds stay in the download.
        as_attachment=pdf,
        download_name=f"bon-{found.id}{found.file_name[-4:]}",
        etag=found.file_name,
        last_modified=found.created_at,
    )
    response.headers["X-Content-Type-Options"] = "nosniff"
    # No cache keeps it: the app's after_request makes every answer to someone logged in no-store.
    return response


@bp.route("/vouchers/<int:request_id>/uitbetaling")
@login_required
def payout_page(request_id):
    team, voucher = queries.load_request(current_user, "voucher.pay", request_id)
    summary = queries.summary(team, voucher)
    # Paying out ends the team's chance to object to a lower amount: say until when it runs.
    last_day = objection_ends_on(voucher, summary["fund"])
    objection_open = voucher.status == RequestStatus.PARTLY_AWARDED and last_day and last_day >= local_today()
    return render_template(
        "vouchers/review_payout.html",
        form=ConfirmForm(),
        held=ledger.held_for(voucher.id),
        objection_until=last_day if objection_open else None,
        **summary,
    )


@bp.route("/vouchers/<int:request_id>/uitbetalen", methods=["POST"])
@login_required
def pay_out(request_id):
    _team, voucher = queries.load_request(current_user, "voucher.pay", request_id)
    if ConfirmForm().validate_on_submit() and perform(settlement.pay_out, current_user, voucher):
        flash(_("De uitbetaling is vastgelegd. Het team krijgt bericht."), "success")
        return request_page(voucher)
    return redirect(url_for("vouchers.payout_page", request_id=voucher.id))


@bp.route("/vouchers/<int:request_id>/controle", methods=["GET", "POST"])
@login_required
def review_accountability(request_id):
    team, voucher = queries.load_request(current_user, "voucher.pay", request_id)
    form = CheckForm()
    if form.validate_on_submit():
        approve = form.verdict.data == APPROVE
        if perform(settlement.review, current_user, voucher, approve, form.comment.data, form=form):
            if approve:
                flash(_("De verantwoording is goedgekeurd. De aanvraag is afgerond."), "success")
            else:
                flash(_("De verantwoording is teruggestuurd. Het team krijgt uw opmerking."), "success")
            return request_page(voucher)
    summary = queries.summary(team, voucher)
    paid, spent = ledger.held_for(voucher.id).paid_out, settlement.spent(voucher)
    return render_template(
        "vouchers/review_check.html",
        form=form,
        accountability=queries.accountability_of(voucher),
        receipts=queries.receipts_of(voucher),
        paid=paid,
        spent=spent,
        returning=max(paid - spent, 0),
        waiting=voucher.status == RequestStatus.ACCOUNTED,
        **summary,
    )
