"""The regie-group's side of a voucher request (the work list, an advice, the decision), on
the vouchers blueprint (requests.routes).

Names: `voucher` is the VoucherRequest, `request` stays Flask's."""

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.core.policy import can, is_staff
from app.core.views import perform
from app.money import ledger
from app.money.funds.labels import RULE_LABELS
from app.money.requests import queries
from app.money.requests.labels import ACCOUNTABILITY_LABELS, ADVICE_LABELS, OUTCOME_LABELS
from app.money.requests.models import AWARDED, OPEN_FOR_ADVICE, Outcome, VoucherRequest, departs
from app.money.requests.routes import bp, request_page
from app.money.requests.services import team_total
from app.money.review import services as review
from app.money.review.forms import AdviceForm, DecisionForm
from app.money.review.queries import (
    earlier_requests,
    serves_anywhere,
    work_of,
)


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
    team, voucher = queries.load_request(current_user, "voucher.assess", request_id)
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
    summary = queries.summary(team, voucher)
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
    team, voucher = queries.load_request(current_user, "voucher.decide", request_id)
    form = DecisionForm()
    if form.validate_on_submit():
        values = (form.outcome.data, form.amount.data or 0, form.motivation.data)
        if perform(review.decide, current_user, voucher, *values, form=form):
            flash(_("Het besluit is vastgelegd. Het team krijgt bericht, met uw uitleg."), "success")
            return request_page(voucher)
    summary = queries.summary(team, voucher)
    given = review.advices(voucher)
    suggested = review.suggestion(summary["fund"], voucher, given)
    return render_template(
        "vouchers/review_decide.html",
        form=form,
        given=given,
        suggested=suggested,
        departing=_departing(voucher, form, suggested),
        decisions=queries.decisions(voucher),
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
