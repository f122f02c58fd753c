"""Issue 24, items 1, 2 and 16, on a phone (390 px): what a walk-through and an audit by hand
found and axe did not. A visitor reads the main buttons and the focused header and footer
links; a regie member reaches "Advies geven" and a trekker the member buttons without
scrolling a table; the coordinator's team table fits a desktop; with text spacing on 320 px
the menu wraps; in English the residents' Dutch texts are marked Dutch; a photo says what is
on it; a refused form puts the focus and the page title on the error; the chair chooses and
confirms a decision herself; the accessibility statement lists what is known.

The chair's decision is a rejection of a small request of its own, so no money moves and the
other stories' figures stay as they expect them."""

import re
from datetime import timedelta

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from app.accounts.models import User
from app.activities import lifecycle
from app.activities.models import ActivityKind, ActivityStatus
from app.core.models import utcnow
from app.main import accessibility as statement
from app.money.models import Fund
from app.money.requests import services as requests
from app.money.requests.models import Advice, RequestStatus, VoucherRequest
from app.money.review import services as review
from app.teams.models import Team
from tests.e2e.conftest import demo_email
from tests.e2e.page_checks import TEXT_CONTRAST, TEXT_SPACING_ON

pytestmark = [pytest.mark.e2e, pytest.mark.no_db_transaction]
PHONE = {"width": 390, "height": 844}
TITLE = "Buurtkast bij de lift"


def _on_phone(new_page):
    page = new_page()
    page.set_viewport_size(PHONE)
    return page


def _contrast(locator) -> float:
    return locator.evaluate(TEXT_CONTRAST)


def _tab_to(page, locator, stops: int = 60) -> None:
    """Press Tab until the locator has the focus, as a keyboard user does."""
    for _ in range(stops):
        page.keyboard.press("Tab")
        if locator.evaluate("element => element === document.activeElement"):
            return
    raise AssertionError(f"{locator} never got the focus")


def _language_of_text(locator) -> str:
    """The language a screen reader reads the element's text in: that of its text's parent."""
    return locator.evaluate(
        "element => [...element.querySelectorAll('*'), element]"
        ".find((e) => [...e.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim()))"
        ".closest('[lang]').lang"
    )


def _on_screen(locator) -> bool:
    box = locator.bounding_box()
    return box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]


def test_a_visitor_reads_the_main_button_and_the_focused_header_and_footer_links(page, check_a11y):
    page.set_viewport_size(PHONE)
    page.goto("/buurten")
    check_a11y(page, "neighbourhoods")
    page.get_by_role("link", name="Kruiskamp").click()
    check_a11y(page, "directory")
    page.get_by_role("link", name="Pruimengaarde Samen").click()
    check_a11y(page, "team")

    # Item 1: the primary button's text had the button's own green (1:1).
    button = page.get_by_role("link", name="Log in om mee te doen")
    colours = button.evaluate("e => [getComputedStyle(e).color, getComputedStyle(e).backgroundColor]")
    assert colours[0] != colours[1], colours
    assert _contrast(button) >= 4.5

    # Item 16: with the keyboard's focus, white on the yellow focus background (1.35:1).
    english = page.get_by_role("banner").get_by_role("link", name="English")
    _tab_to(page, english)
    assert _contrast(english) >= 4.5
    accessibility = page.get_by_role("contentinfo").get_by_role("link", name="Toegankelijkheidsverklaring")
    _tab_to(page, accessibility)
    assert _contrast(accessibility) >= 4.5

    # The accessibility statement: status B, and what is known with when it is solved.
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Toegankelijkheidsverklaring")
    check_a11y(page, "accessibility-statement")
    expect(page.get_by_role("heading", name="Nalevingsstatus: B, voldoet gedeeltelijk")).to_be_visible()
    expect(page.get_by_text("kennen we geen problemen")).to_have_count(0)
    known = page.get_by_role("region", name="Bekende problemen")
    for issue in statement.KNOWN:
        expect(known.get_by_text(issue.criterion)).to_be_visible()
    expect(known).to_contain_text("2.2.1 Timing aanpasbaar")
    expect(known.get_by_text(re.compile(r"^vóór \d{1,2} \w+ \d{4}$")).first).to_be_visible()

    # Item 16: the photo of the demo's story says what is on it (it said "Foto 1 van de activiteit").
    page.get_by_role("contentinfo").get_by_role("link", name="Wat bewoners samen doen").click()
    check_a11y(page, "impact")
    expect(page.get_by_role("img", name="Een grote pan soep, van bovenaf gezien")).to_be_visible()


def test_on_a_phone_the_actions_and_amounts_of_a_table_are_on_the_screen(new_page, check_a11y, log_in):
    # Item 2: "Advies geven" sat in the last column of a table wider than the phone.
    ruud = _on_phone(new_page)
    log_in(ruud, "regie@example.org", name="regie")
    ruud.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Mijn adviezen").click()
    check_a11y(ruud, "todo")
    advise = ruud.get_by_role("link", name=re.compile("^Advies geven"))
    assert advise.count() >= 1
    for n in range(advise.count()):
        assert _on_screen(advise.nth(n)), f"link {n} off the screen"
    amount = ruud.get_by_role("table").first.get_by_text(re.compile(r"^€ [\d.]+,\d\d$")).first
    assert _on_screen(amount)

    # The trekker's member buttons and the team's amounts.
    trekker = _on_phone(new_page)
    log_in(trekker, demo_email("trekker"), name="trekker")
    trekker.get_by_role("link", name="Flat Lindelaan Burennetwerk").first.click()
    check_a11y(trekker, "team")
    trekker.get_by_role("link", name="Leden en aanmeldingen").click()
    check_a11y(trekker, "members")
    for name in ("Maak Latifa trekker", "Haal Latifa uit het team"):
        assert _on_screen(trekker.get_by_role("button", name=name)), name
    trekker.go_back()
    check_a11y(trekker, "team-again")
    trekker.get_by_role("link", name="Geld van het buurtbudget").click()
    check_a11y(trekker, "vouchers")
    rows = trekker.get_by_role("table", name="Aanvragen van het team").get_by_role("row")
    for cell in rows.nth(1).get_by_role("cell").all():
        assert _on_screen(cell), cell.inner_text()

    # With WCAG 1.4.12's text spacing on 320 px, "Mijn account (1 aanmelding)" wraps instead
    # of pushing the page sideways.
    trekker.set_viewport_size({"width": 320, "height": 640})
    trekker.evaluate(TEXT_SPACING_ON)
    expect(trekker.get_by_role("link", name=re.compile(r"^Mijn account \(1 aanmelding\)"))).to_be_visible()
    assert trekker.evaluate("document.documentElement.scrollWidth") <= 320

    # The coordinator's table of teams was 1,537 px wide on a 1,280 px screen.
    coordinator = new_page()
    coordinator.set_viewport_size({"width": 1280, "height": 900})
    log_in(coordinator, demo_email("coordinator"), name="coordinator")
    box = coordinator.get_by_role("region", name="Alle teams")
    assert box.evaluate("element => element.scrollWidth <= element.clientWidth"), box.evaluate("e => e.scrollWidth")


def test_in_english_the_residents_dutch_texts_are_marked_dutch(page, check_a11y):
    page.set_viewport_size(PHONE)
    page.goto("/aanpakken")
    check_a11y(page, "methods")
    page.get_by_role("banner").get_by_role("link", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    check_a11y(page, "methods-english")
    first = page.locator(".card-title a").first
    assert _language_of_text(first) == "nl"
    first.click()
    check_a11y(page, "method-english")
    assert _language_of_text(page.locator("h1")) == "nl"
    assert _language_of_text(page.locator(".lead")) == "nl"
    expect(page.get_by_role("heading", name="How does it work?")).to_be_visible()  # the interface is English


def test_a_refused_form_takes_the_focus_and_the_title(page, check_a11y):
    page.set_viewport_size(PHONE)
    page.goto("/wachtwoord-vergeten")
    check_a11y(page, "forgot-password")
    title = page.title()
    assert not title.startswith("Fout:")
    page.get_by_role("button", name="Stuur mij een link").click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Vul uw e-mailadres in.")
    expect(page.locator("#foutmeldingen")).to_be_focused()
    assert page.title() == f"Fout: {title}"
    check_a11y(page, "forgot-password-refused")


@pytest.fixture
def request_to_decide(e2e_db):
    """A small request of the flat team to the Kruiskamp fund, both advices in: reject."""
    team = e2e_db.scalar(sa.select(Team).where(Team.name == "Flat Lindelaan Burennetwerk"))
    fund = e2e_db.scalar(sa.select(Fund).where(Fund.name == "Buurtbudget Kruiskamp"))
    trekker, ruud, chair = (
        _user(e2e_db, email) for email in (demo_email("trekker"), "regie@example.org", "voorzitter@example.org")
    )
    details = dict(
        title=TITLE,
        description="Een kast met boeken en spelletjes bij de lift.",
        kind=ActivityKind.MEETING,
        starts_at=utcnow() + timedelta(days=20),
        ends_at=None,
        location="Hal van de flat",
        is_public=False,
        capacity=None,
        expected_participants=10,
    )
    activity = lifecycle.create_activity(trekker, team, details)
    lifecycle.change_status(trekker, team, activity, ActivityStatus.PLANNED)
    voucher = requests.save_draft(
        trekker, team, None, fund, activity, "Een kast om te ruilen.", [("materials", "Kast", 25_00)]
    )
    requests.submit(trekker, team, voucher)
    for adviser in (ruud, chair):
        review.assess(adviser, voucher, Advice.REJECT, None, "Er staat al een kast in de buurtkamer.")
    e2e_db.commit()
    return voucher.id


def _user(session, email: str) -> User:
    return session.scalar(sa.select(User).where(User.email == email))


def test_the_chair_chooses_and_confirms_before_money_is_reserved(
    new_page, check_a11y, log_in, e2e_db, request_to_decide
):
    chair = _on_phone(new_page)
    log_in(chair, "voorzitter@example.org", name="chair")
    chair.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Mijn adviezen").click()
    check_a11y(chair, "todo")
    decide = chair.get_by_role("link", name=re.compile(f"^Besluit nemen.*{TITLE}"))
    assert _on_screen(decide)
    decide.click()
    check_a11y(chair, "decide")
    expect(chair.get_by_text("Volgens de adviezen: Afgewezen.")).to_be_visible()
    outcomes = chair.get_by_role("radiogroup", name="Besluit").or_(chair.get_by_role("group", name="Besluit"))
    radios = outcomes.get_by_role("radio")
    expect(radios).to_have_count(3)
    for n in range(3):  # nothing chosen for her, and each choice says it is required
        expect(radios.nth(n)).not_to_be_checked()
        expect(radios.nth(n)).to_have_attribute("required", "")
    confirm = chair.get_by_label("Ik leg dit besluit vast")
    expect(confirm).not_to_be_checked()
    expect(confirm).to_have_attribute("required", "")

    chair.get_by_label("Afgewezen").check()
    chair.get_by_label("Uitleg aan het team", exact=False).fill("Er staat al een kast in de buurtkamer.")
    chair.get_by_role("button", name="Besluit vastleggen").click()
    expect(chair.get_by_role("alert")).to_contain_text("Zet een vinkje als u dit besluit wilt vastleggen.")
    expect(chair.locator("#foutmeldingen")).to_be_focused()
    assert chair.title().startswith("Fout: ")
    check_a11y(chair, "decide-unconfirmed")
    e2e_db.rollback()
    assert e2e_db.get(VoucherRequest, request_to_decide).status == RequestStatus.IN_REVIEW

    expect(chair.get_by_label("Afgewezen")).to_be_checked()  # her choice stays
    chair.get_by_label("Ik leg dit besluit vast").check()
    chair.get_by_role("button", name="Besluit vastleggen").click()
    expect(chair.get_by_text("Het besluit is vastgelegd.")).to_be_visible()
    check_a11y(chair, "decided")
    e2e_db.rollback()
    assert e2e_db.get(VoucherRequest, request_to_decide).status == RequestStatus.REJECTED
