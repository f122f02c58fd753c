from flask import Blueprint, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.accounts import admin, oidc, services, totp
from app.accounts.forms import (
    DeactivateForm,
    LoginForm,
    PasswordChangeForm,
    ProfileForm,
    RegisterForm,
    ResetPasswordForm,
    ResetRequestForm,
    RolesForm,
)
from app.accounts.login_flow import PROVIDER_LOGOUT, continue_login, provider_logout_link
from app.accounts.models import User
from app.accounts.sessions import end_session, start_session
from app.core import mail, notifications
from app.core.forms import ConfirmForm
from app.core.pagination import cursor_arg
from app.core.params import text_arg
from app.core.policy import requires
from app.core.throttle import limit_failures, limit_mails_to_typed_address
from app.core.urls import safe_next
from app.core.views import perform
from app.extensions import db, limiter
from app.teams.memberships import pending_requests, teams_of

bp = Blueprint("accounts", __name__)


def _login_limit() -> str:
    return current_app.config["LOGIN_RATE_LIMIT"]


def _typed_email() -> str:
    return services.normalize_email(request.form.get("email", ""))[:254]


def _account_id() -> str:
    return str(current_user.id)


def _next() -> str | None:
    return safe_next(request.args.get("next"))


@bp.route("/registreren", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"])
@limit_mails_to_typed_address
def register():
    if current_user.is_authenticated:
        return redirect(url_for("main.home"))
    form = RegisterForm()
    if form.validate_on_submit():
        done = perform(
            services.register,
            form.name.data,
            form.email.data,
            form.password.data,
            form.neighbourhood_id.data,
            _next(),
            form=form,
        )
        if done:
            return redirect(url_for("accounts.check_mail"))
    return render_template("accounts/register.html", form=form)


@bp.route("/registreren/kijk-in-uw-mail")
def check_mail():
    return render_template("accounts/check_mail.html")


@bp.route("/account-activeren/<token>", methods=["GET", "POST"])
def activate(token):
    # A button, not the link itself: mail scanners open links, and a GET changes nothing.
    form = ConfirmForm()
    if form.validate_on_submit():
        user = perform(services.activate, token)
        if user and services.needs_password(user):
            # An account a coordinator handed over: the address is proven, now its password.
            flash(_("Uw e-mailadres is bevestigd. Kies nu een wachtwoord."), "success")
            return redirect(url_for("accounts.reset_password", token=services.reset_token(user)))
        if user:
            _user, next_url = services.activation(token)
            target = safe_next(next_url) or url_for("teams.directory", neighbourhood_id=user.neighbourhood_id)
            return continue_login(user, target=target, message=_("Uw account is actief. Welkom bij Buurtmakers!"))
        return redirect(url_for("accounts.login"))
    return render_template("accounts/activate.html", form=form)


@bp.route("/inloggen", methods=["GET", "POST"])
@limit_failures(_typed_email)
def login():
    if current_user.is_authenticated:
        return redirect(url_for("main.home"))
    form = LoginForm()
    if form.validate_on_submit():
        user = perform(services.log_in, form.email.data, form.password.data, _next(), form=form)
        if user and not user.is_active:
            form.form_errors.append(_("Dit account is stopgezet. Neem contact op met de helpdesk van uw gemeente."))
        elif user and user.email_confirmed_at is None:
            form.form_errors.append(
                _("Uw account is nog niet geactiveerd. We hebben u opnieuw een mail met de activatielink gestuurd.")
            )
        elif user and oidc.password_refused(user):
            form.form_errors.append(oidc.PASSWORD_REFUSED)
        elif user:
            return continue_login(user, remember=form.remember.data, target=_next())
    return render_template("accounts/login.html", form=form, organisation=oidc.configured())


@bp.route("/uitloggen", methods=["POST"])
@login_required
def logout():
    form = ConfirmForm()
    if form.validate_on_submit():
        link = provider_logout_link()
        perform(services.end_other_sessions, current_user._get_current_object())
        end_session()
        flash(_("U bent uitgelogd."), "success")
        if link:
            session[PROVIDER_LOGOUT] = link
            return redirect(url_for("accounts.logged_out"))
    return redirect(url_for("main.home"))


@bp.route("/wachtwoord-vergeten", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"])
@limit_mails_to_typed_address
def forgot_password():
    form = ResetRequestForm()
    if form.validate_on_submit():
        perform(services.request_password_reset, form.email.data)
        flash(_("Als dit e-mailadres bij ons bekend is, krijgt u een mail met een link."), "success")
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
            return continue_login(
                user, target=url_for("accounts.profile"), message=_("Uw nieuwe wachtwoord is opgeslagen.")
            )
    return render_template("accounts/reset_password.html", form=form)


@bp.route("/account", methods=["GET", "POST"])
@login_required
def profile():
    user = current_user._get_current_object()
    form = ProfileForm(obj=user)
    if form.validate_on_submit():
        if perform(services.update_profile, user, form.name.data, form.neighbourhood_id.data, form=form):
            flash(_("Uw gegevens zijn opgeslagen."), "success")
            return redirect(url_for("accounts.profile"))
    return render_template(
        "accounts/profile.html", form=form, memberships=teams_of(user), waiting=pending_requests(user)
    )


@bp.route("/account/wachtwoord", methods=["GET", "POST"])
@login_required
@limit_failures(_account_id)
def change_password():
    form = PasswordChangeForm()
    if form.validate_on_submit():
        user = current_user._get_current_object()
        if perform(services.change_password, user, form.current_password.data, form.password.data, form=form):
            start_session(user)
            flash(_("Uw wachtwoord is gewijzigd. Op andere apparaten bent u uitgelogd."), "success")
            return redirect(url_for("accounts.profile"))
    return render_template("accounts/change_password.html", form=form)


@bp.route("/account/berichten", methods=["GET", "POST"])
@login_required
def messages():
    form = ConfirmForm()
    if form.validate_on_submit():
        perform(notifications.mark_all_read, current_user)
        return redirect(url_for("accounts.messages"))
    return render_template("accounts/messages.html", messages=notifications.recent(current_user), form=form)


# --- administration --------------------------------------------------------------------


@bp.route("/beheer/gebruikers")
@login_required
@requires("user.manage_roles")
def users():
    filters = {name: text_arg(name) for name in ("q", "rol", "status")}
    page = admin.search_users(filters["q"], filters["rol"], filters["status"], cursor_arg())
    return render_template(
        "accounts/users.html", page=page, filters=filters, form=ConfirmForm(), failed_mails=mail.failed_count()
    )


@bp.route("/beheer/gebruikers/<int:user_id>/rollen", methods=["GET", "POST"])
@login_required
@requires("user.manage_roles")
def user_roles(user_id):
    user = db.get_or_404(User, user_id)
    form = RolesForm(obj=user)
    if form.validate_on_submit():
        done = perform(admin.set_roles, current_user, user, form.is_admin.data, form.is_coordinator.data, form=form)
        if done:
            flash(_("De rollen van %(name)s zijn opgeslagen.", name=user.name), "success")
            return redirect(url_for("accounts.users"))
    return render_template(
        "accounts/user_roles.html", form=form, user=user, deactivate_form=DeactivateForm(), confirm_form=ConfirmForm()
    )


@bp.route("/beheer/gebruikers/<int:user_id>/stopzetten", methods=["POST"])
@login_required
@requires("user.manage_roles")
def deactivate(user_id):
    user = db.get_or_404(User, user_id)
    form = DeactivateForm()
    if form.validate_on_submit():
        if perform(admin.deactivate, current_user, user, form.reason.data):
            flash(_("Het account van %(name)s is stopgezet.", name=user.name), "success")
    else:
        for errors in form.errors.values():
            flash(errors[0], "error")
    return redirect(url_for("accounts.user_roles", user_id=user.id))


def _user_action(user_id: int, service, message: str):
    user = db.get_or_404(User, user_id)
    if ConfirmForm().validate_on_submit() and perform(service, current_user, user):
        flash(message, "success")
    return redirect(url_for("accounts.user_roles", user_id=user.id))


@bp.route("/beheer/gebruikers/<int:user_id>/heractiveren", methods=["POST"])
@login_required
@requires("user.manage_roles")
def reactivate(user_id):
    return _user_action(user_id, admin.reactivate, _("Het account is weer actief."))


@bp.route("/beheer/gebruikers/<int:user_id>/herstellink", methods=["POST"])
@login_required
@requires("user.manage_roles")
def send_reset(user_id):
    return _user_action(user_id, admin.admin_send_reset, _("Er is een mail met een herstellink verstuurd."))


@bp.route("/beheer/gebruikers/<int:user_id>/tweede-stap-uitzetten", methods=["POST"])
@login_required
@requires("user.manage_roles")
def reset_second_step(user_id):
    return _user_action(user_id, totp.reset, _("De tweede stap is uitgezet. De persoon krijgt daarover een mail."))


# The organisation's login, the second step and the coordinators' municipalities live beside this
# file, on this blueprint.
from app.accounts import login_routes, scope_routes  # noqa: E402, F401
