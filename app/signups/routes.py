from flask import Blueprint, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.activities import services as activities
from app.agenda import services as agenda
from app.core import resubmit
from app.core.forms import ConfirmForm
from app.core.throttle import limit_mails_to_typed_address
from app.core.views import from_mail_link, perform
from app.extensions import limiter
from app.signups import checkin, services
from app.signups.forms import CheckInCodeForm, VisitorSignUpForm, WalkInForm
from app.signups.models import SignUpStatus

bp = Blueprint("signups", __name__)


def _signup_limit() -> str:
    return current_app.config["SIGNUP_RATE_LIMIT"]


def _public_page(activity):
    return redirect(url_for("agenda.activity", activity_id=activity.id))


def _flash_place(sign_up) -> None:
    if sign_up.status == SignUpStatus.CONFIRMED:
        flash(_("U bent aangemeld. Er is een plaats voor u."), "success")
    else:
        flash(
            _("De activiteit is vol. U staat op de wachtlijst. Komt er een plaats vrij, dan krijgt u bericht."), "info"
        )


@bp.route("/activiteiten/<int:public_activity_id>/aanmelden", methods=["GET", "POST"])
@limiter.limit(_signup_limit, methods=["POST"])
@limit_mails_to_typed_address
def sign_up(public_activity_id):
    """Residents sign up with one click; visitors with name and e-mail, confirmed by mail."""
    activity = agenda.public_activity_or_404(public_activity_id).activity
    if current_user.is_authenticated:
        if ConfirmForm().validate_on_submit():
            sign_up = perform(services.sign_up_resident, current_user._get_current_object(), activity)
            if sign_up:
                _flash_place(sign_up)
        return _public_page(activity)
    form = VisitorSignUpForm()
    if form.validate_on_submit():
        if perform(services.sign_up_visitor, activity, form.name.data, form.email.data, form=form):
            flash(_("Kijk in uw mail: klik op de link om uw aanmelding te bevestigen."), "success")
            return _public_page(activity)
    return render_template("signups/form.html", form=form, activity=activity)


def _by_token(token: str):
    return from_mail_link(services.by_token(token))


@bp.route("/aanmelding/<signup_token>", methods=["GET", "POST"])
def confirm(signup_token):
    # A button, not the link itself: mail scanners open links, and a GET changes nothing.
    sign_up = _by_token(signup_token)
    form = ConfirmForm()
    if form.validate_on_submit():
        done = perform(services.confirm, sign_up)
        if done:
            _flash_place(sign_up)
        return redirect(url_for("agenda.activity", activity_id=sign_up.activity_id))
    return render_template("signups/confirm.html", form=form, sign_up=sign_up, activity=services.activity_of(sign_up))


@bp.route("/aanmelding/<signup_token>/afmelden", methods=["GET", "POST"])
def sign_off(signup_token):
    sign_up = _by_token(signup_token)
    form = ConfirmForm()
    if form.validate_on_submit():
        perform(services.sign_off, sign_up)
        flash(_("U bent afgemeld. Bedankt voor het laten weten!"), "success")
        return redirect(url_for("agenda.activity", activity_id=sign_up.activity_id))
    return render_template("signups/sign_off.html", form=form, sign_up=sign_up, activity=services.activity_of(sign_up))


@bp.route("/activiteiten/<int:public_activity_id>/afmelden", methods=["POST"])
@login_required
def sign_off_resident(public_activity_id):
    activity = agenda.public_activity_or_404(public_activity_id).activity
    sign_up = services.of_user(activity, current_user)
    if ConfirmForm().validate_on_submit() and sign_up is not None and perform(services.sign_off, sign_up):
        flash(_("U bent afgemeld. Bedankt voor het laten weten!"), "success")
    return _public_page(activity)


# --- the team's list and check-in ---------------------------------------------------


@bp.route("/teams/<int:team_id>/activiteiten/<int:activity_id>/aanmeldingen")
@login_required
def team_list(team_id, activity_id):
    team, activity = activities.load_for(current_user, "signup.view_list", team_id, activity_id)
    return render_template(
        "signups/list.html",
        team=team,
        activity=activity,
        sign_ups=services.list_for_team(activity),
        form=ConfirmForm(),
        walk_in_form=WalkInForm(formdata=None),
        code_form=CheckInCodeForm(formdata=None),
    )


@bp.route("/teams/<int:team_id>/activiteiten/<int:activity_id>/aanmeldingen/<int:sign_up_id>/binnen", methods=["POST"])
@login_required
def check_in(team_id, activity_id, sign_up_id):
    team, activity = activities.load_for(current_user, "signup.check_in", team_id, activity_id)
    if ConfirmForm().validate_on_submit():
        perform(services.check_in, current_user, team, activity, sign_up_id)
    return redirect(url_for("signups.team_list", team_id=team.id, activity_id=activity.id, _anchor=f"a-{sign_up_id}"))


def _checked_in(team, activity, sign_up):
    flash(_("%(name)s staat op binnen.", name=sign_up.name), "success")
    return redirect(url_for("signups.team_list", team_id=team.id, activity_id=activity.id, _anchor=f"a-{sign_up.id}"))


@bp.route("/teams/<int:team_id>/activiteiten/<int:activity_id>/aanmeldingen/code", methods=["POST"])
@login_required
def check_in_typed(team_id, activity_id):
    """The team types the code that someone shows at the door."""
    team, activity = activities.load_for(current_user, "signup.check_in", team_id, activity_id)
    form = CheckInCodeForm()
    if form.validate_on_submit():
        sign_up = perform(checkin.check_in_by_code, current_user, team, activity, form.code.data, form=form)
        if sign_up:
            return _checked_in(team, activity, sign_up)
    return resubmit.page_again("signups.team_list", errors=form.errors)


@bp.route("/teams/<int:team_id>/activiteiten/<int:activity_id>/binnen/<checkin_code>", methods=["GET", "POST"])
@login_required
def check_in_code(team_id, activity_id, checkin_code):
    """Where the QR code of the mail leads: the team's phone opens it and checks in with a
    button (a GET changes nothing); for anyone else the page is refused."""
    team, activity = activities.load_for(current_user, "signup.check_in", team_id, activity_id)
    sign_up = checkin.by_code(activity, checkin_code)
    if sign_up is None:
        flash(str(checkin.UNKNOWN), "error")
        return redirect(url_for("signups.team_list", team_id=team.id, activity_id=activity.id))
    form = ConfirmForm()
    if form.validate_on_submit():
        if perform(checkin.check_in_by_code, current_user, team, activity, checkin_code):
            return _checked_in(team, activity, sign_up)
    return render_template("signups/check_in_code.html", form=form, team=team, activity=activity, sign_up=sign_up)


@bp.route("/teams/<int:team_id>/activiteiten/<int:activity_id>/aanmeldingen/binnenloper", methods=["POST"])
@login_required
def walk_in(team_id, activity_id):
    team, activity = activities.load_for(current_user, "signup.check_in", team_id, activity_id)
    form = WalkInForm()
    if not form.validate_on_submit():
        return resubmit.page_again("signups.team_list", errors=form.errors)
    sign_up = perform(services.add_walk_in, current_user, team, activity, form.name.data)
    if sign_up:
        flash(_("%(name)s is toegevoegd en staat op binnen.", name=sign_up.name), "success")
    return redirect(url_for("signups.team_list", team_id=team.id, activity_id=activity.id, _anchor="binnenloper"))
