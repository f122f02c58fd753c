from flask import Blueprint, Response, current_app, redirect, render_template, request, url_for
from flask_babel import format_date

from app.core.cache import public_page
from app.core.language import remember_language
from app.core.urls import safe_next
from app.main import accessibility as statement

bp = Blueprint("main", __name__)


@bp.route("/")
@public_page(lambda: ())  # texts and settings only: the same for every anonymous visitor
def home():
    return render_template("main/home.html")


@bp.route("/contact")
def contact():
    return render_template("main/contact.html")


@bp.route("/privacy")
def privacy():
    return render_template("main/privacy.html")


@bp.route("/toegankelijkheid")
def accessibility():
    evaluated = format_date(statement.EVALUATED_IN, "MMMM y")
    return render_template("main/accessibility.html", statement=statement, evaluated=evaluated)


@bp.route("/taal/<code>")
def set_language(code):
    """A link, not a form: the choice is a cookie of its own (core.language), so a visitor who
    only reads gets no session and public pages stay the same for everyone."""
    response = redirect(safe_next(request.args.get("next")) or url_for("main.home"))
    if code in current_app.config["LANGUAGES"]:
        remember_language(response, code)
    return response


@bp.route("/.well-known/security.txt")
def security_txt():
    """Where to report a vulnerability (RFC 9116); SECURITY.md in the repository says the same."""
    config = current_app.config
    contact = config["SECURITY_CONTACT"]
    lines = (
        f"Contact: {contact if ':' in contact else 'mailto:' + contact}",
        f"Expires: {config['SECURITY_TXT_EXPIRES']}",
        "Preferred-Languages: nl, en",
        f"Canonical: {config['PUBLIC_BASE_URL'].rstrip('/')}/.well-known/security.txt",
    )
    return Response("\n".join(lines) + "\n", mimetype="text/plain")
