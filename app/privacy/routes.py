"""A person downloads their data or erases their account from the account page; staff do
the same for a resident who asks at the helpdesk, with a reason, through the same services."""

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.accounts.models import User
from app.accounts.services import find_user_by_email
from app.accounts.sessions import end_session
from app.core.forms import ConfirmForm
from app.core.models import utcnow
from app.core.policy import authorize, outside_scope, requires
from app.core.throttle import limit_failures
from app.core.views import perform
from app.extensions import db
from app.places.services import neighbourhood_label
from app.privacy import erasure
from app.privacy.export import export_account, summary
from app.privacy.forms import EraseOwnForm, FindPersonForm, RequestEraseForm, RequestExportForm

bp = Blueprint("privacy", __name__)


def _account_id() -> str:
    return str(current_user.id)


def _download(actor, user: User, reason: str = ""):
    archive = perform(export_account, actor, user, reason)
    name = f"buurtmakers-gegevens-{utcnow():%Y-%m-%d}.zip"
    return Response(
        archive,
        mimetype="application/zip",
        headers={"Content-Disposition": f'attachment; filename="{name}"', "Cache-Control": "no-store"},
    )


def _erase_page(form, user: User, heading: str, button: str):
    return render_template(
        "privacy/erase.html",
        form=form,
        person=user,
        heading=heading,
        button=button,
        without_trekker=erasure.teams_left_without_trekker(user),
    )


# --- the person's own data -------------------------------------------------------------


@bp.route("/account/gegevens/downloaden", methods=["POST"])
@login_required
@requires("privacy.own")
def download():
    if not ConfirmForm().validate_on_submit():
        return redirect(url_for("accounts.profile"))
    user = current_user._get_current_object()
    return _download(user, user)


@bp.route("/account/gegevens")
@login_required
@requires("privacy.own")
def overview():
    """What the download holds, readable: the account and, per kind, how many records."""
    user = current_user._get_current_object()
    return render_template(
        "privacy/overview.html",
        person=user,
        counts=summary(user, user),
        hood=neighbourhood_label(user.neighbourhood_id) if user.neighbourhood_id else "",
    )


@bp.route("/account/verwijderen", methods=["GET", "POST"])
@login_required
@requires("privacy.own")
@limit_failures(_account_id)
def erase():
    user = current_user._get_current_object()
    form = EraseOwnForm()
    if form.validate_on_submit() and perform(erasure.erase_own_account, user, form.password.data, form=form):
        end_session()
        flash(_("Uw account en uw gegevens zijn verwijderd."), "success")
        return redirect(url_for("main.home"))
    return _erase_page(form, user, _("Account verwijderen"), _("Mijn account verwijderen"))


# --- a resident's request, handled by staff --------------------------------------------


def _person_or_404(user_id: int) -> User:
    """An account that still has data; a coordinator may not handle a colleague's (403), and
    a person outside their scope does not exist for them (404)."""
    user = db.session.get(User, user_id)
    if user is None or user.erased_at is not None:
        abort(404)
    authorize(current_user, "privacy.handle_request", user)
    return user


@bp.route("/beheer/privacyverzoeken")
@login_required
@requires("privacy.handle_request")
def find():
    form = FindPersonForm(request.args)
    person = None
    if "email" in request.args and form.validate():
        person = find_user_by_email(form.email.data)
        if person is None or person.erased_at is not None or outside_scope(current_user, person):
            form.email.errors.append(_("Er is geen account met dit e-mailadres."))
            person = None
    return render_template("privacy/requests.html", form=form, person=person)


@bp.route("/beheer/privacyverzoeken/<int:user_id>")
@login_required
@requires("privacy.handle_request")
def person(user_id):
    user = _person_or_404(user_id)
    return render_template("privacy/person.html", person=user, form=RequestExportForm())


@bp.route("/beheer/privacyverzoeken/<int:user_id>/downloaden", methods=["POST"])
@login_required
@requires("privacy.handle_request")
def download_for(user_id):
    user = _person_or_404(user_id)
    form = RequestExportForm()
    if form.validate_on_submit():
        return _download(current_user, user, form.reason.data)
    return render_template("privacy/person.html", person=user, form=form)


@bp.route("/beheer/privacyverzoeken/<int:user_id>/verwijderen", methods=["GET", "POST"])
@login_required
@requires("privacy.handle_request")
def erase_for(user_id):
    user = _person_or_404(user_id)
    form = RequestEraseForm()
    if form.validate_on_submit() and perform(erasure.erase_account, current_user, user, form.reason.data, form=form):
        flash(_("De gegevens van deze bewoner zijn verwijderd."), "success")
        return redirect(url_for("privacy.find"))
    heading = _("Gegevens van %(name)s verwijderen", name=user.name)
    return _erase_page(form, user, heading, _("Gegevens verwijderen"))
