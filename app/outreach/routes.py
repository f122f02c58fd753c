"""Outreach pages for coordinators: per neighbourhood its areas, their visit rounds and the
activation rate over time with the band the source calls a good result."""

from datetime import date

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import format_date
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.core.charts import Chart, format_value
from app.core.forms import ConfirmForm
from app.core.params import page_arg
from app.core.policy import requires
from app.core.timezone import local_today
from app.core.views import perform
from app.outreach import services
from app.outreach.forms import AreaForm, RecordForm
from app.outreach.models import FIGURES, KIND_LABELS
from app.outreach.rates import GOOD_BAND, MEETING_FROM, MEETING_UP_TO, NeighbourhoodActivation
from app.places.services import municipalities

bp = Blueprint("outreach", __name__)

MONTHS_SHOWN = 12
MAX_AREA_LINES = 5  # with more areas the chart shows the neighbourhood only; the table has every area


@bp.context_processor
def labels():
    return {
        "AREA_KIND_LABELS": KIND_LABELS,
        "FIGURES": FIGURES,
        "MEETING_FROM": MEETING_FROM,
        "MEETING_UP_TO": MEETING_UP_TO,
        "percent": lambda rate: format_value(rate, "percent"),
    }


def _months_back(today: date, months: int) -> date:
    index = today.year * 12 + today.month - 1 - (months - 1)
    return date(index // 12, index % 12 + 1, 1)


def rate_chart(activation: NeighbourhoodActivation) -> Chart:
    """The neighbourhood's rate per month, with its areas when they fit as separate lines."""
    series = {_("Hele buurt"): [rate for _month, rate in activation.monthly]}
    measured = [area for area in activation.areas if area.homes]
    if len(measured) <= MAX_AREA_LINES:
        series |= {area.name: [rate for _month, rate in area.monthly] for area in measured}
    return Chart(
        _("Activatie per maand"),
        [format_date(first, "MMM y") for first, _rate in activation.monthly],
        series,
        unit="percent",
        kind="line",
        band=GOOD_BAND,
        band_label=_("Goed resultaat volgens Vitale Wijken"),
        key="activatie",
        label_heading=_("Maand"),
    )


@bp.route("/huisbezoeken")
@login_required
@requires("outreach.manage")
def index():
    places = municipalities(current_user)
    today = local_today()
    ids = [hood.id for municipality in places for hood in municipality.neighbourhoods]
    return render_template("outreach/index.html", places=places, rates=services.activation_rates(ids, today, today))


def _neighbourhood_page(neighbourhood, area_form: AreaForm | None = None, record_form: RecordForm | None = None):
    today = local_today()
    activation = services.activation_rates([neighbourhood.id], _months_back(today, MONTHS_SHOWN), today)[
        neighbourhood.id
    ]
    record_form = record_form or RecordForm(formdata=None, data={"visited_on": today})
    record_form.area_id.choices = [(area.area_id, area.name) for area in activation.areas]
    return render_template(
        "outreach/neighbourhood.html",
        neighbourhood=neighbourhood,
        activation=activation,
        chart=rate_chart(activation),
        page=services.records_page(neighbourhood, page_arg()),
        area_form=area_form or AreaForm(formdata=None),
        record_form=record_form,
        delete_form=ConfirmForm(formdata=None),
    )


def _to_neighbourhood(neighbourhood_id: int):
    return redirect(url_for("outreach.neighbourhood", neighbourhood_id=neighbourhood_id))


@bp.route("/buurten/<int:neighbourhood_id>/huisbezoeken")
@login_required
@requires("outreach.manage")
def neighbourhood(neighbourhood_id):
    return _neighbourhood_page(services.neighbourhood_or_404(current_user, neighbourhood_id))


@bp.route("/buurten/<int:neighbourhood_id>/huisbezoeken/gebieden", methods=["POST"])
@login_required
@requires("outreach.manage")
def add_area(neighbourhood_id):
    hood = services.neighbourhood_or_404(current_user, neighbourhood_id)
    form = AreaForm()
    if form.validate_on_submit():
        area = perform(services.add_area, current_user, hood, **form.values(), form=form)
        if area:
            flash(_("Het gebied %(name)s is toegevoegd.", name=area.name), "success")
            return _to_neighbourhood(neighbourhood_id)
    return _neighbourhood_page(hood, area_form=form)


@bp.route("/buurten/<int:neighbourhood_id>/huisbezoeken/rondes", methods=["POST"])
@login_required
@requires("outreach.manage")
def add_record(neighbourhood_id):
    hood = services.neighbourhood_or_404(current_user, neighbourhood_id)
    form = RecordForm()
    form.area_id.choices = [(area.id, area.name) for area in services.areas_of(hood)]
    if form.validate_on_submit():
        area = services.area_in(hood, form.area_id.data)
        if perform(services.record_round, current_user, area, form.visited_on.data, form.figures(), form=form):
            flash(_("De ronde in %(name)s is opgeslagen.", name=area.name), "success")
            return _to_neighbourhood(neighbourhood_id)
    return _neighbourhood_page(hood, record_form=form)


@bp.route("/huisbezoeken/gebieden/<int:area_id>", methods=["GET", "POST"])
@login_required
@requires("outreach.manage")
def edit_area(area_id):
    area = services.area_or_404(current_user, area_id)
    form = AreaForm(data={"name": area.name, "kind": area.kind.value, "homes": area.homes})
    if form.validate_on_submit():
        if perform(services.update_area, current_user, area, **form.values(), form=form):
            flash(_("Het gebied is opgeslagen."), "success")
            return _to_neighbourhood(area.neighbourhood_id)
    return render_template("outreach/area_form.html", form=form, area=area)


@bp.route("/huisbezoeken/rondes/<int:record_id>/verwijderen", methods=["GET", "POST"])
@login_required
@requires("outreach.manage")
def delete_record(record_id):
    """Asks first: a round's figures are typed from paper that may be gone."""
    entry = services.record_or_404(current_user, record_id)
    neighbourhood_id = entry.area.neighbourhood_id
    form = ConfirmForm()
    if form.validate_on_submit():
        if perform(services.delete_record, current_user, entry):
            flash(_("De ronde is verwijderd."), "success")
        return _to_neighbourhood(neighbourhood_id)
    return render_template("outreach/delete_record.html", entry=entry, form=form)
