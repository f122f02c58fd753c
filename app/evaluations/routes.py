import io

from flask import Blueprint, abort, current_app, flash, redirect, render_template, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.activities import services as activities
from app.core import resubmit
from app.core.forms import ConfirmForm
from app.core.policy import authorize
from app.core.throttle import limit_uploads
from app.core.views import perform
from app.evaluations import images, services
from app.evaluations.forms import EvaluationForm, PhotoForm
from app.extensions import csrf
from app.teams import services as teams

bp = Blueprint("evaluations", __name__)


def _evaluation_page(team, activity):
    return redirect(url_for("evaluations.show", team_id=team.id, activity_id=activity.id))


@bp.route("/teams/<int:team_id>/activiteiten/<int:activity_id>/terugkijken")
@login_required
def show(team_id, activity_id):
    team, activity = activities.load_for(current_user, "evaluation.view", team_id, activity_id)
    return render_template(
        "evaluations/show.html",
        team=team,
        activity=activity,
        evaluation=services.evaluation_of(activity),
        photos=services.photos_of(activity),
        photo_form=PhotoForm(),
        delete_form=ConfirmForm(),
        photo_limit_mb=current_app.config["PHOTO_MAX_BYTES"] // (1024 * 1024),
    )


@bp.route("/teams/<int:team_id>/activiteiten/<int:activity_id>/terugkijken/invullen", methods=["GET", "POST"])
@login_required
def edit(team_id, activity_id):
    team, activity = activities.load_for(current_user, "evaluation.edit", team_id, activity_id)
    evaluation = services.evaluation_of(activity)
    form = EvaluationForm(data=services.form_values(activity, evaluation))
    if form.validate_on_submit():
        if perform(services.save_evaluation, current_user, team, activity, form.values(), form=form):
            flash(_("Dank u wel! De terugblik is opgeslagen."), "success")
            return _evaluation_page(team, activity)
    return render_template("evaluations/edit.html", form=form, team=team, activity=activity)


@bp.route("/teams/<int:team_id>/activiteiten/<int:activity_id>/fotos", methods=["POST"])
@csrf.exempt  # checked below, once the larger limit for a photo is set
@login_required
@limit_uploads
def upload(team_id, activity_id):
    team, activity = activities.load_for(current_user, "evaluation.edit", team_id, activity_id)
    # Only this route takes a photo; the rest of the app keeps MAX_CONTENT_LENGTH.
    resubmit.accept_file(current_app.config["PHOTO_MAX_BYTES"], "evaluations.show")
    form = PhotoForm()
    if not form.validate_on_submit():
        return resubmit.page_again("evaluations.show", errors=form.errors)
    photo = form.photo.data.stream
    if perform(services.add_photo, current_user, team, activity, photo, form.consent.data, form.description.data):
        flash(_("De foto is toegevoegd."), "success")
    return _evaluation_page(team, activity)


@bp.route("/teams/<int:team_id>/fotos/<int:photo_id>/verwijderen", methods=["POST"])
@login_required
def delete_photo(team_id, photo_id):
    team = teams.load_team_or_404(team_id)
    authorize(current_user, "evaluation.edit", team)
    photo = services.photo_of_team(team, photo_id)
    if photo is None:
        abort(404)
    activity_id = photo.activity_id
    if ConfirmForm().validate_on_submit() and perform(services.delete_photo, current_user, team, photo):
        flash(_("De foto is verwijderd."), "success")
    return redirect(url_for("evaluations.show", team_id=team.id, activity_id=activity_id))


@bp.route("/fotos/<int:photo_id>")
def photo(photo_id):
    """The photo file, for whoever may see it; to anyone else it does not exist."""
    found = services.photo_for(current_user, photo_id)
    data = images.read(found[0].file_name) if found else None
    if data is None:
        abort(404)
    photo, public = found
    # The random name never changes its content: it serves as the ETag.
    response = send_file(
        io.BytesIO(data), mimetype=photo.mimetype, etag=photo.file_name, last_modified=photo.created_at
    )
    # Like the pages: only the visitor's own browser keeps a public photo, and asks each time
    # (a cheap 304 after the checks above), so it is gone the moment consent is withdrawn; a
    # shared proxy keeps none. No cache keeps any other photo. (For someone logged in, the
    # app's own after_request makes every answer no-store.)
    response.headers["Cache-Control"] = "private, no-cache" if public else "private, no-store"
    return response
