"""Issue 12's dead ends, each as a story in the browser: the invitation survives
registration, the start-a-team wish survives login, a trekker sees waiting requests, and the
only trekker hands over before leaving. Every page on the way is checked (axe at 390 and
1280 px, no sideways scroll). The people here are new, so the demo's own teams stay as
the other stories expect them."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import demo_email, register

pytestmark = [pytest.mark.e2e, pytest.mark.no_db_transaction]

TEAM = "Moestuin Schothorst"
SCHOTHORST = "Schothorst-Zuid (Amersfoort)"  # the resident story expects Liendert without teams


def test_an_invitation_survives_registration(new_page, check_a11y, log_in, log_out):
    trekker = new_page()
    log_in(trekker, demo_email("trekker"), name="trekker")
    trekker.goto("/buurten")
    check_a11y(trekker, "neighbourhoods")
    trekker.get_by_role("link", name="Kruiskamp", exact=True).click()
    check_a11y(trekker, "directory-kruiskamp")
    trekker.get_by_role("link", name="Flat Lindelaan Burennetwerk").click()
    check_a11y(trekker, "team-flat")
    trekker.get_by_role("link", name="Leden en aanmeldingen").click()
    check_a11y(trekker, "members-flat")
    trekker.get_by_role("button", name="Nieuwe link maken").click()
    check_a11y(trekker, "members-with-link")
    link = trekker.get_by_label("Link, geldig tot", exact=False).first.input_value()

    visitor = new_page()
    visitor.goto(link)
    expect(visitor.get_by_role("heading", level=1)).to_have_text("Inloggen")
    check_a11y(visitor, "invitation-login")
    visitor.get_by_role("link", name="Account maken").click()
    check_a11y(visitor, "invitation-register")
    register(visitor, check_a11y, "Ilse de Wit", "ilse.dewit@voorbeeld.nl", "fluit paddenstoel oktober", "ilse")
    expect(visitor.get_by_role("heading", level=1)).to_contain_text("Flat Lindelaan Burennetwerk")
    check_a11y(visitor, "invitation-after-activation")
    visitor.get_by_role("button", name="Ja, ik doe mee").click()
    expect(visitor.get_by_text("Welkom in het team!")).to_be_visible()
    check_a11y(visitor, "invitation-joined")


def test_the_start_a_team_wish_survives_login(page, check_a11y):
    page.goto("/")
    check_a11y(page, "home")
    page.get_by_role("link", name="Maak eerst een account").click()
    check_a11y(page, "register-to-start")
    page.get_by_role("link", name="Inloggen", exact=True).last.click()
    check_a11y(page, "login-to-start")
    page.get_by_label("E-mailadres").fill(demo_email("bewoner"))
    page.get_by_label("Wachtwoord", exact=True).fill("buurt-demo-2026")
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Start een team")
    check_a11y(page, "team-form-after-login")


def test_a_trekker_sees_a_waiting_request_and_the_only_trekker_hands_over(new_page, check_a11y, log_in, log_out):
    # Noor starts a team.
    noor = new_page()
    noor.goto("/registreren")
    check_a11y(noor, "register-noor")
    register(noor, check_a11y, "Noor Bakker", "noor.bakker@voorbeeld.nl", "lamp giraf woensdag", "noor", SCHOTHORST)
    noor.goto("/teams/nieuw")
    check_a11y(noor, "team-form-noor")
    noor.get_by_label("Naam van het team").fill(TEAM)
    noor.get_by_label("Soort team").select_option(label="Buurtteam")
    noor.get_by_label("Straat, flat of plek").fill("Heiligenbergerweg")
    noor.get_by_label("Wat wilt u samen bereiken?").fill("Samen groente kweken.")
    noor.get_by_role("button", name="Team maken").click()
    expect(noor.get_by_role("heading", level=1)).to_have_text(TEAM)
    check_a11y(noor, "team-noor")
    team_url = noor.url
    log_out(noor, "noor")

    # Omar asks to join.
    omar = new_page()
    omar.goto("/registreren")
    check_a11y(omar, "register-omar")
    register(omar, check_a11y, "Omar Haddou", "omar.haddou@voorbeeld.nl", "kikker balkon vrijdag", "omar", SCHOTHORST)
    omar.goto(team_url)
    check_a11y(omar, "team-omar")
    omar.get_by_role("button", name="Aanmelden bij dit team").click()
    expect(omar.get_by_text("Uw aanmelding is verstuurd.")).to_be_visible()
    check_a11y(omar, "team-omar-requested")

    # Noor sees the waiting request in the menu, on her account page and on the team page.
    log_in(noor, "noor.bakker@voorbeeld.nl", "lamp giraf woensdag", "noor-again")
    expect(noor.get_by_role("link", name="Mijn account (1 aanmelding)")).to_be_visible()
    expect(noor.get_by_text("1 aanmelding wacht op uw antwoord")).to_be_visible()
    noor.goto(team_url)
    expect(noor.get_by_text("Er wacht 1 aanmelding op uw antwoord.")).to_be_visible()
    check_a11y(noor, "team-noor-waiting")
    noor.get_by_role("link", name="Bekijk de aanmeldingen").click()
    check_a11y(noor, "members-noor-waiting")
    noor.get_by_role("button", name="Omar accepteren").click()
    expect(noor.get_by_text("De aanmelding is geaccepteerd.")).to_be_visible()
    check_a11y(noor, "members-noor")

    # Noor wants to leave, is told she is the only trekker, hands over to Omar and leaves.
    noor.goto(team_url)
    check_a11y(noor, "team-noor-before-leaving")
    noor.get_by_role("link", name="Team verlaten").click()
    expect(noor.get_by_text("U bent de enige trekker van dit team.")).to_be_visible()
    check_a11y(noor, "leave-only-trekker")
    noor.get_by_role("link", name="Maak iemand anders trekker").click()
    check_a11y(noor, "members-to-hand-over")
    noor.get_by_role("button", name="Maak Omar trekker").click()
    expect(noor.get_by_text("De trekkersrol is overgedragen.")).to_be_visible()
    check_a11y(noor, "members-handed-over")
    noor.goto(team_url)
    check_a11y(noor, "team-noor-member")
    noor.get_by_role("link", name="Team verlaten").click()
    check_a11y(noor, "leave-confirm")
    noor.get_by_role("button", name="Ja, verlaat het team").click()
    expect(noor.get_by_text("U bent niet meer verbonden aan dit team.")).to_be_visible()
    check_a11y(noor, "team-after-leaving")
