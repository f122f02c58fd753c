"""The team's side of a voucher request: the list, the draft with its budget, submitting,
withdrawing, objecting, and the request's page that every side sees. This module defines
the `vouchers` blueprint; review.routes (the regie-group) and settlement.routes (the
accountability, payout and check) add their views to it (app.money.routes imports them all)."""

from flask import Blueprint, current_app, flash, redirect, render_template, url_for
from flask import request as http
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.core.forms import ConfirmForm
from app.core.i18n import lazy_gettext as _l
from app.core.policy import authorize, can
from app.core.timezone import local_today
from app.core.views import perform
from app.money.models import COST_CATEGORIES
from app.money.requests import queries
from app.money.requests import services as requests
from app.money.requests.forms import ChooseFundForm, ObjectionForm, RequestForm, SureForm
from app.money.requests.labels import ACCOUNTABILITY_LABELS, HISTORY_LABELS, OUTCOME_LABELS, STATUS_LABELS
from app.money.requests.models import AWARDED, OPEN_FOR_ADVICE, RequestStatus, overdue
from app.teams import services as teams

bp = Blueprint("vouchers", __name__)

# The regie-group's and coordinators' pages (review.routes, settlement.routes), for the
# statuses where they apply: (endpoint, rule, statuses, label).
REGIE_ACTIONS = (
    ("vouchers.assess", "voucher.assess", OPEN_FOR_ADVICE, _l("Advies geven")),
    ("vouchers.decide", "voucher.decide", OPEN_FOR_ADVICE, _l("Besluit vastleggen")),
    ("vouchers.payout_page", "voucher.pay", AWARDED, _l("Uitbetaling vastleggen")),
    ("vouchers.review_accountability", "voucher.pay", (RequestStatus.ACCOUNTED,), _l("Verantwoording controleren")),
)


@bp.app_context_processor
def labels():
    # App-wide: the fund pages list requests too.
    return {
        "VOUCHER_STATUS_LABELS": STATUS_LABELS,
        "COST_CATEGORIES": COST_CATEGORIES,
        "is_overdue": overdue,
    }


def request_page(voucher):
    """Back to the request's page (every side's actions end there)."""
    return redirect(url_for("vouchers.show", team_id=voucher.team_id, request_id=voucher.id))


def _flash_errors(form) -> None:
    for errors in form.errors.values():
        flash(errors[0], "error")


@bp.route("/teams/<int:team_id>/vouchers")
@login_required
def index(team_id):
    team = teams.load_team_or_404(team_id)
    authorize(current_user, "voucher.view_team", team)
    funds = queries.funds_for(team)
    return render_template(
        "vouchers/index.html",
        team=team,
        vouchers=queries.team_requests(team),
        open_funds=[fund for fund in funds if queries.is_open(fund)],
        funds=funds,
        team_size=requests.team_size(team),
    )


def _id_arg(name: str) -> int | None:
    value = http.args.get(name, "")
    return int(value) if value.isascii() and value.isdigit() and len(value) < 10 else None


def _chosen_fund(form: RequestForm, funds: list, voucher):
    """The fund whose cost categories the rows offer: the one sent; on a first look the one
    chosen in the first step (?fonds=), the draft's, or the only one."""
    if http.method == "POST":
        wanted = form.fund_id.data
    else:
        wanted = _id_arg("fonds") or (voucher.fund_id if voucher else None)
        wanted = wanted or (funds[0].id if len(funds) == 1 else None)
    fund = next((fund for fund in funds if fund.id == wanted), None)
    if fund is not None and http.method == "GET":
        form.fund_id.data = fund.id
    return fund


def _other_draft(team, voucher, form: RequestForm):
    """The team's draft for the chosen activity, when this form would make a second one."""
    activity_id = form.activity_id.data
    if voucher is not None and voucher.activity_id == activity_id:
        return None
    return requests.other_draft(team, activity_id, voucher)


def _request_form(team, voucher, form: RequestForm):
    """The form of a new or draft request; "Opslaan en indienen" saves, then submits. When
    the submit breaks rules, the saved draft stays and the page says so, with every broken
    rule. With several funds a new request starts by choosing the fund (its categories)."""
    funds = queries.funds_for(team, voucher.fund_id if voucher else None)
    plannable = queries.plannable(team, voucher.activity_id if voucher else None)
    form.fund_id.choices = [(fund.id, fund.name) for fund in funds]
    form.activity_id.choices = [(activity.id, activity.title) for activity in plannable]
    chosen = _chosen_fund(form, funds, voucher)
    if chosen is None and len(funds) > 1 and http.method == "GET":
        return _choose_fund(team, voucher, funds)
    form.offer(chosen)
    saved_now = False
    if form.validate_on_submit():
        activity = next(activity for activity in plannable if activity.id == form.activity_id.data)
        values = (chosen, activity, form.motivation.data, form.budget())
        options = {"another": form.another.data, "send": form.send.data}
        done = perform(requests.save, current_user, team, voucher, *values, **options, form=form)
        if done:
            saved, broken = done
            if not broken:
                if form.send.data:
                    flash(_("De aanvraag is ingediend. De regiegroep gaat ernaar kijken."), "success")
                else:
                    flash(_("Het concept is opgeslagen. Dien het in als het af is."), "success")
                return request_page(saved)
            form.form_errors.extend(broken)
            voucher, saved_now = saved, True
    return render_template(
        "vouchers/form.html",
        form=form,
        team=team,
        voucher=voucher,
        funds=funds,
        chosen=chosen,
        saved_now=saved_now,
        other_draft=_other_draft(team, voucher, form),
        # The refusal is in the error summary already: then only the way to the draft.
        draft_refused=str(requests.SECOND_DRAFT) in map(str, form.form_errors),
    )


def _choose_fund(team, voucher, funds: list):
    """The first step: which fund (a wrong ?fonds= gets its message)."""
    form = ChooseFundForm.of(funds, http.args)
    if "stap" in http.args or "fonds" in http.args:  # sent: without a choice no "fonds" comes
        form.validate()
    activity_id = _id_arg("activiteit")
    return render_template(
        "vouchers/choose_fund.html",
        form=form,
        team=team,
        voucher=voucher,
        funds=funds,
        activity_id=activity_id,
        other_draft=requests.other_draft(team, activity_id) if voucher is None else None,
    )


@bp.route("/teams/<int:team_id>/vouchers/nieuw", methods=["GET", "POST"])
@login_required
def create(team_id):
    team = teams.load_team_or_404(team_id)
    authorize(current_user, "voucher.apply", team)
    form = RequestForm()
    if http.method == "GET":
        form.activity_id.data = _id_arg("activiteit")
    return _request_form(team, None, form)


@bp.route("/teams/<int:team_id>/vouchers/<int:request_id>/bewerken", methods=["GET", "POST"])
@login_required
def edit(team_id, request_id):
    team, voucher = queries.load_for_team(current_user, team_id, request_id)
    if voucher.status != RequestStatus.DRAFT:
        flash(_("Alleen een concept kunt u nog aanpassen."), "error")
        return request_page(voucher)
    lines = [{"category": x.category, "description": x.description, "amount": x.amount_cents} for x in voucher.lines]
    form = RequestForm(
        data={
            "fund_id": voucher.fund_id,
            "activity_id": voucher.activity_id,
            "motivation": voucher.motivation,
            "lines": lines,
        }
    )
    if http.method == "GET":  # spare rows, so a saved draft can grow
        while len(form.lines) < min(len(voucher.lines) + 2, requests.MAX_LINES):
            form.lines.append_entry()
    return _request_form(team, voucher, form)


def _regie_actions(voucher) -> list[tuple[str, str]]:
    """(label, url) of the regie-group's and coordinators' pages for what this person may do
    with the request now (review.routes, settlement.routes)."""
    return [
        (label, url_for(endpoint, request_id=voucher.id))
        for endpoint, action, statuses, label in REGIE_ACTIONS
        if endpoint in current_app.view_functions and voucher.status in statuses and can(current_user, action, voucher)
    ]


@bp.route("/teams/<int:team_id>/vouchers/<int:request_id>")
@login_required
def show(team_id, request_id):
    team, voucher = queries.load_request(current_user, "voucher.view", request_id, team_id)
    fund, activity = queries.fund_and_activity(voucher)
    objection_until = requests.objection_ends_on(voucher, fund)
    return render_template(
        "vouchers/show.html",
        team=team,
        voucher=voucher,
        fund=fund,
        activity=activity,
        decisions=queries.decisions(voucher),
        history=queries.history(voucher, current_user),
        accountability=queries.accountability_of(voucher),
        receipts=queries.receipts_of(voucher) if can(current_user, "voucher.receipts", voucher) else [],
        objection_until=objection_until if objection_until and local_today() <= objection_until else None,
        overdue=overdue(voucher),
        regie_actions=_regie_actions(voucher),
        sure_form=SureForm(formdata=None),
        objection_form=ObjectionForm(formdata=None),
        OUTCOME_LABELS=OUTCOME_LABELS,
        HISTORY_LABELS=HISTORY_LABELS,
        ACCOUNTABILITY_LABELS=ACCOUNTABILITY_LABELS,
    )


@bp.route("/teams/<int:team_id>/vouchers/<int:request_id>/indienen", methods=["POST"])
@login_required
def submit(team_id, request_id):
    team, voucher = queries.load_for_team(current_user, team_id, request_id)
    if ConfirmForm().validate_on_submit() and perform(requests.submit, current_user, team, voucher):
        flash(_("De aanvraag is ingediend. De regiegroep gaat ernaar kijken."), "success")
    return request_page(voucher)


@bp.route("/teams/<int:team_id>/vouchers/<int:request_id>/verwijderen", methods=["POST"])
@login_required
def delete(team_id, request_id):
    team, voucher = queries.load_for_team(current_user, team_id, request_id)
    form = SureForm()
    if not form.validate_on_submit():
        _flash_errors(form)
    elif perform(requests.delete_draft, current_user, team, voucher):
        flash(_("Het concept is weggegooid."), "success")
        return redirect(url_for("vouchers.index", team_id=team.id))
    return request_page(voucher)


@bp.route("/teams/<int:team_id>/vouchers/<int:request_id>/intrekken", methods=["POST"])
@login_required
def withdraw(team_id, request_id):
    team, voucher = queries.load_for_team(current_user, team_id, request_id)
    form = SureForm()
    if not form.validate_on_submit():
        _flash_errors(form)
    elif perform(requests.withdraw, current_user, team, voucher):
        flash(_("De aanvraag is ingetrokken. De regiegroep kijkt er niet meer naar."), "success")
    return request_page(voucher)


@bp.route("/teams/<int:team_id>/vouchers/<int:request_id>/bezwaar", methods=["POST"])
@login_required
def object(team_id, request_id):  # noqa: A001 - the endpoint's name is vouchers.object
    team, voucher = queries.load_for_team(current_user, team_id, request_id)
    form = ObjectionForm()
    if not form.validate_on_submit():
        _flash_errors(form)
    elif perform(requests.object_to, current_user, team, voucher, form.reason.data):
        flash(_("Uw bezwaar is verstuurd. De regiegroep kijkt nog een keer naar de aanvraag."), "success")
    return request_page(voucher)
