"""GET-only JSON endpoints: no writes, so no CSRF exemption is needed."""

from flask import Blueprint, jsonify, request
from flask_babel import gettext as _

from app.api.openapi import MAX_PAGE, openapi_document
from app.api.schemas import template_detail, template_summary
from app.templates_library import services
from app.templates_library.forms import FilterForm, filters_from

bp = Blueprint("api", __name__, url_prefix="/api/v1")


def _error(status: int, message: str, fields: dict | None = None):
    return jsonify({"error": message, "fields": fields or {}}), status


@bp.route("/openapi.json")
def openapi():
    return jsonify(openapi_document())


@bp.route("/templates")
def templates():
    form = FilterForm(request.args)
    filters = filters_from(form)
    page_number = request.args.get("pagina", "1")
    errors = {name: [str(message) for message in messages] for name, messages in form.errors.items()}
    # The HTML form sends "" for "all"; the API wants such a filter left out, as its document says.
    for name in form._fields.keys() - {"q"}:
        if request.args.get(name) == "":
            errors[name] = [_("Laat deze parameter weg als u niet wilt filteren.")]
    if not (page_number.isascii() and page_number.isdigit()) or not 1 <= int(page_number) <= MAX_PAGE:
        errors["pagina"] = [_("Gebruik een paginanummer van 1 tot %(max)d.", max=MAX_PAGE)]
    if errors:
        return _error(400, "invalid parameters", errors)
    page = services.library(filters, int(page_number))
    return jsonify(
        {
            "items": [template_summary(template) for template in page.items],
            "page": page.page,
            "per_page": page.per_page,
            "total": page.total,
            "pages": page.pages,
        }
    )


@bp.route("/templates/<slug>")
def template(slug):
    found = services.template_by_slug(slug)
    if found is None:
        return _error(404, "not found")
    return jsonify(template_detail(found, services.practice_figures(found)))
