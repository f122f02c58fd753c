"""Issue 13's agenda in a browser, on a phone: a visitor opens Agenda from the menu, reads
the list, switches to the month, filters on a neighbourhood and opens a public activity.
axe checks every page at 390 and 1,280 px; nothing needs JavaScript."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e, pytest.mark.no_db_transaction]


def test_a_visitor_finds_an_activity_in_the_agenda(page, check_a11y):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/")
    check_a11y(page, "home")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Agenda").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Agenda")
    expect(page.get_by_role("link", name="Burendag in de binnentuin")).to_be_visible()
    expect(page.get_by_text("Gaat niet door").first).to_be_visible()
    check_a11y(page, "agenda-list")

    page.get_by_role("link", name="Per maand").click()
    # On a phone the month is a list of its days; the seven-column table is for wider screens.
    expect(page.get_by_role("heading", level=2, name=re.compile(r"\d{4}$"))).to_be_visible()
    expect(page.get_by_role("table")).to_be_hidden()
    page.set_viewport_size({"width": 1280, "height": 800})
    expect(page.get_by_role("table")).to_be_visible()
    page.set_viewport_size({"width": 390, "height": 844})
    check_a11y(page, "agenda-month")
    page.get_by_role("link", name="Volgende maand").click()
    check_a11y(page, "agenda-next-month")

    page.get_by_role("link", name="Als lijst").click()
    check_a11y(page, "agenda-list-again")
    page.get_by_label("Buurt").select_option(label="Liendert (Amersfoort)")
    page.get_by_role("button", name="Toon activiteiten").click()
    expect(page.get_by_text("0 activiteiten vanaf vandaag")).to_be_visible()
    check_a11y(page, "agenda-liendert")
    page.get_by_label("Buurt").select_option(label="Kruiskamp (Amersfoort)")
    page.get_by_role("button", name="Toon activiteiten").click()
    expect(page.get_by_role("link", name="Zwerfvuil prikken rond de flat")).to_be_visible()
    check_a11y(page, "agenda-kruiskamp")

    page.get_by_role("link", name="Samen de binnentuin opknappen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Samen de binnentuin opknappen")
    expect(page.get_by_text("Er zijn nog 8 plekken.")).to_be_visible()
    expect(page.get_by_role("link", name="Zet in mijn agenda")).to_be_visible()
    check_a11y(page, "public-activity")

    page.get_by_role("link", name="Pruimengaarde Samen").click()
    expect(page.get_by_role("heading", name="In de agenda")).to_be_visible()
    check_a11y(page, "team-with-agenda")


def test_the_language_link_switches_a_reader_without_giving_a_session(page, check_a11y):
    """Issue 28, item 1: the language switch is a link in the header, on a phone too; it
    brings the reader back to the page they were on, in the other language, with only the
    language cookie."""
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/agenda")
    check_a11y(page, "agenda-dutch")
    header = page.get_by_role("banner")
    english = header.get_by_role("link", name="English")
    expect(english).to_be_visible()
    english.click()
    expect(page).to_have_url(re.compile(r"/agenda$"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("Calendar")
    check_a11y(page, "agenda-english")
    assert {cookie["name"] for cookie in page.context.cookies()} == {"taal"}
    header.get_by_role("link", name="Nederlands").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Agenda")
    check_a11y(page, "agenda-dutch-again")
    assert {cookie["name"] for cookie in page.context.cookies()} == {"taal"}
