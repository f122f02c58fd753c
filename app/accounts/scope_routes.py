"""The admin's page for a coordinator's municipalities (accounts.scope), on the accounts blueprint."""

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.accounts import scope
from app.accounts.models import User
from app.accounts.routes import bp
from app.core.policy import requires
from app.core.views import perform
from app.extensions import db


@bp.route("/beheer/gebruikers/<int:user_id>/gemeenten", methods=["GET", "POST"])
@login_required
@requires("user.manage_roles")
def user_scope(user_id):
    user = db.get_or_404(User, user_id)
    form = scope.ScopeForm(data={"municipalities": [m.id for m in scope.municipalities_of(user)]})
    if form.validate_on_submit():
        if perform(scope.set_scope, current_user, user, form.chosen, form=form):
            flash(_("De gemeenten van %(name)s zijn opgeslagen.", name=user.name), "success")
            return redirect(url_for("accounts.user_roles", user_id=user.id))
    return render_template("accounts/user_scope.html", form=form, user=user)


@bp.context_processor
def scope_of_user():
    return {"municipalities_of": scope.municipalities_of}
