from flask import Blueprint, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from app.accounts import services
from app.accounts.forms import (
    LoginForm,
    PasswordChangeForm,
    ProfileForm,
    RegisterForm,
    ResetPasswordForm,
    ResetRequestForm,
    RolesForm,
)
from app.accounts.models import User
from app.core.forms import ConfirmForm
from app.core.policy import authorize
from app.core.urls import safe_next
from app.core.views import perform
from app.extensions import db, limiter
from app.places.services import neighbourhood_choices
from app.teams.services import teams_of

bp = Blueprint("accounts", __name__)


def _start_session(user, remember: bool = False) -> None:
    # A fresh session at login: nothing planted before it (session fixation) carries over.
    language = session.get("language")
    session.clear()
    if language:
        session["language"] = language
    login_user(user, remember=remember)


def _login_limit() -> str:
    return current_app.config["LOGIN_RATE_LIMIT"]


@bp.route("/registreren", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"])
def register():
    if current_user.is_authenticated:
        return redirect(url_for("main.home"))
    form = RegisterForm()
    form.neighbourhood_id.choices = neighbourhood_choices()
    if form.validate_on_submit():
        user = perform(
            services.register,
            form.name.data,
            form.email.data,
            form.password.data,
            form.neighbourhood_id.data,
            form=form,
        )
        if user:
            _start_session(user)
            flash(_("Welkom bij Buurtmakers! Uw account is klaar."), "success")
            return redirect(url_for("teams.directory", neighbourhood_id=user.neighbourhood_id))
    return render_template("accounts/register.html", form=form)


@bp.route("/inloggen", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"])
def login():
    if current_user.is_authenticated:
        return redirect(url_for("main.home"))
    form = LoginForm()
    if form.validate_on_submit():
        user = services.authenticate(form.email.data, form.password.data)
        if user is None:
            form.form_errors.append(_("Het e-mailadres of het wachtwoord klopt niet."))
        else:
            _start_session(user, remember=form.remember.data)
            flash(_("U bent ingelogd."), "success")
            return redirect(safe_next(request.args.get("next")) or url_for("accounts.profile"))
    return render_template("accounts/login.html", form=form)


@bp.route("/uitloggen", methods=["POST"])
@login_required
def logout():
    form = ConfirmForm()
    if form.validate_on_submit():
        user = current_user._get_current_object()
        perform(services.end_other_sessions, user)
        logout_user()
        session.clear()
        flash(_("U bent uitgelogd."), "success")
    return redirect(url_for("main.home"))


@bp.route("/wachtwoord-vergeten", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"])
def forgot_password():
    form = ResetRequestForm()
    if form.validate_on_submit():
        perform(services.request_password_reset, form.email.data)
        flash(
            _("Als dit e-mailadres bij ons bekend is, krijgt u een mail met een link."),
            "success",
        )
        return redirect(url_for("accounts.login"))
    return render_template("accounts/forgot_password.html", form=form)


@bp.route("/wachtwoord-herstellen/<token>", methods=["GET", "POST"])
def reset_password(token):
    if services.user_for_reset_token(token) is None:
        flash(_("Deze link werkt niet meer. Vraag een nieuwe link aan."), "error")
        return redirect(url_for("accounts.forgot_password"))
    form = ResetPasswordForm()
    if form.validate_on_submit():
        user = perform(services.reset_password, token, form.password.data, form=form)
        if user:
            _start_session(user)
            flash(_("Uw nieuwe wachtwoord is opgeslagen."), "success")
            return redirect(url_for("accounts.profile"))
    return render_template("accounts/reset_password.html", form=form)


@bp.route("/account", methods=["GET", "POST"])
@login_required
def profile():
    user = current_user._get_current_object()
    form = ProfileForm(obj=user)
    form.neighbourhood_id.choices = neighbourhood_choices()
    if form.validate_on_submit():
        if perform(services.update_profile, user, form.name.data, form.neighbourhood_id.data, form=form):
            flash(_("Uw gegevens zijn opgeslagen."), "success")
            return redirect(url_for("accounts.profile"))
    return render_template("accounts/profile.html", form=form, memberships=teams_of(user))


@bp.route("/account/wachtwoord", methods=["GET", "POST"])
@login_required
def change_password():
    form = PasswordChangeForm()
    if form.validate_on_submit():
        user = current_user._get_current_object()
        if perform(services.change_password, user, form.current_password.data, form.password.data, form=form):
            _start_session(user)
            flash(_("Uw wachtwoord is gewijzigd. Op andere apparaten bent u uitgelogd."), "success")
            return redirect(url_for("accounts.profile"))
    return render_template("accounts/change_password.html", form=form)


@bp.route("/beheer/gebruikers")
@login_required
def users():
    authorize(current_user, "user.manage_roles")
    page = services.search_users(request.args.get("q", ""), request.args.get("pagina", 1, type=int))
    return render_template("accounts/users.html", page=page, q=request.args.get("q", ""), form=ConfirmForm())


@bp.route("/beheer/gebruikers/<int:user_id>/rollen", methods=["GET", "POST"])
@login_required
def user_roles(user_id):
    user = db.get_or_404(User, user_id)
    authorize(current_user, "user.manage_roles", user)
    form = RolesForm(obj=user)
    if form.validate_on_submit():
        done = perform(
            services.set_roles,
            current_user,
            user,
            form.is_admin.data,
            form.is_coordinator.data,
            form=form,
        )
        if done:
            flash(_("De rollen van %(name)s zijn opgeslagen.", name=user.name), "success")
            return redirect(url_for("accounts.users"))
    return render_template("accounts/user_roles.html", form=form, user=user)
