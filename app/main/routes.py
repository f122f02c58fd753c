from flask import Blueprint, current_app, redirect, render_template, request, session, url_for

from app.core.urls import safe_next

bp = Blueprint("main", __name__)


@bp.route("/")
def home():
    return render_template("main/home.html")


@bp.route("/taal/<code>", methods=["POST"])
def set_language(code):
    # Only the session cookie changes; no database write.
    if code in current_app.config["LANGUAGES"]:
        session["language"] = code
    return redirect(safe_next(request.form.get("next")) or url_for("main.home"))
