from flask import Blueprint, abort, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.activities.services import PLANNING_TEAM, planning_teams, plans_from
from app.core import share
from app.core.cache import public_page
from app.core.params import page_arg
from app.core.policy import authorize
from app.core.text import fold
from app.core.views import perform
from app.templates_library import services, vocab
from app.templates_library.forms import (
    AdoptForm,
    ChooserForm,
    FilterForm,
    TemplateForm,
    content_from,
    criteria_from,
    filters_from,
    template_form,
)

# Someone searching the methods for money is looking for the neighbourhood budget.
MONEY_WORDS = {"geld", "budget", "buurtbudget", "wijkbudget", "subsidie", "voucher", "vouchers", "financiering"}

bp = Blueprint("templates_library", __name__)


@bp.context_processor
def labels():
    return vocab.labels()


def load_template_or_404(slug: str):
    template = services.template_by_slug(slug)
    if template is None:
        abort(404)
    return template


def _template_page(template):
    return redirect(url_for("templates_library.show", slug=template.slug))


@bp.route("/aanpakken")
@public_page(lambda: ("template", "template_facet"))
def index():
    form = FilterForm(request.args)
    page = services.library(filters_from(form), page_arg(), only=services.CARD)
    asks_for_money = bool(MONEY_WORDS & set(fold(form.q.data or "").split()))
    return render_template("templates_library/index.html", form=form, page=page, asks_for_money=asks_for_money)


@bp.route("/aanpakken/kiezen")
def choose():
    form = ChooserForm(request.args)
    criteria = criteria_from(form)
    answered = bool(criteria.by_kind())
    fits = services.choose(criteria) if answered else []
    return render_template("templates_library/choose.html", form=form, fits=fits, answered=answered)


@bp.route("/aanpakken/<slug>")
# The practice figures change with the activities made from templates.
@public_page(lambda slug: ("template", "template_facet", "activity"))
def show(slug):
    template = load_template_or_404(slug)
    teams = planning_teams(current_user)
    form = None
    if teams:  # a form gives the reader a session: only for someone who can use it
        form = AdoptForm(team_id=session.get(PLANNING_TEAM))
        form.team_id.choices = [(team.id, team.name) for team in teams]
    return render_template(
        "templates_library/show.html",
        template=template,
        figures=services.practice_figures(template),
        adopt_form=form,
        preview=share.preview(template.name, template.summary, "templates_library.show", slug=template.slug),
    )


@bp.route("/aanpakken/<slug>/overnemen", methods=["POST"])
@login_required
def adopt(slug):
    template = load_template_or_404(slug)
    authorize(current_user, "template.adopt", template)
    teams = {team.id: team for team in planning_teams(current_user)}
    form = AdoptForm()
    form.team_id.choices = [(team.id, team.name) for team in teams.values()]
    if form.validate_on_submit():
        team = teams[form.team_id.data]
        existing = plans_from(team, template.id)
        if existing and not form.again.data:
            form.again.data = "1"
            return render_template(
                "templates_library/adopt_again.html", template=template, team=team, plans=existing, form=form
            )
        activity = perform(services.adopt, current_user, template, team)
        if activity:
            flash(_("De aanpak staat nu als plan bij uw team. Vink de stappen af als ze klaar zijn."), "success")
            return redirect(url_for("activities.show", team_id=team.id, activity_id=activity.id))
    else:
        for errors in form.errors.values():
            flash(errors[0], "error")
    return _template_page(template)


@bp.route("/aanpakken/nieuw", methods=["GET", "POST"])
@login_required
def create():
    authorize(current_user, "template.manage")
    form = TemplateForm() if request.method == "POST" else template_form()
    if form.validate_on_submit():
        template = perform(services.create_template, current_user, content_from(form, []), form=form)
        if template:
            flash(_("De aanpak is toegevoegd aan de bibliotheek."), "success")
            return _template_page(template)
    return render_template("templates_library/form.html", form=form, template=None)


@bp.route("/aanpakken/<slug>/bewerken", methods=["GET", "POST"])
@login_required
def edit(slug):
    template = load_template_or_404(slug)
    authorize(current_user, "template.manage")
    form = TemplateForm() if request.method == "POST" else template_form(template)
    if form.validate_on_submit():
        if perform(services.update_template, current_user, template, content_from(form, template.sources), form=form):
            flash(_("De aanpak is opgeslagen."), "success")
            return _template_page(template)
    return render_template("templates_library/form.html", form=form, template=template)
