"""Issue 24, item 15's pages on a phone (390 px), checked like every other page: the agenda's
feed explained, the sign-up list with a visitor not yet confirmed and a walk-in added at the
door, a pasted list of neighbourhoods, the question before an outreach round is removed, and
the readable summary of one's data. (The route tests in each feature prove the behaviour.)"""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import demo_email

pytestmark = [pytest.mark.e2e, pytest.mark.no_db_transaction]
PHONE = {"width": 390, "height": 844}
ACTIVITY = "Burendag in de binnentuin"


def _phone(new_page):
    page = new_page()
    page.set_viewport_size(PHONE)
    return page


def test_the_agenda_feed_and_the_sign_up_list_at_the_door(new_page, check_a11y, log_in):
    visitor = _phone(new_page)
    visitor.goto("/agenda")
    check_a11y(visitor, "agenda")
    visitor.get_by_label("Buurt").select_option(label="Kruiskamp (Amersfoort)")
    visitor.get_by_role("button", name="Toon activiteiten").click()
    visitor.get_by_text("Hoe werkt dat?").click()
    expect(visitor.get_by_label("Het adres van deze agenda")).to_have_value(re.compile(r"\.ics$"))
    check_a11y(visitor, "agenda-feed-explained")
    visitor.get_by_role("link", name=ACTIVITY).click()
    check_a11y(visitor, "public-activity")
    visitor.get_by_role("link", name="Aanmelden").click()
    check_a11y(visitor, "sign-up-form")
    visitor.get_by_label("Uw naam").fill("Wim Wachtend")
    visitor.get_by_label("Uw e-mailadres").fill("wim.wachtend@voorbeeld.nl")
    visitor.get_by_role("button", name="Aanmelden").click()
    expect(visitor.get_by_text("Kijk in uw mail")).to_be_visible()
    check_a11y(visitor, "signed-up-not-confirmed")

    trekker = _phone(new_page)
    log_in(trekker, demo_email("trekker"), name="trekker")
    trekker.get_by_role("link", name="Pruimengaarde Samen").first.click()
    check_a11y(trekker, "team")
    trekker.get_by_role("link", name="Activiteiten", exact=True).click()
    check_a11y(trekker, "activities")
    trekker.get_by_role("link", name=ACTIVITY).click()
    check_a11y(trekker, "activity")
    trekker.get_by_role("link", name="Aanmeldingen en binnenkomst").click()
    expect(trekker.get_by_text("Wim Wachtend — nog niet bevestigd")).to_be_visible()
    check_a11y(trekker, "sign-up-list")
    trekker.get_by_label("Naam", exact=True).fill("Henk van de overkant")
    trekker.get_by_role("button", name="Voeg toe en zet op binnen").click()
    expect(trekker.get_by_text("Henk van de overkant is toegevoegd en staat op binnen.")).to_be_visible()
    check_a11y(trekker, "walk-in-added")


def test_an_admin_pastes_neighbourhoods_and_a_round_is_removed_only_when_sure(new_page, check_a11y, log_in):
    admin = _phone(new_page)
    log_in(admin, demo_email("admin"), name="admin")
    admin.goto("/beheer/buurten")
    check_a11y(admin, "places")
    admin.get_by_role("link", name="Buurten toevoegen als lijst").click()
    check_a11y(admin, "places-list-form")
    admin.get_by_label("Gemeente").select_option(label="Amersfoort")
    admin.get_by_label("De buurten, één per regel").fill("Vathorst; ; 11.000\nHoogland\tBU03070901\t7400")
    admin.get_by_role("button", name="Buurten toevoegen").click()
    expect(admin.get_by_text("2 buurten zijn toegevoegd.")).to_be_visible()
    check_a11y(admin, "places-added")

    coordinator = _phone(new_page)
    log_in(coordinator, demo_email("coordinator"), name="coordinator")
    coordinator.goto("/huisbezoeken")
    check_a11y(coordinator, "outreach-index")
    coordinator.get_by_role("link", name="Kruiskamp", exact=True).click()
    check_a11y(coordinator, "outreach")
    coordinator.get_by_role("link", name=re.compile("^Verwijderen")).first.click()
    expect(coordinator.get_by_role("heading", level=1)).to_have_text("Ronde verwijderen?")
    check_a11y(coordinator, "outreach-remove-question")
    coordinator.get_by_role("link", name="Nee, terug naar de huisbezoeken").click()
    check_a11y(coordinator, "outreach-kept")


def test_a_resident_reads_what_is_kept_about_them(page, check_a11y, log_in):
    page.set_viewport_size(PHONE)
    log_in(page, demo_email("lid"), name="lid")
    page.goto("/account")
    check_a11y(page, "account")
    page.get_by_role("link", name="Bekijk wat wij over u bewaren").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Wat wij over u bewaren")
    expect(page.get_by_text("Lidmaatschappen van teams: 1")).to_be_visible()
    check_a11y(page, "my-data")
