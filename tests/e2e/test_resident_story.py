"""Issue 2's acceptance, in one browser: a new resident registers and starts a team, a
second resident asks to join, the trekker accepts, and the coordinator follows the team
and looks after the neighbourhoods. Every page on the way is checked with axe."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import demo_email, register

pytestmark = [pytest.mark.e2e, pytest.mark.no_db_transaction]

YARA = ("Yara Yilmaz", "yara.yilmaz@voorbeeld.nl", "zonnebloem in de tuin")
BRAM = ("Bram Visser", "bram.visser@voorbeeld.nl", "fietsen langs de singel")
TEAM = "Groene Singel Liendert"


def test_resident_story(page, check_a11y, log_in, log_out):
    # A visitor finds the site and wants to take part.
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Samen maken we de buurt")
    check_a11y(page, "home-visitor")
    page.get_by_role("link", name="Registreren").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Account maken")
    check_a11y(page, "register")

    # An empty form, then a wrong one: the errors are summarised in Dutch and tied to the fields.
    page.get_by_role("button", name="Account maken").click()
    summary = page.get_by_role("alert")
    expect(summary.get_by_role("heading")).to_have_text("Er is iets niet goed ingevuld")
    expect(summary).to_contain_text("Vul uw naam in.")
    expect(summary).to_contain_text("Vul uw e-mailadres in.")
    expect(summary).to_contain_text("Kies een wachtwoord.")
    check_a11y(page, "register-errors-empty")

    name, email, password = YARA
    page.get_by_label("Naam", exact=True).fill(name)
    page.get_by_label("E-mailadres").fill("yara@")
    page.get_by_label("Wachtwoord", exact=True).fill("kort")
    page.get_by_label("Herhaal het wachtwoord").fill("anders")
    page.get_by_role("button", name="Account maken").click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Dit is geen geldig e-mailadres.")
    expect(summary).to_contain_text("Kies een wachtwoord van minstens 10 tekens.")
    expect(summary).to_contain_text("De twee wachtwoorden zijn niet hetzelfde.")
    expect(page.get_by_label("E-mailadres")).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_label("Naam", exact=True)).to_have_value(name)
    check_a11y(page, "register-errors-invalid")

    # Yara registers and lands in her neighbourhood's team directory.
    register(page, check_a11y, name, email, password, "yara")
    expect(page.get_by_role("heading", level=1)).to_have_text("Teams in Liendert")
    expect(page.get_by_text("0 teams gevonden")).to_be_visible()

    # She starts a team; the first try lacks a required field.
    page.get_by_role("link", name="Teams", exact=True).click()
    check_a11y(page, "neighbourhoods-yara")
    page.get_by_role("link", name="Start een team").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Start een team")
    check_a11y(page, "team-form")
    expect(page.get_by_label("Buurt", exact=True)).to_have_value(re.compile(r"\d+"))
    page.get_by_label("Soort team").select_option(label="Buurtteam")
    page.get_by_label("Straat, flat of plek").fill("Singel 1 t/m 40")
    page.get_by_label("Groen", exact=True).check()
    page.get_by_label("Ontmoeting").check()
    page.get_by_label("Wat wilt u samen bereiken?").fill("Een moestuin aan de singel, samen met de buren.")
    page.get_by_role("button", name="Team maken").click()
    expect(page.get_by_role("alert")).to_contain_text("Geef het team een naam.")
    expect(page.get_by_label("Naam van het team")).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_label("Straat, flat of plek")).to_have_value("Singel 1 t/m 40")
    check_a11y(page, "team-form-errors")

    page.get_by_label("Naam van het team").fill(TEAM)
    page.get_by_role("button", name="Team maken").click()
    expect(page.get_by_text("Het team is gemaakt. U bent de trekker.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text(TEAM)
    expect(page.get_by_text("· 1 lid")).to_be_visible()
    check_a11y(page, "team-page-trekker")
    team_url = page.url
    log_out(page, "yara")

    # A second resident registers, finds the team by searching and asks to join.
    page.get_by_role("link", name="Registreren").click()
    check_a11y(page, "register-bram")
    name, email, password = BRAM
    register(page, check_a11y, name, email, password, "bram")
    expect(page.get_by_role("heading", level=1)).to_have_text("Teams in Liendert")
    page.get_by_label("Zoek een team op naam, straat of plan").fill("singel")
    page.get_by_role("button", name="Zoeken").click()
    expect(page.get_by_text("1 team gevonden")).to_be_visible()
    check_a11y(page, "directory-search")
    page.get_by_role("link", name=TEAM).click()
    expect(page.get_by_role("heading", level=2, name="Meedoen met dit team")).to_be_visible()
    check_a11y(page, "team-page-resident")
    page.get_by_label("Bericht aan de trekkers (niet verplicht)").fill("Ik heb een kruiwagen en tijd op zaterdag.")
    page.get_by_role("button", name="Aanmelden bij dit team").click()
    expect(page.get_by_text("Uw aanmelding is verstuurd.")).to_be_visible()
    expect(page.get_by_text("U heeft zich aangemeld. De trekkers beslissen erover.")).to_be_visible()
    check_a11y(page, "team-page-requested")
    page.get_by_role("link", name="Mijn account").click()
    expect(page.get_by_role("listitem").filter(has_text=TEAM)).to_contain_text("aangemeld, wacht op antwoord")
    check_a11y(page, "profile-bram")
    page.get_by_role("link", name="Buurtmakers").click()
    expect(page.get_by_role("link", name="Start een team")).to_be_visible()
    check_a11y(page, "home-resident")
    log_out(page, "bram")

    # Yara, the trekker, accepts Bram from the members page.
    log_in(page, YARA[1], YARA[2], "yara")
    page.get_by_role("link", name=TEAM).click()
    check_a11y(page, "team-page-yara")
    page.get_by_role("link", name="Leden en aanmeldingen").click()
    requests = page.get_by_role("region", name="Aanmeldingen")
    expect(requests).to_contain_text("Bram Visser")
    expect(requests).to_contain_text("Ik heb een kruiwagen en tijd op zaterdag.")
    check_a11y(page, "members-with-request")
    page.get_by_role("button", name="Bram accepteren").click()
    expect(page.get_by_text("De aanmelding is geaccepteerd.")).to_be_visible()
    expect(page.get_by_text("Er zijn geen nieuwe aanmeldingen.")).to_be_visible()
    members = page.get_by_role("table", name="Leden van het team")
    expect(members.get_by_role("row").filter(has_text="Bram Visser")).to_contain_text("lid")
    check_a11y(page, "members-accepted")
    page.goto(team_url)
    expect(page.get_by_text("· 2 leden")).to_be_visible()
    check_a11y(page, "team-page-two-members")
    log_out(page, "yara-after-accepting")

    # The coordinator follows the team and looks after the neighbourhoods.
    log_in(page, demo_email("coordinator"), name="coordinator")
    page.goto(team_url)
    expect(page.get_by_role("heading", name="Status van het team")).to_be_visible()
    check_a11y(page, "team-page-coordinator")
    page.get_by_role("link", name="Leden en aanmeldingen").click()
    expect(page.get_by_role("table", name="Leden van het team")).to_contain_text("Bram Visser")
    check_a11y(page, "members-coordinator")
    page.get_by_role("link", name="Buurten beheren").click()
    expect(page).to_have_url(re.compile(r"/beheer/buurten$"))
    check_a11y(page, "neighbourhoods-admin")
    page.get_by_role("link", name="Liendert", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Buurt wijzigen")
    check_a11y(page, "neighbourhood-form")
    page.get_by_label("CBS-code (niet verplicht)").fill("Liendert-1")
    page.get_by_label("Aantal woningen (niet verplicht)").fill("-5")
    page.get_by_role("button", name="Opslaan").click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Een CBS-code is BU of WK met 8 cijfers")
    expect(summary).to_contain_text("Vul een aantal van 0 of meer in.")
    check_a11y(page, "neighbourhood-form-errors")
    page.get_by_label("CBS-code (niet verplicht)").fill("BU03070502")
    page.get_by_label("Aantal woningen (niet verplicht)").fill("2850")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("De buurt is opgeslagen.")).to_be_visible()
    expect(page.get_by_role("row").filter(has_text="Liendert")).to_contain_text("2850")
    check_a11y(page, "neighbourhoods-admin-saved")
    log_out(page, "coordinator")
