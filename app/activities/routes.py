from flask import Blueprint, abort, flash, redirect, render_template, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.activities import services
from app.activities.forms import KIND_LABELS, STATUS_LABELS
from app.activities.services import PLANNING_TEAM
from app.core.forms import ConfirmForm
from app.core.policy import authorize, can
from app.core.views import perform
from app.teams import services as teams
from app.teams.models import Team

bp = Blueprint("activities", __name__)


@bp.context_processor
def labels():
    return {"ACTIVITY_STATUS_LABELS": STATUS_LABELS, "ACTIVITY_KIND_LABELS": KIND_LABELS}


def load_activity_or_404(team: Team, activity_id: int):
    activity = services.activity_of(team, activity_id)
    if activity is None:
        abort(404)
    return activity


@bp.route("/teams/<int:team_id>/activiteiten")
@login_required
def index(team_id):
    team = teams.load_team_or_404(team_id)
    authorize(current_user, "activity.view", team)
    if can(current_user, "activity.plan", team):
        session[PLANNING_TEAM] = team.id  # the library's adopt form preselects this team
    return render_template("activities/index.html", team=team, activities=services.team_activities(team))


@bp.route("/teams/<int:team_id>/activiteiten/<int:activity_id>")
@login_required
def show(team_id, activity_id):
    team = teams.load_team_or_404(team_id)
    authorize(current_user, "activity.view", team)
    activity = load_activity_or_404(team, activity_id)
    return render_template("activities/show.html", team=team, activity=activity, form=ConfirmForm())


@bp.route("/teams/<int:team_id>/activiteiten/<int:activity_id>/stappen/<int:item_id>", methods=["POST"])
@login_required
def toggle_step(team_id, activity_id, item_id):
    team = teams.load_team_or_404(team_id)
    authorize(current_user, "activity.plan", team)
    activity = load_activity_or_404(team, activity_id)
    if ConfirmForm().validate_on_submit():
        item = perform(services.toggle_step, current_user, team, activity, item_id)
        if item:
            flash(_("Stap afgevinkt.") if item.done_at else _("Stap weer opengezet."), "success")
    return redirect(url_for("activities.show", team_id=team.id, activity_id=activity.id, _anchor=f"stap-{item_id}"))


@bp.route("/teams/<int:team_id>/activiteiten/<int:activity_id>/verwijderen", methods=["POST"])
@login_required
def delete(team_id, activity_id):
    team = teams.load_team_or_404(team_id)
    authorize(current_user, "activity.delete", team)
    activity = load_activity_or_404(team, activity_id)
    if ConfirmForm().validate_on_submit() and perform(services.delete_idea, current_user, team, activity):
        flash(_("Het plan is verwijderd."), "success")
        return redirect(url_for("activities.index", team_id=team.id))
    return redirect(url_for("activities.show", team_id=team.id, activity_id=activity.id))
