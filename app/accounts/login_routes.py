"""Routes of the organisation's login (accounts.oidc) and the second step (accounts.totp),
on the accounts blueprint."""

from flask import abort, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.accounts import oidc, totp
from app.accounts.forms import CodeForm, SetupCodeForm
from app.accounts.login_flow import LOGGED_IN, PROVIDER_LOGOUT, VIA_ORGANISATION, complete, landing, pending_user
from app.accounts.routes import bp
from app.accounts.sessions import start_session
from app.core.throttle import limit_failures
from app.core.urls import safe_next
from app.core.views import perform
from app.extensions import login_manager

# Session keys: where an organisation login was going, and the secret being set up.
ORGANISATION_NEXT = "organisation_next"
SETUP_SECRET = "second_step_secret"  # noqa: S105 - a session key, not a secret


# --- the organisation's account --------------------------------------------------------


@bp.route("/inloggen/organisatie")
def organisation_login():
    if not oidc.configured():
        abort(404)
    session[ORGANISATION_NEXT] = safe_next(request.args.get("next"))
    response = perform(oidc.redirect_to_provider)
    return response or redirect(url_for("accounts.login"))


@bp.route("/inloggen/organisatie/terug")
def organisation_callback():
    if not oidc.configured():
        abort(404)
    target = safe_next(session.get(ORGANISATION_NEXT))
    user = perform(oidc.log_in)
    if not user:
        return redirect(url_for("accounts.login"))
    start_session(user)
    session[VIA_ORGANISATION] = True
    flash(LOGGED_IN, "success")
    return redirect(target or landing(user))


@bp.route("/uitgelogd")
def logged_out():
    link = session.get(PROVIDER_LOGOUT)
    if current_user.is_authenticated or not link:
        return redirect(url_for("main.home"))
    return render_template("accounts/logged_out.html", link=link)


# --- the second step -------------------------------------------------------------------


def _pending_account() -> str:
    user = pending_user()
    return f"user:{user.id}" if user else "nobody"


@bp.route("/inloggen/tweede-stap", methods=["GET", "POST"])
@limit_failures(_pending_account, "FAILED_CODE_ACCOUNT_LIMIT")
def second_step():
    user = pending_user()
    if user is None:
        return redirect(url_for("main.home" if current_user.is_authenticated else "accounts.login"))
    if not user.has_second_step:
        return redirect(url_for("accounts.second_step_setup"))
    form = CodeForm()
    if form.validate_on_submit() and perform(totp.check, user, form.code.data, form=form):
        target = complete(user)
        flash(LOGGED_IN, "success")
        return redirect(target)
    return render_template("accounts/second_step.html", form=form)


@bp.route("/account/tweede-stap", methods=["GET", "POST"])
def second_step_setup():
    """Set up the second step: from the account page, or right after the password when it is
    required and not there yet (before anything else)."""
    user = current_user._get_current_object() if current_user.is_authenticated else pending_user()
    if user is None:
        return login_manager.unauthorized()
    if user.has_second_step and not current_user.is_authenticated:
        return redirect(url_for("accounts.second_step"))
    if user.has_second_step:
        return render_template("accounts/second_step_on.html", form=CodeForm(), required=totp.required_for(user))
    sealed = session.setdefault(SETUP_SECRET, totp.new_sealed_secret())
    form = SetupCodeForm()
    if form.validate_on_submit():
        codes = perform(totp.enable, user, sealed, form.code.data, form=form)
        if codes:
            if current_user.is_authenticated:
                start_session(user)  # turning it on ended every session, this one too
                target = url_for("accounts.profile")
            else:
                target = complete(user)
            return render_template("accounts/recovery_codes.html", codes=codes, target=target)
    secret = totp.unseal(sealed) or ""
    return render_template(
        "accounts/second_step_setup.html",
        form=form,
        qr=totp.qr_code(user, secret),
        secret=totp.spaced(secret),
        pending=not current_user.is_authenticated,
    )


def _account_id() -> str:
    return f"user:{current_user.id}"


@bp.route("/account/tweede-stap/uitzetten", methods=["POST"])
@login_required
@limit_failures(_account_id, "FAILED_CODE_ACCOUNT_LIMIT")
def second_step_off():
    user = current_user._get_current_object()
    form = CodeForm()
    if form.validate_on_submit() and perform(totp.disable, user, form.code.data, form=form):
        start_session(user)  # turning it off ended every session, this one too
        flash(_("De tweede stap staat uit."), "success")
        return redirect(url_for("accounts.profile"))
    return render_template("accounts/second_step_on.html", form=form, required=totp.required_for(user))
