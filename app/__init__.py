"""Buurtmakers: neighbourhood teams, their activities and budgets."""

import os
from datetime import datetime
from importlib import import_module

from flask import Flask, render_template, request
from flask_babel import format_datetime, format_number, format_time
from flask_login import current_user
from flask_wtf.csrf import CSRFError
from werkzeug.middleware.proxy_fix import ProxyFix

from app import cli
from app.accounts.passwords import dummy_hash
from app.accounts.sessions import init_login
from app.api import problems
from app.core import database, resubmit
from app.core.cache import init_cache
from app.core.cached_pages import init_cached_pages
from app.core.errors import NotAllowed
from app.core.forms import refused_form
from app.core.i18n import install_gettext
from app.core.language import chosen_language, chosen_locale, in_dutch
from app.core.logs import init_logging
from app.core.metrics import init_metrics
from app.core.money import euros
from app.core.policy import can
from app.core.security import init_security, register_converters
from app.core.sentry import init_sentry
from app.core.tables import label_cells
from app.core.throttle import init_limits
from app.core.timezone import day_text
from app.core.transactions import end_unwritten
from app.core.urls import external_url, query_args
from app.core.vocab import THEMES
from app.extensions import babel, csrf, db, migrate
from app.main import mailbox, probes
from app.main.menu import menu
from app.teams.labels import KIND_LABELS, ROLE_LABELS, STATUS_LABELS
from config import CONFIGS


def create_app(config_name: str | None = None, **overrides) -> Flask:
    config_name = config_name or os.environ.get("BUURTMAKERS_CONFIG", "development")
    config = CONFIGS[config_name]
    app = Flask(__name__)
    app.config.from_object(config)
    app.config.update(overrides)
    if hasattr(config, "check"):
        config.check(app)
    app.config["SQLALCHEMY_DATABASE_URI"] = database.url(app.config)
    db.init_app(app)
    app.teardown_appcontext(end_unwritten)
    init_logging(app)
    init_sentry(app)
    init_metrics(app)
    with app.app_context():
        dummy_hash()  # now, so that the first unknown e-mail costs no extra hash
    migrate.init_app(app, db, directory=os.path.join(os.path.dirname(app.root_path), "migrations"))
    csrf.init_app(app)
    init_limits(app)
    init_cache(app)
    babel.init_app(app, locale_selector=chosen_locale)
    install_gettext(app)
    init_security(app)
    init_login(app)
    register_converters(app)
    _register_blueprints(app)
    if app.config["MAIL_PREVIEW"]:
        app.register_blueprint(mailbox.bp)
    _register_errors(app)
    _register_template_helpers(app)
    cli.register(app)
    init_cached_pages(app)
    if app.config["TRUSTED_PROXIES"]:
        hops = app.config["TRUSTED_PROXIES"]
        # Not X-Forwarded-Host: absolute links come from PUBLIC_BASE_URL, never from a header.
        # Outermost: every layer inside sees the client's address and scheme.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops)
    return app


FEATURES = (
    "main",
    "accounts",
    "places",
    "teams",
    "activities",
    "signups",
    "evaluations",
    "money",
    "templates_library",
    "agenda",
    "api",
    "helpdesk",
    "coaching",
    "outreach",
    "reports",
    "coordination",
    "privacy",
    "audit",
    "mailing",
    "letter",
)
# Features without permission rules of their own (the API and the agenda serve what everyone may
# read; the neighbourhood letter takes anyone's address, and its links carry their own proof).
WITHOUT_POLICY = ("main", "agenda", "api", "letter")


def _register_blueprints(app: Flask) -> None:
    for feature in FEATURES:
        if feature not in WITHOUT_POLICY:
            import_module(f"app.{feature}.policy")  # registers the feature's rules
        routes = import_module(f"app.{feature}.routes")
        # A feature has one blueprint, `bp`; the money has two, its endpoints' names kept.
        for bp in getattr(routes, "BLUEPRINTS", None) or (routes.bp,):
            app.register_blueprint(bp)
    app.register_blueprint(probes.bp)


def _register_errors(app: Flask) -> None:
    def page(code: int):
        def handler(error):
            # Keep the error's own headers (Allow on 405, Retry-After on 429): HTTP needs them.
            headers = (
                [h for h in error.get_headers() if h[0] != "Content-Type"] if hasattr(error, "get_headers") else []
            )
            if code == 500:
                # A failed write leaves the session unusable, and the page itself reads the
                # database (the current user): start clean, or the error page crashes too.
                db.session.rollback()
            if problems.is_api_request():
                return problems.for_status(code, headers)
            return render_template(f"errors/{code}.html"), code, headers

        return handler

    for code in (400, 403, 404, 405, 429, 500):
        app.register_error_handler(code, page(code))
    app.register_error_handler(NotAllowed, page(403))
    # A refused form comes back on its page with what was typed; elsewhere, the error page.
    app.register_error_handler(CSRFError, lambda error: resubmit.form_expired(error) or page(400)(error))
    app.register_error_handler(413, lambda error: resubmit.too_large(error) or page(413)(error))


def _register_template_helpers(app: Flask) -> None:
    app.jinja_env.filters["date"] = lambda value: day_text(value, "d MMMM y")
    app.jinja_env.filters["weekday_date"] = lambda value: day_text(value, "EEEE d MMMM")
    app.jinja_env.filters["datetime"] = lambda value: format_datetime(value, "d MMM y, HH:mm") if value else ""
    app.jinja_env.filters["isotime"] = _isotime
    app.jinja_env.filters["euros"] = euros
    app.jinja_env.filters["number"] = format_number
    app.jinja_env.filters["time"] = lambda value: format_time(value, "HH:mm") if value else ""
    app.jinja_env.filters["label_cells"] = label_cells
    app.jinja_env.filters["nl"] = in_dutch
    # A global, not a context variable: the pagination macro is imported without context.
    app.jinja_env.globals["query_args"] = query_args

    @app.context_processor
    def helpers():
        return {
            "can": lambda action, obj=None: can(current_user, action, obj),
            "THEMES": THEMES,
            "KIND_LABELS": KIND_LABELS,
            "STATUS_LABELS": STATUS_LABELS,
            "ROLE_LABELS": ROLE_LABELS,
            "language": chosen_language(),
            "current_path": request.full_path.rstrip("?") if request else "/",
            "has_endpoint": lambda endpoint: endpoint in app.view_functions,
            "external_url": external_url,
            "menu": menu,
            "refused_form": refused_form,
        }


def _isotime(value) -> str:
    """ISO 8601 for <time datetime>: whole seconds, as HTML allows at most three decimals."""
    if not value:
        return ""
    return value.isoformat(timespec="seconds") if isinstance(value, datetime) else value.isoformat()
