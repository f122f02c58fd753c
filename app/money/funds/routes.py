"""The funds' pages: coordinators set up a fund, its regie-group and correct its ledger; the
regie-group reads its own fund; everyone reads the public summary and decision list."""

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.accounts.services import find_user_by_email
from app.core.cache import public_page
from app.core.csv_export import csv_response
from app.core.params import page_arg, text_arg
from app.core.policy import authorize, can, is_staff, requires
from app.core.scope import in_scope
from app.core.timezone import local_today
from app.core.views import perform
from app.extensions import db
from app.money import ledger, regie
from app.money.funds import queries, services
from app.money.funds.export import ledger_csv as csv_lines
from app.money.funds.forms import AppointForm, CorrectionForm, FundForm, SeatForm
from app.money.funds.labels import ENTRY_LABELS, ROLE_LABELS, RULE_LABELS
from app.money.models import COST_CATEGORIES, DecisionRule, EntryKind, Fund, RegieMember, RegieRole
from app.money.requests.labels import OUTCOME_LABELS
from app.money.requests.models import RequestStatus
from app.places.models import Neighbourhood

bp = Blueprint("funds", __name__)

EARLIER = "eerder"  # ?periode=eerder: the funds whose period has ended
# What the public fund pages show: each fund's money (its ledger) and the activities it supported.
PUBLIC_FUNDS = ("fund", "neighbourhood", "ledger_entry", "voucher_request")

# A new fund starts with the rules most funds have; the coordinator changes what differs.
NEW_FUND = {
    "support_percent": 10,
    "min_team_size": 3,
    "categories": list(COST_CATEGORIES),
    "accountability_days": 30,
    "objection_days": 14,
    "quorum": 3,
    "decision_rule": DecisionRule.MAJORITY,
}


@bp.context_processor
def labels():
    return {
        "ENTRY_LABELS": ENTRY_LABELS,
        "REGIE_ROLE_LABELS": ROLE_LABELS,
        "RULE_LABELS": RULE_LABELS,
        "OUTCOME_LABELS": OUTCOME_LABELS,
        "CORRECTION": EntryKind.CORRECTION,
    }


def _fund(fund_id: int, action: str):
    fund = queries.fund_or_404(fund_id)
    authorize(current_user, action, fund)
    return fund


def _fund_page(fund_id: int):
    return redirect(url_for("funds.show", fund_id=fund_id))


@bp.route("/fondsen")
@login_required
def index():
    """Coordinators see every fund of their scope; a regie member the funds where they sit."""
    if not is_staff(current_user):
        funds = queries.funds_of_member(current_user)
        if not funds:
            abort(403)
        return render_template("funds/index.html", summaries=queries.summaries(funds), staff=False)
    earlier, message = _period_arg()
    page = queries.period_page(page_arg(), earlier, in_scope(current_user, Fund.neighbourhood_id))
    return render_template(
        "funds/index.html", summaries=page.items, page=page, earlier=earlier, period_error=message, staff=True
    )


@bp.route("/fondsen/nieuw", methods=["GET", "POST"])
@login_required
@requires("fund.manage")
def create():
    form = FundForm(data=NEW_FUND)
    if form.validate_on_submit():
        neighbourhood = db.session.get(Neighbourhood, form.neighbourhood_id.data)
        fund = perform(
            services.create_fund, current_user, neighbourhood, form.rules(), form.total_cents.data, form=form
        )
        if fund:
            flash(_("Het buurtbudget is gemaakt. Benoem nu de regiegroep."), "success")
            return redirect(url_for("funds.regie", fund_id=fund.id))
    return render_template("funds/form.html", form=form, fund=None)


@bp.route("/fondsen/<int:fund_id>/bewerken", methods=["GET", "POST"])
@login_required
@requires("fund.manage")
def edit(fund_id):
    fund = _fund(fund_id, "fund.manage")
    shown = {name: getattr(fund, name) for name in services.RULES}
    form = FundForm(data=shown | {"total_cents": ledger.balances(fund).total})
    del form.neighbourhood_id  # a fund stays in its neighbourhood
    if form.validate_on_submit():
        if perform(services.update_fund, current_user, fund, form.rules(), form.total_cents.data, form=form):
            flash(_("De regels van het buurtbudget zijn opgeslagen."), "success")
            return _fund_page(fund_id)
    return render_template("funds/form.html", form=form, fund=fund)


@bp.route("/fondsen/<int:fund_id>")
@login_required
def show(fund_id):
    fund = _fund(fund_id, "fund.view")
    return render_template(
        "funds/show.html",
        fund=fund,
        balances=ledger.balances(fund),
        group=regie.group(fund.id),
        by_status=queries.requests_by_status(fund),
        today=local_today(),
    )


@bp.route("/fondsen/<int:fund_id>/aanvragen/<status>")
@login_required
def requests_with_status(fund_id, status):
    """All of a fund's requests with one status, paged: its page shows the first few."""
    fund = _fund(fund_id, "fund.view")
    if status not in set(RequestStatus):
        abort(404)
    status = RequestStatus(status)
    page = queries.requests_with_status(fund, status, page_arg())
    return render_template("funds/requests.html", fund=fund, status=status, page=page)


def _ledger_page(fund, form: CorrectionForm | None):
    return render_template("funds/ledger.html", fund=fund, page=queries.ledger_page(fund, page_arg()), form=form)


@bp.route("/fondsen/<int:fund_id>/kasboek", endpoint="ledger")
@login_required
def ledger_view(fund_id):
    fund = _fund(fund_id, "fund.view")
    return _ledger_page(fund, CorrectionForm() if can(current_user, "fund.correct", fund) else None)


@bp.route("/fondsen/<int:fund_id>/correctie", methods=["POST"])
@login_required
@requires("fund.correct")
def correct(fund_id):
    fund = _fund(fund_id, "fund.correct")
    form = CorrectionForm()
    if form.validate_on_submit():
        entry = perform(
            ledger.correct, current_user, fund, form.entry_id.data, form.signed_cents(), form.reason.data, form=form
        )
        if entry:
            flash(_("De correctie staat in het kasboek als boeking %(num)d.", num=entry.id), "success")
            return redirect(url_for("funds.ledger", fund_id=fund_id))
    return _ledger_page(fund, form)


@bp.route("/fondsen/<int:fund_id>/kasboek.csv")
@login_required
def ledger_csv(fund_id):
    fund = _fund(fund_id, "fund.view")
    return csv_response(f"kasboek-buurtbudget-{fund.id}-{local_today().isoformat()}.csv", csv_lines(fund))


def _seat_form(seat: RegieMember, formdata=None) -> SeatForm:
    data = {"role": seat.role, "starts_on": seat.starts_on, "ends_on": seat.ends_on}
    return SeatForm(formdata=formdata, prefix=f"zetel{seat.id}", data=data)


def _regie_page(fund, form: AppointForm, changed: SeatForm | None = None, changed_id: int | None = None):
    seats = regie.group(fund.id)
    forms = {seat.id: _seat_form(seat) for seat in seats} | ({changed_id: changed} if changed else {})
    return render_template("funds/regie.html", fund=fund, seats=seats, forms=forms, form=form, today=local_today())


@bp.route("/fondsen/<int:fund_id>/regiegroep", methods=["GET", "POST"], endpoint="regie")
@login_required
@requires("fund.manage")
def regie_group(fund_id):
    fund = _fund(fund_id, "fund.manage")
    form = AppointForm(data={"starts_on": local_today(), "ends_on": max(fund.period_end, local_today())})
    if form.validate_on_submit():
        user = find_user_by_email(form.email.data)
        if user is None:
            form.email.errors.append(_("Er is geen account met dit e-mailadres. De bewoner moet zich eerst aanmelden."))
        elif perform(
            services.appoint,
            current_user,
            fund,
            user,
            RegieRole(form.role.data),
            form.starts_on.data,
            form.ends_on.data,
            form=form,
        ):
            flash(_("%(name)s zit nu in de regiegroep.", name=user.name), "success")
            return redirect(url_for("funds.regie", fund_id=fund_id))
    return _regie_page(fund, form)


@bp.route("/fondsen/<int:fund_id>/regiegroep/<int:seat_id>", methods=["POST"])
@login_required
@requires("fund.manage")
def change_seat(fund_id, seat_id):
    fund = _fund(fund_id, "fund.manage")
    seat = queries.seat_or_404(fund, seat_id)
    form = SeatForm(prefix=f"zetel{seat.id}")
    if form.validate_on_submit():
        done = perform(
            services.change_seat,
            current_user,
            fund,
            seat,
            RegieRole(form.role.data),
            form.starts_on.data,
            form.ends_on.data,
            form=form,
        )
        if done:
            flash(_("De rol en termijn zijn opgeslagen."), "success")
            return redirect(url_for("funds.regie", fund_id=fund_id))
    return _regie_page(fund, AppointForm(formdata=None), form, seat_id)


def _period_arg() -> tuple[bool, str | None]:
    """?periode=eerder lists the funds whose period has ended; without it, the funds of now.
    Another value shows the funds of now, with a message."""
    value = text_arg("periode")
    if value and value != EARLIER:
        return False, _("Deze periode kennen we niet. U ziet nu de buurtbudgetten van nu.")
    return value == EARLIER, None


@bp.route("/buurtbudget")
@public_page(lambda: PUBLIC_FUNDS)
def public_index():
    earlier, message = _period_arg()
    page = queries.period_page(page_arg(), earlier)
    return render_template("funds/public_index.html", page=page, earlier=earlier, period_error=message)


@bp.route("/buurtbudget/<int:fund_id>")
# With its final decisions: the teams and activities they are about.
@public_page(lambda fund_id: (*PUBLIC_FUNDS, "decision", "team", "activity"))
def public_fund(fund_id):
    fund = queries.fund_or_404(fund_id)
    return render_template(
        "funds/public_fund.html",
        summary=queries.summaries([fund])[0],
        page=queries.decisions_page(fund, page_arg()),
    )
