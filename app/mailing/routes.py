from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.core.mail_preferences import DIGEST, KIND_LABELS, Choice, MailKind, choices_of, read_unsubscribe_token
from app.core.views import one_click_or_csrf, perform
from app.extensions import csrf
from app.mailing import services
from app.mailing.forms import preferences_form

bp = Blueprint("mailing", __name__)


@bp.route("/account/mails", methods=["GET", "POST"])
@login_required
def preferences():
    person = current_user._get_current_object()
    kinds = services.kinds_for(person)
    form = preferences_form(kinds, choices_of(person.id))
    if form.validate_on_submit():
        chosen = {kind: Choice(form[kind.value].data) for kind in kinds}
        if perform(services.set_choices, person, person, chosen, form=form):
            flash(_("Uw keuzes voor mails zijn opgeslagen."), "success")
            return redirect(url_for("mailing.preferences"))
    return render_template("mailing/preferences.html", form=form)


@bp.route("/afmelden/<mail_token>", methods=["GET", "POST"])
# One-click from a mail client (RFC 8058) carries no CSRF token: see core.views.one_click_or_csrf.
# Here the token is signed with SECRET_KEY for one person and one kind (a forged or altered one
# is refused), so it stops one kind of mail for that person and nothing else.
@csrf.exempt
def unsubscribe(mail_token):
    found = read_unsubscribe_token(mail_token)
    person = services.person_of(found[0]) if found else None
    if person is None:
        return render_template("mailing/unknown_link.html"), 404
    kind = found[1]
    what = _("het dagelijkse overzicht") if kind == DIGEST else KIND_LABELS[MailKind(kind)]
    if request.method == "POST":
        one_click_or_csrf()
        perform(services.unsubscribe, person, kind)
        return render_template("mailing/unsubscribed.html", what=what)
    return render_template("mailing/unsubscribe.html", what=what)
