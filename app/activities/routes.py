from flask import Blueprint, flash, redirect, render_template, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.activities import lifecycle, services
from app.activities.forms import ACTIVITY_FIELDS, ActivityForm, CancelForm
from app.activities.labels import KIND_LABELS, STATUS_LABELS
from app.activities.models import ActivityStatus
from app.activities.services import PLANNING_TEAM
from app.core.forms import ConfirmForm
from app.core.models import utcnow
from app.core.policy import authorize, can
from app.core.timezone import from_local, to_local
from app.core.views import perform
from app.signups import services as signups
from app.teams import services as teams
from app.teams.models import Team

bp = Blueprint("activities", __name__)


@bp.context_processor
def labels():
    return {"ACTIVITY_STATUS_LABELS": STATUS_LABELS, "ACTIVITY_KIND_LABELS": KIND_LABELS}


@bp.route("/teams/<int:team_id>/activiteiten")
@login_required
def index(team_id):
    team = teams.load_team_or_404(team_id)
    authorize(current_user, "activity.view", team)
    if can(current_user, "activity.plan", team):
        session[PLANNING_TEAM] = team.id  # the library's adopt form preselects this team
    activities = services.team_activities(team)
    return render_template(
        "activities/index.html",
        team=team,
        groups=services.overview(activities, utcnow()),
        progress=services.checklist_progress([activity.id for activity in activities]),
        sign_ups=signups.counts([activity.id for activity in activities]),
    )


@bp.route("/teams/<int:team_id>/activiteiten/<int:activity_id>")
@login_required
def show(team_id, activity_id):
    team, activity = services.load_for(current_user, "activity.view", team_id, activity_id)
    return render_template(
        "activities/show.html",
        team=team,
        activity=activity,
        form=ConfirmForm(),
        now=utcnow(),
        in_agenda=lifecycle.in_agenda(activity),
    )


@bp.route("/teams/<int:team_id>/activiteiten/<int:activity_id>/stappen/<int:item_id>", methods=["POST"])
@login_required
def toggle_step(team_id, activity_id, item_id):
    team, activity = services.load_for(current_user, "activity.plan", team_id, activity_id)
    if ConfirmForm().validate_on_submit():
        item = perform(services.toggle_step, current_user, team, activity, item_id)
        if item:
            flash(_("Stap afgevinkt.") if item.done_at else _("Stap weer opengezet."), "success")
    return redirect(url_for("activities.show", team_id=team.id, activity_id=activity.id, _anchor=f"stap-{item_id}"))


@bp.route("/teams/<int:team_id>/activiteiten/<int:activity_id>/verwijderen", methods=["POST"])
@login_required
def delete(team_id, activity_id):
    team, activity = services.load_for(current_user, "activity.delete", team_id, activity_id)
    if ConfirmForm().validate_on_submit() and perform(services.delete_idea, current_user, team, activity):
        flash(_("Het plan is verwijderd."), "success")
        return redirect(url_for("activities.index", team_id=team.id))
    return redirect(url_for("activities.show", team_id=team.id, activity_id=activity.id))


def _details(form: ActivityForm) -> dict:
    values = form.values()
    values["starts_at"], values["ends_at"] = from_local(values["starts_at"]), from_local(values["ends_at"])
    return values


def _activity_page(team: Team, activity):
    return redirect(url_for("activities.show", team_id=team.id, activity_id=activity.id))


def _where_it_is(activity) -> str:
    """Where the saved activity stands now: the trekker sees the result of the form."""
    if activity.status == ActivityStatus.DONE:
        return _("De activiteit staat op gedaan. U kunt nu terugkijken.")
    if lifecycle.in_agenda(activity):
        return _("De activiteit staat in de agenda. Iedereen kan haar zien en zich aanmelden.")
    return _("De activiteit staat bij de plannen van het team.")


@bp.route("/teams/<int:team_id>/activiteiten/nieuw", methods=["GET", "POST"])
@login_required
def create(team_id):
    team = teams.load_team_or_404(team_id)
    authorize(current_user, "activity.plan", team)
    form = ActivityForm()
    if form.validate_on_submit():
        happened = form.happened.data
        activity = perform(lifecycle.create_activity, current_user, team, _details(form), happened, form=form)
        if activity:
            flash(_where_it_is(activity), "success")
            return _activity_page(team, activity)
    return render_template("activities/form.html", form=form, team=team, activity=None)


@bp.route("/teams/<int:team_id>/activiteiten/<int:activity_id>/bewerken", methods=["GET", "POST"])
@login_required
def edit(team_id, activity_id):
    team, activity = services.load_for(current_user, "activity.plan", team_id, activity_id)
    # In Dutch time, as the person typed it; the form's data wins over the object's UTC.
    shown = {name: getattr(activity, name) for name in ACTIVITY_FIELDS}
    form = ActivityForm(data=shown | {"starts_at": to_local(activity.starts_at), "ends_at": to_local(activity.ends_at)})
    if form.validate_on_submit():
        details, happened = _details(form), form.happened.data
        if perform(lifecycle.update_activity, current_user, team, activity, details, happened, form=form) is not None:
            flash(_("De activiteit is opgeslagen.") + " " + _where_it_is(activity), "success")
            return _activity_page(team, activity)
    return render_template("activities/form.html", form=form, team=team, activity=activity)


def _move(team_id: int, activity_id: int, status: ActivityStatus, message: str):
    team, activity = services.load_for(current_user, "activity.plan", team_id, activity_id)
    if ConfirmForm().validate_on_submit() and perform(lifecycle.change_status, current_user, team, activity, status):
        flash(message, "success")
    return _activity_page(team, activity)


@bp.route("/teams/<int:team_id>/activiteiten/<int:activity_id>/plannen", methods=["POST"])
@login_required
def plan(team_id, activity_id):
    return _move(team_id, activity_id, ActivityStatus.PLANNED, _("De activiteit is gepland."))


@bp.route("/teams/<int:team_id>/activiteiten/<int:activity_id>/gedaan", methods=["POST"])
@login_required
def done(team_id, activity_id):
    return _move(team_id, activity_id, ActivityStatus.DONE, _("De activiteit staat op gedaan."))


@bp.route("/teams/<int:team_id>/activiteiten/<int:activity_id>/afzeggen", methods=["GET", "POST"])
@login_required
def cancel(team_id, activity_id):
    team, activity = services.load_for(current_user, "activity.plan", team_id, activity_id)
    form = CancelForm()
    if form.validate_on_submit():
        done = perform(
            lifecycle.change_status, current_user, team, activity, ActivityStatus.CANCELLED, form.reason.data, form=form
        )
        if done:
            flash(_("De activiteit gaat niet door."), "success")
            return _activity_page(team, activity)
    return render_template("activities/cancel.html", form=form, team=team, activity=activity)
