"""Reports for coordinators (per neighbourhood and period, with charts and CSV) and the
public impact page."""

from flask import Blueprint, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.core import share
from app.core.cache import public_page
from app.core.csv_export import csv_response
from app.core.params import page_arg
from app.core.policy import requires
from app.core.scope import in_scope
from app.core.timezone import local_today
from app.core.urls import query_args
from app.places.models import Neighbourhood
from app.places.services import neighbourhood_choices
from app.reports import public, services
from app.reports.forms import ReportForm
from app.reports.period import default_period, quick_picks

bp = Blueprint("reports", __name__)

TABLES = ", ".join(f"'{key}'" for key in services.CHART_KEYS)


def _choice() -> tuple[ReportForm, list[tuple[int, str]], bool]:
    """The form read from the link, the neighbourhoods in the report (of the reader's scope:
    the form knows no other), and whether it is valid."""
    choices = neighbourhood_choices(in_scope(current_user, Neighbourhood.id))
    form = ReportForm(request.args)
    form.fill(default_period(local_today()))
    valid = form.validate()
    return form, services.hood_scope(choices, form.neighbourhood_id) if valid else [], valid


@bp.route("/rapportages")
@login_required
@requires("report.view")
def index():
    form, hoods, valid = _choice()
    report = services.build(form.period(), hoods) if valid else None
    buurt = form.buurt.data if valid and form.buurt.data else None
    return render_template(
        "reports/index.html",
        form=form,
        report=report,
        buurt=buurt,
        picks=quick_picks(local_today()),
        hood_name=dict(hoods).get(form.neighbourhood_id) if valid and form.neighbourhood_id else None,
    )


@bp.route(f"/rapportages/<any({TABLES}):tabel>.csv")
@login_required
@requires("report.view")
def download(tabel):
    form, hoods, valid = _choice()
    if not valid:  # the page says what is wrong with the choice
        return redirect(url_for("reports.index", **query_args()))
    period = form.period()
    chart = services.build(period, hoods, only=tabel).chart(tabel)
    scope = f"buurt-{form.neighbourhood_id}" if form.neighbourhood_id else "alle-buurten"
    name = f"rapportage-{tabel}-{scope}-{period.start.isoformat()}-{period.end.isoformat()}.csv"
    return csv_response(name, services.chart_csv(chart))


# The figures of every neighbourhood: the page is rendered again only after one of these tables changed.
IMPACT = ("team", "activity", "evaluation", "photo", "fund", "ledger_entry", "neighbourhood", "municipality")


@bp.route("/wat-bewoners-samen-doen")
@public_page(lambda: IMPACT)
def impact():
    """Wat bewoners samen doen: totals per neighbourhood and the stories teams made public."""
    impact = public.impact(page_arg())
    photos = [photo for item in impact.stories for photo in item.story.photos]
    preview = share.preview(
        _("Wat bewoners samen doen"),
        _("Wat teams van bewoners samen doen in hun buurt: hun activiteiten, de buren die meededen en hun verhalen."),
        "reports.impact",
        photo=photos[0] if photos else None,
    )
    return render_template("reports/impact.html", impact=impact, preview=preview)
