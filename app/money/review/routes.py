"""The regie-group's side of a voucher request (the work list, an advice, the decision) and
the coordinators' (payout, the check of the accountability), on the vouchers blueprint.

Names: `voucher` is the VoucherRequest, `request` stays Flask's."""

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.activities.models import Activity
from app.core.forms import ConfirmForm
from app.core.policy import can, is_staff
from app.core.timezone import local_today
from app.core.views import perform
from app.extensions import db
from app.money import ledger
from app.money.funds.labels import RULE_LABELS
from app.money.models import Fund
from app.money.requests.labels import ACCOUNTABILITY_LABELS, ADVICE_LABELS, OUTCOME_LABELS
from app.money.requests.loaders import decisions, load_request
from app.money.requests.models import AWARDED, OPEN_FOR_ADVICE, Outcome, RequestStatus, VoucherRequest, departs
from app.money.requests.routes import bp
from app.money.requests.services import objection_ends_on, team_total
from app.money.review import services as review
from app.money.review.forms import APPROVE, AdviceForm, CheckForm, DecisionForm
from app.money.review.queries import (
    accountability_of,
    earlier_requests,
    receipts_of,
    serves_anywhere,
    work_of,
)
from app.money.settlement import services as settlement


@bp.context_processor
def review_labels():
    return {
        "ADVICE_LABELS": ADVICE_LABELS,
        "OUTCOME_LABELS": OUTCOME_LABELS,
        "ACCOUNTABILITY_LABELS": ACCOUNTABILITY_LABELS,
        "RULE_LABELS": RULE_LABELS,
        "OPEN_FOR_ADVICE": OPEN_FOR_ADVICE,
        "AWARDED": AWARDED,
    }


def _summary(team, voucher: VoucherRequest) -> dict:
    """The parts of the request summary."""
    return {
        "team": team,
        "request": voucher,
        "activity": db.session.get(Activity, voucher.activity_id),
        "fund": db.session.get(Fund, voucher.fund_id),
    }


def _request_page(voucher: VoucherRequest):
    return redirect(url_for("vouchers.show", team_id=voucher.team_id, request_id=voucher.id))


@bp.route("/adviezen")
@login_required
def todo():
    """The regie member's work. Without a seat today: what the regie-group is (not a 403)."""
    if is_staff(current_user) or not serves_anywhere(current_user):
        return render_template("vouchers/review_todo.html", work=None, staff=is_staff(current_user))
    work = work_of(current_user)
    return render_template(
        "vouchers/review_todo.html",
        work=work,
        to_advise=[item for item in work if item.mine is None],
        to_decide=[item for item in work if item.ready_to_decide],
        advised=[item for item in work if item.mine is not None],
    )


@bp.route("/vouchers/<int:request_id>/advies", methods=["GET", "POST"])
@login_required
def assess(request_id):
    team, voucher = load_request(current_user, "voucher.assess", request_id)
    form = AdviceForm()
    if form.validate_on_submit():
        values = (form.advice.data, form.amount.data, form.comment.data)
        if perform(review.assess, current_user, voucher, *values, form=form):
            flash(_("Uw advies is opgeslagen. U kunt het aanpassen tot het besluit."), "success")
            return redirect(url_for("vouchers.assess", request_id=voucher.id))
    given = review.advices(voucher)
    mine = next((advice for advice in given if advice.user_id == current_user.id), None)
    if mine is not None and not form.is_submitted():
        form.process(data={"advice": mine.advice, "amount": mine.amount_cents, "comment": mine.comment})
    # The others' advice only after one's own, so that nobody is steered by it.
    show_others = mine is not None and can(current_user, "voucher.see_advice", voucher)
    summary = _summary(team, voucher)
    return render_template(
        "vouchers/review_assess.html",
        form=form,
        mine=mine,
        others=[advice for advice in given if advice.user_id != current_user.id] if show_others else None,
        earlier=earlier_requests(voucher),
        team_total=team_total(summary["fund"], team, voucher),
        available=ledger.balances(summary["fund"]).available,
        **summary,
    )


@bp.route("/vouchers/<int:request_id>/besluit", methods=["GET", "POST"])
@login_required
def decide(request_id):
    team, voucher = load_request(current_user, "voucher.decide", request_id)
    form = DecisionForm()
    if form.validate_on_submit():
        values = (form.outcome.data, form.amount.data or 0, form.motivation.data)
        if perform(review.decide, current_user, voucher, *values, form=form):
            flash(_("Het besluit is vastgelegd. Het team krijgt bericht, met uw uitleg."), "success")
            return _request_page(voucher)
    summary = _summary(team, voucher)
    given = review.advices(voucher)
    suggested = review.suggestion(summary["fund"], voucher, given)
    return render_template(
        "vouchers/review_decide.html",
        form=form,
        given=given,
        suggested=suggested,
        departing=_departing(voucher, form, suggested),
        decisions=decisions(voucher),
        **summary,
    )


def _departing(voucher: VoucherRequest, form: DecisionForm, suggested) -> tuple[Outcome, int] | None:
    """The choice sent back to the form (outcome, amount) when it departs from what the
    advices say, so the form says so next to the motivation it then needs."""
    if suggested is None or not form.is_submitted() or form.outcome.data not in set(Outcome) or form.amount.errors:
        return None
    outcome = Outcome(form.outcome.data)
    chosen = (outcome, review.decided_amount(voucher, outcome, form.amount.data))
    return chosen if departs(suggested, *chosen) and (chosen[1] or outcome == Outcome.REJECTED) else None


@bp.route("/vouchers/<int:request_id>/uitbetaling")
@login_required
def payout_page(request_id):
    team, voucher = load_request(current_user, "voucher.pay", request_id)
    summary = _summary(team, voucher)
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
    _team, voucher = load_request(current_user, "voucher.pay", request_id)
    if ConfirmForm().validate_on_submit() and perform(settlement.pay_out, current_user, voucher):
        flash(_("De uitbetaling is vastgelegd. Het team krijgt bericht."), "success")
        return _request_page(voucher)
    return redirect(url_for("vouchers.payout_page", request_id=voucher.id))


@bp.route("/vouchers/<int:request_id>/controle", methods=["GET", "POST"])
@login_required
def review_accountability(request_id):
    team, voucher = load_request(current_user, "voucher.pay", request_id)
    form = CheckForm()
    if form.validate_on_submit():
        approve = form.verdict.data == APPROVE
        if perform(settlement.review, current_user, voucher, approve, form.comment.data, form=form):
            if approve:
                flash(_("De verantwoording is goedgekeurd. De aanvraag is afgerond."), "success")
            else:
                flash(_("De verantwoording is teruggestuurd. Het team krijgt uw opmerking."), "success")
            return _request_page(voucher)
    summary = _summary(team, voucher)
    paid, spent = ledger.held_for(voucher.id).paid_out, settlement.spent(voucher)
    return render_template(
        "vouchers/review_check.html",
        form=form,
        accountability=accountability_of(voucher),
        receipts=receipts_of(voucher),
        paid=paid,
        spent=spent,
        returning=max(paid - spent, 0),
        waiting=voucher.status == RequestStatus.ACCOUNTED,
        **summary,
    )
