"""The team's side of a voucher request: the list, the draft with its budget, submitting,
withdrawing, objecting, and the accountability with its receipts. The regie-group's and
coordinators' side is in review_routes, on the same blueprint."""

import io

from flask import Blueprint, abort, current_app, flash, redirect, render_template, send_file, url_for
from flask import request as http
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from app.core import resubmit, uploads
from app.core.forms import ConfirmForm
from app.core.policy import authorize, can
from app.core.throttle import limit_uploads
from app.core.timezone import local_today
from app.core.views import perform
from app.extensions import csrf
from app.money.models import COST_CATEGORIES
from app.money.requests import loaders as services
from app.money.requests import queries as team_pages
from app.money.requests import services as requests
from app.money.requests.forms import AccountForm, ChooseFundForm, ObjectionForm, ReceiptForm, RequestForm, SureForm
from app.money.requests.labels import ACCOUNTABILITY_LABELS, HISTORY_LABELS, OUTCOME_LABELS, STATUS_LABELS
from app.money.requests.models import AWARDED, OPEN_FOR_ADVICE, RequestStatus
from app.money.review import queries as review_queries
from app.money.settlement import services as settlement
from app.teams import services as teams

bp = Blueprint("vouchers", __name__)

# The regie-group's and coordinators' pages (review_routes), for the statuses where they
# apply: (endpoint, rule, statuses, label).
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
        "is_overdue": settlement.overdue,
    }


def _page(team, voucher):
    return redirect(url_for("vouchers.show", team_id=team.id, request_id=voucher.id))


def _load(team_id: int, request_id: int):
    """For the trekkers' actions: the team (404), the right to act for it (403), then the
    team's own request (404: another team's request does not exist here)."""
    team = teams.load_team_or_404(team_id)
    authorize(current_user, "voucher.apply", team)
    return services.load_request(current_user, "voucher.view", request_id, team.id)


def _flash_errors(form) -> None:
    for errors in form.errors.values():
        flash(errors[0], "error")


@bp.route("/teams/<int:team_id>/vouchers")
@login_required
def index(team_id):
    team = teams.load_team_or_404(team_id)
    authorize(current_user, "voucher.view_team", team)
    funds = team_pages.funds_for(team)
    return render_template(
        "vouchers/index.html",
        team=team,
        vouchers=team_pages.team_requests(team),
        open_funds=[fund for fund in funds if team_pages.is_open(fund)],
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
    funds = team_pages.funds_for(team, voucher.fund_id if voucher else None)
    plannable = team_pages.plannable(team, voucher.activity_id if voucher else None)
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
        saved = perform(requests.save_draft, current_user, team, voucher, *values, another=form.another.data, form=form)
        if saved and not form.send.data:
            flash(_("Het concept is opgeslagen. Dien het in als het af is."), "success")
            return _page(team, saved)
        if saved:
            if perform(requests.submit, current_user, team, saved, form=form):
                flash(_("De aanvraag is ingediend. De regiegroep gaat ernaar kijken."), "success")
                return _page(team, saved)
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
    team, voucher = _load(team_id, request_id)
    if voucher.status != RequestStatus.DRAFT:
        flash(_("Alleen een concept kunt u nog aanpassen."), "error")
        return _page(team, voucher)
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
    with the request now (review_routes)."""
    return [
        (label, url_for(endpoint, request_id=voucher.id))
        for endpoint, action, statuses, label in REGIE_ACTIONS
        if endpoint in current_app.view_functions and voucher.status in statuses and can(current_user, action, voucher)
    ]


@bp.route("/teams/<int:team_id>/vouchers/<int:request_id>")
@login_required
def show(team_id, request_id):
    team, voucher = services.load_request(current_user, "voucher.view", request_id, team_id)
    fund, activity = team_pages.fund_and_activity(voucher)
    objection_until = requests.objection_ends_on(voucher, fund)
    return render_template(
        "vouchers/show.html",
        team=team,
        voucher=voucher,
        fund=fund,
        activity=activity,
        decisions=services.decisions(voucher),
        history=services.history(voucher, current_user),
        accountability=review_queries.accountability_of(voucher),
        receipts=review_queries.receipts_of(voucher) if can(current_user, "voucher.receipts", voucher) else [],
        objection_until=objection_until if objection_until and local_today() <= objection_until else None,
        overdue=settlement.overdue(voucher),
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
    team, voucher = _load(team_id, request_id)
    if ConfirmForm().validate_on_submit() and perform(requests.submit, current_user, team, voucher):
        flash(_("De aanvraag is ingediend. De regiegroep gaat ernaar kijken."), "success")
    return _page(team, voucher)


@bp.route("/teams/<int:team_id>/vouchers/<int:request_id>/verwijderen", methods=["POST"])
@login_required
def delete(team_id, request_id):
    team, voucher = _load(team_id, request_id)
    form = SureForm()
    if not form.validate_on_submit():
        _flash_errors(form)
    elif perform(requests.delete_draft, current_user, team, voucher):
        flash(_("Het concept is weggegooid."), "success")
        return redirect(url_for("vouchers.index", team_id=team.id))
    return _page(team, voucher)


@bp.route("/teams/<int:team_id>/vouchers/<int:request_id>/intrekken", methods=["POST"])
@login_required
def withdraw(team_id, request_id):
    team, voucher = _load(team_id, request_id)
    form = SureForm()
    if not form.validate_on_submit():
        _flash_errors(form)
    elif perform(requests.withdraw, current_user, team, voucher):
        flash(_("De aanvraag is ingetrokken. De regiegroep kijkt er niet meer naar."), "success")
    return _page(team, voucher)


@bp.route("/teams/<int:team_id>/vouchers/<int:request_id>/bezwaar", methods=["POST"])
@login_required
def object(team_id, request_id):  # noqa: A001 - the endpoint's name is vouchers.object
    team, voucher = _load(team_id, request_id)
    form = ObjectionForm()
    if not form.validate_on_submit():
        _flash_errors(form)
    elif perform(requests.object_to, current_user, team, voucher, form.reason.data):
        flash(_("Uw bezwaar is verstuurd. De regiegroep kijkt nog een keer naar de aanvraag."), "success")
    return _page(team, voucher)


@bp.route("/teams/<int:team_id>/vouchers/<int:request_id>/verantwoording", methods=["GET", "POST"])
@login_required
def account(team_id, request_id):
    team, voucher = _load(team_id, request_id)
    if voucher.status != RequestStatus.PAID_OUT:
        flash(_("Verantwoorden kan nadat het geld is uitbetaald, en één keer tot de controle."), "error")
        return _page(team, voucher)
    fund, activity = team_pages.fund_and_activity(voucher)
    accountability = review_queries.accountability_of(voucher)
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
            return _page(team, voucher)
    return render_template(
        "vouchers/account.html",
        team=team,
        voucher=voucher,
        fund=fund,
        activity=activity,
        accountability=accountability,
        form=form,
        receipts=review_queries.receipts_of(voucher),
        receipt_form=ReceiptForm(),
        receipt_limit_mb=current_app.config["RECEIPT_MAX_BYTES"] // (1024 * 1024),
        overdue=settlement.overdue(voucher),
    )


# Adding or removing a receipt posts the whole accountability form, and shows its page
# again with everything typed in it (core.resubmit): another action loses nothing.


@bp.route("/teams/<int:team_id>/vouchers/<int:request_id>/bonnen", methods=["POST"])
@csrf.exempt  # checked below, once the larger limit for a receipt is set
@login_required
@limit_uploads
def upload_receipt(team_id, request_id):
    team, voucher = _load(team_id, request_id)
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
    team, voucher = _load(team_id, request_id)
    receipt = team_pages.receipt_of(voucher, receipt_id)
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
    found = team_pages.receipt_for(current_user, team_id, request_id, receipt_id)
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


from app.money.review import routes as review_routes  # noqa: E402,F401 - registers its views on bp
