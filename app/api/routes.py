"""GET-only JSON endpoints: no writes, so no CSRF exemption is needed."""

from datetime import date, timedelta

from flask import Blueprint, Response, jsonify, request
from flask_babel import gettext as _

from app.agenda import services as agenda
from app.agenda.services import Filters
from app.api import problems
from app.api.openapi import MAX_PAGE, openapi_document
from app.api.problems import invalid_parameters, problem
from app.api.schemas import (
    activity_item,
    decision_item,
    fund_item,
    neighbourhood_item,
    template_detail,
    template_filters,
    template_summary,
)
from app.core.cache import public_page
from app.core.pagination import Page
from app.core.params import FIRST_YEAR, LAST_YEAR, parse_day
from app.core.security import MAX_ID
from app.extensions import db
from app.money.funds import queries as funds
from app.money.models import Fund
from app.templates_library import services

bp = Blueprint("api", __name__, url_prefix="/api/v1")
# On every answer under /api/, the error pages of paths that match no route too.
bp.after_app_request(problems.add_headers)


def _number(value: str, highest: int) -> int | None:
    """A plain number from 1 to `highest` ('²' is a digit to Python but no number)."""
    if not (value.isascii() and value.isdigit()) or len(value) > len(str(highest)):
        return None
    return int(value) if 1 <= int(value) <= highest else None


def _page_number(errors: dict) -> int:
    number = _number(request.args.get("pagina", "1"), MAX_PAGE)
    if number is None:
        errors["pagina"] = [_("Gebruik een paginanummer van 1 tot %(max)d.", max=MAX_PAGE)]
    return number or 1


def _page(page: Page, item) -> Response:
    return jsonify(
        {
            "items": [item(entry) for entry in page.items],
            "page": page.page,
            "per_page": page.per_page,
            "total": page.total,
            "pages": page.pages,
        }
    )


@bp.route("/openapi.json")
def openapi():
    return jsonify(openapi_document())


# Everything a template answer shows (its practice figures change with the activities).
TEMPLATES = ("template", "template_facet", "activity")


@bp.route("/templates")
@public_page(lambda: TEMPLATES)
def templates():
    errors: dict = {}
    filters = template_filters(request.args, errors)
    page_number = _page_number(errors)
    if errors:
        return invalid_parameters(errors)
    return _page(services.library(filters, page_number), template_summary)


@bp.route("/templates/<slug>")
@public_page(lambda slug: TEMPLATES)
def template(slug):
    found = services.template_by_slug(slug)
    if found is None:
        return problem(404, _("Er is geen aanpak met deze naam."))
    return jsonify(template_detail(found, services.practice_figures(found)))


def _clamp(day: date) -> date:
    return min(max(day, date(FIRST_YEAR, 1, 1)), date(LAST_YEAR, 12, 31))


def _activity_filters(errors: dict) -> Filters:
    """buurt (an id), van and tot (ISO dates, both days included); from today by default."""
    hood_id = None
    if "buurt" in request.args:
        hood_id = _number(request.args["buurt"], MAX_ID)
        if hood_id is None:
            errors["buurt"] = [_("Gebruik het nummer (id) van een buurt.")]
    days = {}
    for name in ("van", "tot"):
        if name in request.args:
            days[name] = parse_day(request.args[name])
            if days[name] is None:
                errors[name] = [_("Gebruik een datum als 2026-12-31.")]
    # Any real date is a valid question (a range that ends before it starts finds nothing);
    # the years are clamped so that the day after the last one still exists.
    start, end = (_clamp(days[name]) if days.get(name) else None for name in ("van", "tot"))
    start = start or agenda.local_today()
    return Filters(
        neighbourhood_id=hood_id,
        start=agenda.start_of(start),
        end=agenda.start_of(end + timedelta(days=1)) if end else None,
    )


@bp.route("/activities")
def activities():
    errors: dict = {}
    filters = _activity_filters(errors)
    page_number = _page_number(errors)
    if errors:
        return invalid_parameters(errors)
    return _page(agenda.listing(filters, page_number), activity_item)


@bp.route("/neighbourhoods")
def neighbourhoods():
    errors: dict = {}
    page_number = _page_number(errors)
    if errors:
        return invalid_parameters(errors)
    return _page(agenda.neighbourhoods(page_number), neighbourhood_item)


@bp.route("/funds", endpoint="funds")
def funds_list():
    errors: dict = {}
    page_number = _page_number(errors)
    if errors:
        return invalid_parameters(errors)
    return _page(funds.funds_page(page_number), fund_item)


@bp.route("/funds/<int:fund_id>/decisions")
def fund_decisions(fund_id):
    errors: dict = {}
    page_number = _page_number(errors)
    fund = db.session.get(Fund, fund_id)
    if fund is None:
        return problem(404, _("Er is geen buurtbudget met dit nummer."))
    if errors:
        return invalid_parameters(errors)
    return _page(funds.decisions_page(fund, page_number), decision_item)
