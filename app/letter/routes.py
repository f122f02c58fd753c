from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from app.core.forms import ConfirmForm
from app.core.throttle import limit_mails_to_typed_address
from app.core.views import from_mail_link, one_click_or_csrf, perform
from app.extensions import csrf, db, limiter
from app.letter import services
from app.letter.forms import SubscribeForm
from app.places.models import Neighbourhood

bp = Blueprint("letter", __name__)


def _signup_limit() -> str:
    return current_app.config["SIGNUP_RATE_LIMIT"]


@bp.route("/buurten/<int:neighbourhood_id>/buurtbrief", methods=["GET", "POST"])
@limiter.limit(_signup_limit, methods=["POST"])
@limit_mails_to_typed_address
def subscribe(neighbourhood_id):
    hood = db.get_or_404(Neighbourhood, neighbourhood_id)
    form = SubscribeForm()
    if form.validate_on_submit() and perform(services.subscribe, hood, form.email.data, form=form):
        flash(_("Kijk in uw mail: klik op de link om de buurtbrief te krijgen."), "success")
        return redirect(url_for("letter.subscribe", neighbourhood_id=hood.id))
    return render_template("letter/subscribe.html", form=form, neighbourhood=hood)


@bp.route("/buurtbrief/<letter_token>", methods=["GET", "POST"])
def confirm(letter_token):
    # A button, not the link itself: mail scanners open links, and a GET changes nothing.
    subscription = from_mail_link(services.by_token(letter_token))
    hood = services.neighbourhood_of(subscription)
    form = ConfirmForm()
    if form.validate_on_submit() and perform(services.confirm, subscription):
        flash(_("Gelukt. U krijgt voortaan elke week de buurtbrief van %(name)s.", name=hood.name), "success")
        return redirect(url_for("agenda.neighbourhood", neighbourhood_id=hood.id))
    return render_template("letter/confirm.html", form=form, neighbourhood=hood)


@bp.route("/buurtbrief/<letter_token>/afmelden", methods=["GET", "POST"])
# One-click from a mail client (RFC 8058) carries no CSRF token: see core.views.one_click_or_csrf.
@csrf.exempt
def unsubscribe(letter_token):
    if request.method == "POST":
        one_click_or_csrf()
    subscription = services.by_token(letter_token)
    if subscription is None:  # ended before: the same answer as now, nothing left to stop
        return render_template("letter/unsubscribed.html")
    if request.method == "POST":
        perform(services.unsubscribe, subscription)
        return render_template("letter/unsubscribed.html")
    return render_template(
        "letter/unsubscribe.html", subscription=subscription, neighbourhood=services.neighbourhood_of(subscription)
    )
