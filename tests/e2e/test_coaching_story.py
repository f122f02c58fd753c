"""Browser story of coaching at phone and desktop width: the coordinator opens a demo team's
Begeleiding, writes a note (a missing text first), sets the support level, asks to join for
a resident who phoned, and signs the same resident up for the team's burendag; the resident
sees both marked "namens ... door ..." on their own pages."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import demo_email

pytestmark = [pytest.mark.e2e, pytest.mark.no_db_transaction]
TEAM = "Pruimengaarde Samen"
ACTIVITY = "Burendag in de binnentuin"
RESIDENT = ("Gerrit Kok", "gerrit@example.org")
BEHALF = "namens Gerrit Kok door Karim Coördinator"


def test_a_coordinator_coaches_a_team_and_acts_for_a_resident(page, check_a11y, log_in, log_out):
    log_in(page, demo_email("coordinator"), name="coordinator")
    page.goto("/buurten")
    check_a11y(page, "neighbourhoods")
    page.get_by_role("link", name="Kruiskamp", exact=True).click()
    check_a11y(page, "directory")
    page.get_by_role("link", name=TEAM).click()
    check_a11y(page, "team")
    page.get_by_role("link", name="Begeleiding").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Begeleiding van {TEAM}")
    check_a11y(page, "coaching")

    page.get_by_label("Overleg", exact=True).check()
    page.get_by_role("button", name="Notitie opslaan").click()
    expect(page.get_by_role("alert")).to_contain_text("Schrijf op wat er besproken of gedaan is.")
    check_a11y(page, "coaching-note-error")
    page.get_by_label("Notitie", exact=True).fill("Overleg met de trekker over de burendag.")
    page.get_by_role("button", name="Notitie opslaan").click()
    expect(page.get_by_text("De notitie is opgeslagen.")).to_be_visible()
    expect(page.get_by_text("Overleg met de trekker over de burendag.")).to_be_visible()
    check_a11y(page, "coaching-note-saved")

    page.get_by_label("Licht: het team doet veel zelf").check()
    page.get_by_role("button", name="Steun opslaan").click()
    expect(page.get_by_text("De steun voor het team is opgeslagen.")).to_be_visible()
    check_a11y(page, "coaching-level-saved")

    page.get_by_label("Naam van de bewoner").fill("gerrit")
    page.get_by_role("button", name="Zoek de bewoner").click()
    check_a11y(page, "coaching-resident-found")
    expect(page.locator("section[aria-labelledby=namens-kop]")).not_to_contain_text("@")  # names, not addresses
    page.get_by_label(f"{RESIDENT[0]}, Kruiskamp").check()
    page.get_by_label("Aan de telefoon").check()
    page.get_by_label("De bewoner heeft mij zelf gevraagd", exact=False).check()
    page.get_by_role("button", name="Aanmelden namens de bewoner").click()
    expect(page.get_by_text("De aanmelding is verstuurd.")).to_be_visible()
    check_a11y(page, "coaching-joined-on-behalf")

    page.get_by_role("link", name=TEAM).first.click()
    check_a11y(page, "team-again")
    page.get_by_role("link", name="Leden en aanmeldingen").click()
    expect(page.get_by_role("region", name="Aanmeldingen")).to_contain_text(BEHALF)
    check_a11y(page, "members-with-behalf")
    page.get_by_role("link", name=TEAM).first.click()
    check_a11y(page, "team-before-activities")
    page.get_by_role("link", name="Activiteiten", exact=True).click()
    check_a11y(page, "activities")
    page.get_by_role("link", name=ACTIVITY).click()
    check_a11y(page, "activity")
    page.get_by_role("link", name="Aanmeldingen en binnenkomst").click()
    check_a11y(page, "sign-up-list")
    page.get_by_role("link", name="Namens een bewoner aanmelden").click()
    check_a11y(page, "sign-up-on-behalf")
    page.get_by_label("Naam van de bewoner").fill("Kok")
    page.get_by_role("button", name="Zoek de bewoner").click()
    check_a11y(page, "sign-up-on-behalf-found")
    page.get_by_role("button", name="Aanmelden namens de bewoner").click()
    expect(page.get_by_role("alert")).to_contain_text("Zoek de bewoner op naam en kies hem of haar uit de lijst.")
    check_a11y(page, "sign-up-on-behalf-error")
    page.get_by_label(f"{RESIDENT[0]}, Kruiskamp").check()
    page.get_by_label("In het buurthuis of bij de balie").check()
    page.get_by_label("De bewoner heeft mij zelf gevraagd", exact=False).check()
    page.get_by_role("button", name="Aanmelden namens de bewoner").click()
    expect(page.get_by_text("De bewoner is aangemeld en heeft een plaats.")).to_be_visible()
    expect(page.get_by_text(BEHALF)).to_be_visible()
    check_a11y(page, "sign-up-list-with-behalf")
    log_out(page, "coordinator")

    log_in(page, RESIDENT[1], name="resident")
    page.goto("/account")
    expect(page.get_by_role("listitem").filter(has_text=TEAM)).to_contain_text(BEHALF)
    check_a11y(page, "resident-account")
    page.get_by_role("link", name=TEAM).first.click()
    check_a11y(page, "resident-team")
    page.get_by_role("link", name=ACTIVITY).click()
    expect(page.get_by_role("region", name="Aanmelden")).to_contain_text(BEHALF)
    check_a11y(page, "resident-activity")
