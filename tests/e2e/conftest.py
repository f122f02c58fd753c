"""Browser tests: the real app in a thread on its own committed database (demo data),
driven by Chromium through Playwright. Every page a test visits is checked on a phone
(390 px) and a desktop (1,280 px): axe-core finds no WCAG 2.0/2.1 A or AA violation and no
contrast it left to review under the threshold, the page does not scroll sideways (nor at
320 px with WCAG 1.4.12's text spacing), no link, button or amount in a table is off the
screen, no link or button is unreadable with or without focus (page_checks.py), and the
HTML avoids the mistakes a validator caught before.
A console error or a Content-Security-Policy violation fails the test. One browser for
the whole session, and one app.

Without Chromium at /usr/bin/chromium (or $CHROMIUM) the tests skip with a message,
unless REQUIRE_BROWSER=1 (CI), where a missing browser fails them. A failed check or test
leaves screenshots of its pages in test-artifacts/screenshots/; `make screenshots`
(E2E_SCREENSHOTS=all) keeps every checked page there, at both widths."""

import hashlib
import os
import re
import shutil
import threading
from pathlib import Path
from urllib.parse import urldefrag

import pytest
from axe_playwright_python.base import AXE_SCRIPT, AxeResults
from playwright.sync_api import expect
from werkzeug.serving import make_server

from app import create_app
from app.extensions import db
from app.templates_library.seeding import seed_from_files
from seeds.demo import ACCOUNTS as DEMO_ACCOUNTS
from seeds.demo import DEMO_PASSWORD, build_demo
from tests.databases import drop_database, migrated_database
from tests.e2e.page_checks import (
    CONTROL_COLOURS,
    NARROW,
    SIDEWAYS,
    TABLE_REACH,
    TEXT_SPACING_OFF,
    TEXT_SPACING_ON,
    contrast_to_review,
)

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")  # Debian's; `playwright install` needs internet
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
REQUIRE_BROWSER = os.environ.get("REQUIRE_BROWSER") == "1"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
# Two full-page screenshots per checked page cost more than the checks: kept for failures only.
ALL_SCREENSHOTS = os.environ.get("E2E_SCREENSHOTS") == "all"
WCAG_AA = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations", "incomplete"],
}
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
# Mistakes the HTML standard forbids that once slipped in, checked on every page: a required
# select needs an empty first option, a heading cannot be a status, <time datetime> allows at
# most three decimals. No inline style either: the Content-Security-Policy blocks it. And a
# page's title starts with "Fout:" exactly when it shows an error summary.
HTML_CHECKS = """() => {
  const problems = [];
  for (const select of document.querySelectorAll("select[required]:not([multiple])")) {
    const first = select.options[0];
    if (!first || first.value !== "" || first.parentElement !== select)
      problems.push(`required select #${select.id} does not start with an empty option`);
  }
  for (const heading of document.querySelectorAll("h1, h2, h3, h4, h5, h6"))
    if (heading.getAttribute("role") === "status") problems.push(`heading #${heading.id} has role=status`);
  const iso = /^\\d{4}-\\d{2}-\\d{2}([T ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,3})?)?(Z|[+-]\\d{2}:?\\d{2})?)?$/;
  for (const time of document.querySelectorAll("time[datetime]"))
    if (!iso.test(time.getAttribute("datetime"))) problems.push(`time datetime="${time.getAttribute("datetime")}"`);
  // A page with an error summary says so first in its title, and only such a page.
  if (!!document.getElementById("foutmeldingen") !== /^(Fout|Error):/.test(document.title))
    problems.push(`title "${document.title}" and an error summary: one without the other`);
  // Chromium's form filler leaves an empty style="" on inputs it looked at: not ours.
  for (const element of document.querySelectorAll('[style]:not([style=""]), body style'))
    problems.push(`inline style on <${element.localName}>: ${element.outerHTML.slice(0, 200)}`);
  return problems;
}"""


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    """Before any fixture starts a server or a browser: is there a browser to drive?"""
    if os.access(CHROMIUM, os.X_OK):
        return
    message = f"Chromium not found at {CHROMIUM} (apt-get install chromium): browser tests not run"
    if REQUIRE_BROWSER:
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


# --- the app under test ---------------------------------------------------------------


@pytest.fixture(scope="session")
def e2e_app():
    """The app on its own database, built by the migrations (a copy of the run's migrated
    template) and filled with the seeded templates and the demo, as `make run` does."""
    url = migrated_database("e2e")
    # The story logs in and registers more often than the production limit allows.
    # As `make run`: the mails sent are on a page (MAIL_PREVIEW), where the stories read them.
    app = create_app("test", SQLALCHEMY_DATABASE_URI=url, LOGIN_RATE_LIMIT="1000 per minute", MAIL_PREVIEW=True)
    with app.app_context():
        seed_from_files()
        build_demo()
        db.session.commit()
        db.session.remove()
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()
    drop_database(url)


@pytest.fixture(scope="session")
def live_server(e2e_app):
    """The app served by werkzeug in a thread on a free port."""
    server = make_server("127.0.0.1", 0, e2e_app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="e2e-live-server", daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.server_port}"
    e2e_app.config["PUBLIC_BASE_URL"] = url  # links in mails lead back to this server
    yield url
    server.shutdown()
    thread.join(5)
    server.server_close()


@pytest.fixture(scope="session")
def base_url(live_server):
    """pytest-playwright gives every context this base URL, so page.goto("/teams") works."""
    return live_server


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture
def e2e_db(e2e_app):
    """A look into the live server's database (e.g. the outbox), in its own app context."""
    with e2e_app.app_context():
        yield db.session
        db.session.remove()


# --- screenshots and accessibility ----------------------------------------------------


def clear_screenshots(config) -> None:
    """The last run's screenshots go, once per run: in the controller when run in parallel
    (tests/conftest.py), as the workers write theirs into the same folder."""
    if getattr(config, "workerinput", None) is None:
        shutil.rmtree(SCREENSHOTS, ignore_errors=True)


@pytest.fixture(scope="session")
def screenshot_dir() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS


class Visits:
    """Keeps each page's navigations, so a test cannot visit a page without checking it."""

    def __init__(self):
        self.current: str | None = None
        self.checked = True
        self.unchecked: list[str] = []
        self.console_errors: list[str] = []

    def watch(self, page) -> None:
        def on_navigated(frame):
            if frame != page.main_frame:
                return
            url, fragment = urldefrag(frame.url)
            if fragment and url == self.current:
                return  # a jump within the same page (skip link, error summary)
            if not self.checked:
                self.unchecked.append(self.current)
            self.current, self.checked = url, False

        page.on("framenavigated", on_navigated)

    def listen(self, page) -> None:
        """Keep the console's errors (a CSP violation is one) and uncaught script errors."""

        def on_console(message):
            if message.type != "error":
                return
            # The page itself answering 403/404 is what a test asks for; a missing stylesheet is not.
            if message.text.startswith("Failed to load resource") and message.location.get("url") == page.url:
                return
            self.console_errors.append(f"{page.url}: {message.text}")

        page.on("console", on_console)
        page.on("pageerror", lambda error: self.console_errors.append(f"{page.url}: {error}"))


@pytest.fixture
def visits(request):
    tracker = Visits()
    yield tracker
    call = getattr(request.node, "rep_call", None)  # set by pytest-playwright's report hook
    if call is None or call.failed:
        return  # the test's own failure says more
    if not tracker.checked:
        tracker.unchecked.append(tracker.current)
    assert not tracker.unchecked, f"pages visited without an accessibility check: {tracker.unchecked}"
    assert not tracker.console_errors, "errors in the browser console:\n" + "\n".join(tracker.console_errors)


@pytest.fixture
def new_page(request, new_context, visits, screenshot_dir):
    """A fresh browser (own cookies) whose navigations are tracked; when the test fails, a
    screenshot of each of its pages as they were then."""
    pages = []

    def open_page():
        page = new_context().new_page()
        page.set_default_timeout(10_000)
        visits.watch(page)
        visits.listen(page)
        pages.append(page)
        return page

    yield open_page
    call = getattr(request.node, "rep_call", None)  # set by pytest-playwright's report hook
    if call is not None and call.failed:
        prefix = re.sub(r"^test_", "", request.node.name)
        for number, page in enumerate((page for page in pages if not page.is_closed()), 1):
            page.screenshot(path=screenshot_dir / f"{prefix}-failed-page{number}.png", full_page=True)


@pytest.fixture
def page(new_page):
    return new_page()


@pytest.fixture
def check_a11y(request, screenshot_dir, visits):
    """check_a11y(page, name): on a phone (390 px) and a desktop (1,280 px) keep a full-page
    screenshot as an artefact and assert that axe finds no WCAG 2.0/2.1 A or AA violation and
    no contrast to review under the threshold, the page does not scroll sideways, no link,
    button or amount in a table lies off the screen, every link and button is readable with
    and without focus (page_checks.py), its HTML passes HTML_CHECKS and the console is clean.
    With WCAG 1.4.12's text spacing at 320 px the page does not scroll sideways either. A page
    met again exactly as it was checked (its HTML but for its tokens) is not checked twice."""
    prefix = re.sub(r"^test_", "", request.node.originalname)
    step = iter(range(1, 1000))

    def check(page, name: str) -> None:
        page.wait_for_load_state("load")
        number, viewport = next(step), page.viewport_size
        problems = page.evaluate(HTML_CHECKS)
        assert not problems, f"HTML of {name} ({page.url}): {problems}"
        key = _page_key(page)
        if key in _CHECKED_PAGES and not ALL_SCREENSHOTS:
            _checked(visits)
            return
        page.evaluate(AXE_SCRIPT)  # once for both sizes: half a megabyte of script to run
        for size in (PHONE, DESKTOP):
            page.set_viewport_size(size)
            shot = screenshot_dir / f"{prefix}-{number:02d}-{name}-{size['width']}.png"
            if ALL_SCREENSHOTS:
                page.screenshot(path=shot, full_page=True)
            try:
                _check_at_size(page, name, size)
            except AssertionError:
                page.screenshot(path=shot, full_page=True)
                raise
        page.set_viewport_size(NARROW)
        page.evaluate(TEXT_SPACING_ON)
        scroll_width, inner_width = page.evaluate(SIDEWAYS)
        if scroll_width > inner_width:
            page.screenshot(path=screenshot_dir / f"{prefix}-{number:02d}-{name}-320-spacing.png", full_page=True)
        page.evaluate(TEXT_SPACING_OFF)
        assert scroll_width <= inner_width, (
            f"{name} ({page.url}) with text spacing at 320 px scrolls sideways: {scroll_width} px wide"
        )
        page.set_viewport_size(viewport)
        _checked(visits)
        _CHECKED_PAGES.add(key)

    return check


# Pages this worker checked already, by their HTML without its tokens: a page the stories
# meet again as it was (the login page, the home page) looks the same to axe and to the
# layout checks, which are three quarters of a story's time.
_CHECKED_PAGES: set[bytes] = set()
TOKENS = re.compile(r'(?:value|content)="[\w.\-]{32,}"')


def _page_key(page) -> bytes:
    return hashlib.sha256(TOKENS.sub("", page.content()).encode()).digest()


def _checked(visits) -> None:
    assert not visits.console_errors, "errors in the browser console:\n" + "\n".join(visits.console_errors)
    visits.checked = True


def _check_at_size(page, name: str, size: dict) -> None:
    scroll_width, inner_width = page.evaluate(SIDEWAYS)
    where = f"{name} ({page.url}) at {inner_width} px"
    assert scroll_width <= inner_width, f"{where} scrolls sideways: {scroll_width} px wide"
    off_screen = page.evaluate(TABLE_REACH)
    assert not off_screen, f"{where}, off the screen in a table: {off_screen}"
    unreadable = page.evaluate(CONTROL_COLOURS, size is PHONE)
    assert not unreadable, f"{where}, unreadable: {unreadable}"
    results = AxeResults(page.evaluate("options => axe.run(document, options)", WCAG_AA))
    assert results.violations_count == 0, f"axe on {where}:\n{results.generate_report()}"
    to_review = contrast_to_review(results)
    assert not to_review, f"axe on {where}, contrast too low: {to_review}"


# --- acting as a person ---------------------------------------------------------------


def demo_email(role: str) -> str:
    """The demo account of a role (admin, coordinator, trekker, lid, bewoner)."""
    return next(email for account_role, _name, email in DEMO_ACCOUNTS if account_role == role)


@pytest.fixture
def log_in(check_a11y):
    """log_in(page, email, password): through the login form, checking the pages on the way."""

    def log_in_as(page, email: str, password: str = DEMO_PASSWORD, name: str = "") -> None:
        page.goto("/inloggen")
        check_a11y(page, f"login{name and '-' + name}")
        page.get_by_label("E-mailadres").fill(email)
        page.get_by_label("Wachtwoord", exact=True).fill(password)
        page.get_by_role("button", name="Inloggen").click()
        page.get_by_text("U bent ingelogd.").wait_for()
        check_a11y(page, f"logged-in{name and '-' + name}")

    return log_in_as


@pytest.fixture
def log_out(check_a11y):
    def log_out_of(page, name: str = "") -> None:
        page.get_by_role("button", name="Uitloggen").click()
        page.get_by_text("U bent uitgelogd.").wait_for()
        check_a11y(page, f"logged-out{name and '-' + name}")

    return log_out_of


def register(page, check_a11y, name, email, password, label, neighbourhood="Liendert (Amersfoort)"):
    """Fill in the registration form on the page, open the activation link in the mail (read
    on the demo's mail page, as someone trying `make run` does) and activate: the person is
    logged in and on the page they were going to."""
    page.get_by_label("Naam", exact=True).fill(name)
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Uw buurt").select_option(label=neighbourhood)
    page.get_by_label("Wachtwoord", exact=True).fill(password)
    page.get_by_label("Herhaal het wachtwoord").fill(password)
    page.get_by_role("button", name="Account maken").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kijk in uw mail")
    check_a11y(page, f"{label}-check-mail")
    page.get_by_role("link", name="Dit is een proefversie: lees de mail hier").click()
    check_a11y(page, f"{label}-mails")
    mail = page.get_by_role("article").filter(has_text=f"Aan: {email}").first
    expect(mail).to_contain_text("Activeer uw account")
    mail.locator('a[href*="/account-activeren/"]').click()
    check_a11y(page, f"{label}-activate")
    page.get_by_role("button", name="Activeer mijn account").click()
    expect(page.get_by_text("Uw account is actief. Welkom bij Buurtmakers!")).to_be_visible()
    check_a11y(page, f"{label}-registered")
