"""Browser story on a phone (390 px) of issue 24, item 5: Truus has no e-mail address and
phones the helpdesk to come to the burendag. The coordinator looks for her by name, does not
find her, registers her (a missing consent first), comes back to the sign-up with Truus
picked and signs her up. Later Truus has an address: the coordinator gives her an account,
and Truus activates it from the mail, chooses a password and sees her sign-up. axe checks
every page at 390 and 1,280 px."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import PHONE, demo_email

pytestmark = [pytest.mark.e2e, pytest.mark.no_db_transaction]
TEAM = "Pruimengaarde Samen"
ACTIVITY = "Burendag in de binnentuin"
TRUUS = "Truus Zondermail"
BEHALF = f"namens {TRUUS} door Karim Coördinator"


def test_a_coordinator_registers_a_resident_without_email_and_signs_her_up(page, check_a11y, log_in, log_out):
    page.set_viewport_size(PHONE)
    log_in(page, demo_email("coordinator"), name="coordinator")
    page.goto("/buurten")
    check_a11y(page, "neighbourhoods")
    page.get_by_role("link", name="Kruiskamp", exact=True).click()
    check_a11y(page, "directory")
    page.get_by_role("link", name=TEAM).click()
    check_a11y(page, "team")
    page.get_by_role("link", name="Activiteiten", exact=True).click()
    check_a11y(page, "activities")
    page.get_by_role("link", name=ACTIVITY).click()
    check_a11y(page, "activity")
    page.get_by_role("link", name="Aanmeldingen en binnenkomst").click()
    check_a11y(page, "sign-up-list")
    page.get_by_role("link", name="Namens een bewoner aanmelden").click()
    check_a11y(page, "sign-up-on-behalf")

    # Not found by name: register her, without e-mail.
    page.get_by_label("Naam van de bewoner").fill("Truus")
    page.get_by_role("button", name="Zoek de bewoner").click()
    expect(page.get_by_text("We vinden geen bewoner met ‘Truus’")).to_be_visible()
    check_a11y(page, "nobody-found")
    page.get_by_role("link", name="Schrijf een bewoner zonder e-mail in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bewoner zonder e-mail inschrijven")
    expect(page.get_by_label("Buurt van de bewoner")).to_have_value(
        page.get_by_label("Buurt van de bewoner").locator("option", has_text="Kruiskamp").get_attribute("value")
    )
    expect(page.get_by_text("Buurtmakers bewaart uw naam")).to_be_visible()
    check_a11y(page, "register")
    page.get_by_label("Naam van de bewoner").fill(TRUUS)
    page.get_by_label("Telefoonnummer of adres").fill("033 765 43 21")
    page.get_by_role("button", name="Bewoner inschrijven").click()
    expect(page.get_by_role("alert")).to_contain_text("Schrijf de bewoner alleen in als hij of zij het ermee eens is.")
    expect(page.get_by_label("Naam van de bewoner")).to_have_value(TRUUS)
    check_a11y(page, "register-no-consent")
    page.get_by_label("De bewoner heeft dit gehoord of gelezen en is het ermee eens").check()
    page.get_by_role("button", name="Bewoner inschrijven").click()
    expect(page.get_by_text(f"{TRUUS} is ingeschreven.")).to_be_visible()

    # Back at the sign-up, with Truus picked; no address anywhere.
    expect(page.get_by_label(f"{TRUUS}, Kruiskamp (zonder e-mail)")).to_be_checked()
    expect(page.locator("main")).not_to_contain_text("@")
    check_a11y(page, "sign-up-with-truus-picked")
    page.get_by_label("Aan de telefoon").check()
    page.get_by_label("De bewoner heeft mij zelf gevraagd", exact=False).check()
    page.get_by_role("button", name="Aanmelden namens de bewoner").click()
    expect(page.get_by_text("De bewoner heeft geen e-mail: laat het hem of haar zelf weten.")).to_be_visible()
    expect(page.get_by_text(BEHALF)).to_be_visible()
    check_a11y(page, "signed-up")

    # Later she has an address: the coordinator gives her an account of her own.
    page.goto("/coordinatie")
    check_a11y(page, "dashboard")
    page.get_by_role("link", name="Bewoners zonder e-mail").click()
    check_a11y(page, "residents")
    page.get_by_role("link", name=TRUUS).click()
    expect(page.get_by_text("033 765 43 21")).to_be_visible()
    expect(page.get_by_text("vastgelegd door Karim Coördinator")).to_be_visible()
    check_a11y(page, "resident")
    page.get_by_label("E-mailadres van de bewoner").fill("truus@voorbeeld")
    page.get_by_role("button", name="Account geven").click()
    expect(page.get_by_role("alert")).to_contain_text("Dit is geen geldig e-mailadres.")
    check_a11y(page, "resident-bad-address")
    page.get_by_label("E-mailadres van de bewoner").fill("truus@example.org")
    page.get_by_role("button", name="Account geven").click()
    expect(page.get_by_text("De bewoner krijgt een mail om het account te activeren")).to_be_visible()
    check_a11y(page, "resident-handed-over")
    log_out(page, "coordinator")

    # Truus opens the usual activation mail and chooses a password.
    page.goto("/uitproberen/mails")
    check_a11y(page, "mails")
    mail = page.get_by_role("article").filter(has_text="Aan: truus@example.org").first
    expect(mail).to_contain_text("Karim Coördinator heeft voor u een account gemaakt")
    mail.locator('a[href*="/account-activeren/"]').click()
    check_a11y(page, "activate")
    page.get_by_role("button", name="Activeer mijn account").click()
    expect(page.get_by_text("Uw e-mailadres is bevestigd. Kies nu een wachtwoord.")).to_be_visible()
    check_a11y(page, "choose-password")
    page.get_by_label("Nieuw wachtwoord", exact=True).fill("fiets paraplu zonnig")
    page.get_by_label("Herhaal het wachtwoord").fill("fiets paraplu zonnig")
    page.get_by_role("button", name="Wachtwoord opslaan").click()
    expect(page.get_by_text("Uw nieuwe wachtwoord is opgeslagen.")).to_be_visible()
    check_a11y(page, "truus-account")
    page.goto("/account/berichten")
    expect(page.locator("main")).to_contain_text(f"heeft Karim Coördinator u aangemeld voor {ACTIVITY}")
    check_a11y(page, "truus-messages")
