"""Issue 3's story in a browser: a team member asks the chooser which approach fits,
opens one, turns it into a plan for the team and ticks off the first step. axe checks
the library list, the chooser, the detail page and the plan."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import demo_email

pytestmark = [pytest.mark.e2e, pytest.mark.no_db_transaction]


def test_a_member_chooses_an_approach_adopts_it_and_ticks_a_step(page, check_a11y, log_in):
    log_in(page, demo_email("lid"), name="member")

    page.get_by_role("link", name="Aanpakken").first.click()
    check_a11y(page, "library")
    page.get_by_label("Zoekwoorden").fill("ruzie met de buren")
    page.get_by_role("button", name="Zoeken").click()
    expect(page.locator(".card-title").first).to_have_text("Buurtbemiddeling")
    check_a11y(page, "library-search")

    page.get_by_role("link", name="Welke aanpak past bij onze buurt?").click()
    check_a11y(page, "chooser")
    page.get_by_label("Ruzie of ergernis tussen buren").check()
    page.get_by_label("Waar in de buurt?").select_option(label="In huis")
    page.get_by_role("button", name="Laat zien wat past").click()
    first = page.locator(".card").first
    expect(first).to_contain_text("Past bij")
    check_a11y(page, "chooser-results")

    first.get_by_role("link").first.click()
    name = page.get_by_role("heading", level=1).inner_text()
    check_a11y(page, "template")
    page.get_by_label("Voor welk team?").select_option(label="Pruimengaarde Samen")
    page.get_by_role("button", name="Maak er een plan van").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(name)
    expect(page.get_by_text("0 van")).to_be_visible()
    check_a11y(page, "plan")

    page.get_by_role("button", name="Vink af").first.click()
    expect(page.get_by_text("1 van")).to_be_visible()
    expect(page.get_by_role("button", name="Zet weer open")).to_have_count(1)
    check_a11y(page, "plan-step-done")


def test_a_coordinator_edits_a_template_and_sees_mistakes_explained(page, check_a11y, log_in):
    log_in(page, demo_email("coordinator"), name="coordinator")
    page.goto("/aanpakken/buurtbemiddeling")
    check_a11y(page, "template-as-coordinator")
    page.get_by_role("link", name="Aanpak bewerken").click()
    check_a11y(page, "template-form")
    page.get_by_label("Naam", exact=True).fill("")
    page.get_by_label("Titel van de stap").first.fill("")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("alert")).to_contain_text("Geef de aanpak een naam.")
    check_a11y(page, "template-form-errors")
