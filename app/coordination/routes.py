"""The coordinator's dashboard: the signals that need attention first, then every team."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

# The reminders register how their messages read: every process shows them (and the digest).
from app.coordination import (
    reminders,  # noqa: F401
    services,
)
from app.coordination.forms import FilterForm, SnoozeForm
from app.coordination.labels import SIGNAL_HINTS, SIGNAL_LABELS
from app.coordination.models import SignalKind
from app.core.forms import ConfirmForm
from app.core.pagination import Page, cursor_arg
from app.core.params import page_arg
from app.core.policy import authorize, requires
from app.core.scope import scope_of
from app.core.timezone import local_today
from app.core.views import perform
from app.teams.labels import STATUS_LABELS
from app.teams.services import load_team_or_404

bp = Blueprint("coordination", __name__)

# The dashboard shows the most urgent signals; the signal list shows them all.
FIRST_SIGNALS = 10
SIGNALS_PER_PAGE = 50
# The dashboard counts each kind up to this number ("100 of meer"); the signal list counts all.
COUNTED_UP_TO = 100


@bp.context_processor
def labels():
    return {"SIGNAL_LABELS": SIGNAL_LABELS, "SIGNAL_HINTS": SIGNAL_HINTS, "TEAM_STATUSES": STATUS_LABELS}


def _filters() -> FilterForm:
    form = FilterForm(request.args)
    form.validate()
    return form


@bp.route("/coordinatie")
@login_required
@requires("coordination.view")
def dashboard():
    form = _filters()
    counts = services.signal_counts(current_user, form.neighbourhood_id, up_to=COUNTED_UP_TO)
    first = services.signal_page(current_user, form.neighbourhood_id, counts, FIRST_SIGNALS)
    return render_template(
        "coordination/dashboard.html",
        form=form,
        signals=first,
        questions=services.questions_in(first),
        vouchers=services.vouchers_in(first),
        total=counts.total(),
        counts=counts,
        up_to=COUNTED_UP_TO,
        teams=services.team_page(current_user, form.neighbourhood_id, cursor_arg()),
        scope=scope_of(current_user),
    )


@bp.route("/coordinatie/signalen")
@login_required
@requires("coordination.view")
def signal_list():
    form = _filters()
    counts = services.signal_counts(current_user, form.neighbourhood_id, form.kind)
    total = counts.total()
    number = min(page_arg(), max(1, -(-total // SIGNALS_PER_PAGE)))
    found = services.signal_page(
        current_user, form.neighbourhood_id, counts, SIGNALS_PER_PAGE, (number - 1) * SIGNALS_PER_PAGE
    )
    page = Page(found, number, SIGNALS_PER_PAGE, total)
    return render_template(
        "coordination/signals.html",
        form=form,
        page=page,
        questions=services.questions_in(page.items),
        vouchers=services.vouchers_in(page.items),
        snoozed=services.snoozed_list(current_user, form.neighbourhood_id),
        wake_form=ConfirmForm(),
    )


def _signal_or_404(kind: str, team_id: int, subject_id: int):
    """The signal's kind and team; a team outside the coordinator's scope does not exist (404)."""
    if kind not in set(SignalKind):
        abort(404)
    team = load_team_or_404(team_id)
    authorize(current_user, "coordination.snooze", team)
    return SignalKind(kind), team


@bp.route("/coordinatie/signalen/<kind>/<int:team_id>/<int:subject_id>/uitstellen", methods=["GET", "POST"])
@login_required
@requires("coordination.snooze")
def snooze(kind, team_id, subject_id):
    kind, team = _signal_or_404(kind, team_id, subject_id)
    form = SnoozeForm()
    if form.validate_on_submit():
        done = perform(
            services.snooze, current_user, kind, team, subject_id, form.until.data, form.reason.data, form=form
        )
        if done:
            flash(
                _("Het signaal is uitgesteld tot en met %(day)s.", day=form.until.data.strftime("%d-%m-%Y")), "success"
            )
            return redirect(url_for("coordination.signal_list"))
    return render_template(
        "coordination/snooze.html", form=form, kind=kind, team=team, subject_id=subject_id, today=local_today()
    )


@bp.route("/coordinatie/uitgesteld/<int:snooze_id>/terughalen", methods=["POST"])
@login_required
@requires("coordination.snooze")
def wake(snooze_id):
    if ConfirmForm().validate_on_submit() and perform(services.wake, current_user, snooze_id):
        flash(_("Het signaal staat weer in de lijst, als het er nog is."), "success")
    return redirect(url_for("coordination.signal_list"))
