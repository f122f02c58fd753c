from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_required

from app.core.params import page_arg, text_arg
from app.core.policy import authorize, requires
from app.core.views import perform
from app.places import services
from app.places.forms import MunicipalityForm, NeighbourhoodForm, NeighbourhoodListForm
from app.places.models import Municipality, Neighbourhood

bp = Blueprint("places", __name__)


@bp.route("/beheer/buurten")
@login_required
@requires("places.manage")
def overview():
    term = text_arg("q")
    return render_template(
        "places/overview.html",
        found=services.neighbourhood_list(term, page_arg(), current_user),
        empty=services.empty_municipalities(current_user) if not term else [],
        q=term,
    )


@bp.route("/beheer/gemeenten/nieuw", methods=["GET", "POST"], defaults={"municipality_id": None})
@bp.route("/beheer/gemeenten/<int:municipality_id>", methods=["GET", "POST"])
@login_required
@requires("places.manage")
def edit_municipality(municipality_id):
    if municipality_id is None:
        authorize(current_user, "places.add_municipality")
    municipality = services.place_or_404(current_user, Municipality, municipality_id) if municipality_id else None
    form = MunicipalityForm(obj=municipality)
    if form.validate_on_submit():
        if perform(services.save_municipality, current_user, municipality, form.name.data, form=form):
            flash(_("De gemeente is opgeslagen."), "success")
            return redirect(url_for("places.overview"))
    return render_template("places/municipality_form.html", form=form, municipality=municipality)


@bp.route("/beheer/buurten/nieuw", methods=["GET", "POST"], defaults={"neighbourhood_id": None})
@bp.route("/beheer/buurten/<int:neighbourhood_id>", methods=["GET", "POST"])
@login_required
@requires("places.manage")
def edit_neighbourhood(neighbourhood_id):
    neighbourhood = services.place_or_404(current_user, Neighbourhood, neighbourhood_id) if neighbourhood_id else None
    form = NeighbourhoodForm(obj=neighbourhood)
    form.municipality_id.choices = services.municipality_choices(current_user)
    if form.validate_on_submit():
        saved = perform(
            services.save_neighbourhood,
            current_user,
            neighbourhood,
            form.municipality_id.data,
            form.name.data,
            form.cbs_code.data,
            form.homes.data,
            form.postcode_list,
            form=form,
        )
        if saved:
            flash(_("De buurt is opgeslagen."), "success")
            return redirect(url_for("places.overview"))
    return render_template("places/neighbourhood_form.html", form=form, neighbourhood=neighbourhood)


@bp.route("/beheer/buurten/lijst", methods=["GET", "POST"])
@login_required
@requires("places.manage")
def add_list():
    form = NeighbourhoodListForm()
    form.municipality_id.choices = services.municipality_choices(current_user)
    if form.validate_on_submit():
        added = perform(services.add_neighbourhoods, current_user, form.municipality_id.data, form.parsed, form=form)
        if added:
            flash(ngettext("%(num)d buurt is toegevoegd.", "%(num)d buurten zijn toegevoegd.", added), "success")
            return redirect(url_for("places.overview"))
    return render_template("places/neighbourhood_list_form.html", form=form)
