"""Issue 28, item 1: a visitor who only reads gets no session and no cookie, and the public
pages they read are the same for everyone, so a shared cache may keep them a minute
(`Cache-Control: public`). Nothing that carries a session, a CSRF token, a flash or a
logged-in person's page is ever marked shareable. Every GET route a visitor may open, from
app.url_map (the permission matrix's world and URLs)."""

from flask import current_app

from app.core.cache import SHARED_SECONDS
from tests import test_permissions as permissions
from tests.conftest import Client
from tests.test_permissions import MATRIX, _routes, _visit_as

# The permission matrix's world and URL arguments, as fixtures here too.
built_world, world = permissions.built_world, permissions.world

SHARED = f"public, max-age={SHARED_SECONDS}"


def _visitor_routes(app):
    for rule, method in _routes(app):
        if method == "GET" and MATRIX[rule.endpoint]["visitor"] == "ok":
            yield rule.endpoint, sorted(rule.arguments)


def _get(app, world, endpoint, arguments, role="visitor", flash=False):
    client = Client(app.test_client())
    url = _visit_as(role, world, client, app, endpoint, arguments)
    if flash:
        with client.http.session_transaction() as session:
            session["_flashes"] = [("success", "Gelukt.")]
    return client.get(url)


def _is_public_page(endpoint: str) -> bool:
    return hasattr(current_app.view_functions[endpoint], "cache_tags")


def test_a_visitor_who_reads_gets_no_cookie_and_public_pages_are_shareable(app, world):
    public, answered = [], {}
    for endpoint, arguments in _visitor_routes(app):
        response = _get(app, world, endpoint, arguments)
        cookies = response.headers.getlist("Set-Cookie")
        control = response.headers.get("Cache-Control", "")
        answered[endpoint] = (response.status_code, control, [c.split("=")[0] for c in cookies])
        if "public" in control:
            assert not cookies, (endpoint, cookies)
            assert control == SHARED and "Cookie" in response.vary, endpoint
        if _is_public_page(endpoint):
            public.append(endpoint)
    wrong = {e: answered[e] for e in public if answered[e][1:] != (SHARED, [])}
    assert wrong == {}
    assert {"main.home", "agenda.index", "teams.show", "templates_library.show", "reports.impact"} <= set(public)


def test_the_language_link_sets_only_the_language_cookie(app, world):
    response = _get(app, world, "main.set_language", ["code"])
    assert [cookie.split("=")[0] for cookie in response.headers.getlist("Set-Cookie")] == ["taal"]
    assert "public" not in response.headers.get("Cache-Control", "")


def test_nothing_with_a_login_or_a_flash_is_shareable(app, world):
    for endpoint, arguments in _visitor_routes(app):
        for role, flash in (("resident", False), ("visitor", True)):
            control = _get(app, world, endpoint, arguments, role, flash).headers.get("Cache-Control", "")
            assert "public" not in control and ("private" in control or "no-store" in control), (endpoint, role)
