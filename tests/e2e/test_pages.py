"""The pages around the story: what a visitor sees (login, password reset, a missing
page, the public team pages, contact, privacy and accessibility statements), the admin's
user pages, and keyboard basics."""

import re

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from app.core.mail import OutboxMail
from tests.e2e.conftest import demo_email

pytestmark = [pytest.mark.e2e, pytest.mark.no_db_transaction]


def test_visitor_pages(page, check_a11y, e2e_db):
    page.goto("/inloggen")
    check_a11y(page, "login")
    page.get_by_label("E-mailadres").fill(demo_email("bewoner"))
    page.get_by_label("Wachtwoord", exact=True).fill("niet-het-goede-wachtwoord")
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("alert")).to_contain_text("Het e-mailadres of het wachtwoord klopt niet.")
    expect(page.get_by_label("E-mailadres")).to_have_value(demo_email("bewoner"))
    check_a11y(page, "login-errors")

    # Forgotten password: the request form, its errors, and the form behind the mailed link.
    page.get_by_role("link", name="Wachtwoord vergeten?").click()
    check_a11y(page, "forgot-password")
    page.get_by_role("button", name="Stuur mij een link").click()
    expect(page.get_by_role("alert")).to_contain_text("Vul uw e-mailadres in.")
    check_a11y(page, "forgot-password-errors")
    page.get_by_label("E-mailadres").fill(demo_email("bewoner"))
    page.get_by_role("button", name="Stuur mij een link").click()
    expect(page.get_by_text("Als dit e-mailadres bij ons bekend is")).to_be_visible()
    check_a11y(page, "forgot-password-sent")
    mail = e2e_db.scalars(
        sa.select(OutboxMail).where(OutboxMail.recipient == demo_email("bewoner")).order_by(OutboxMail.id.desc())
    ).first()
    link = re.search(r"https?://\S+/wachtwoord-herstellen/\S+", mail.body).group(0)
    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_have_text("Nieuw wachtwoord kiezen")
    check_a11y(page, "reset-password")
    page.get_by_label("Nieuw wachtwoord").fill("een lang nieuw wachtwoord")
    page.get_by_label("Herhaal het wachtwoord").fill("iets anders")
    page.get_by_role("button", name="Wachtwoord opslaan").click()
    expect(page.get_by_role("alert")).to_contain_text("De twee wachtwoorden zijn niet hetzelfde.")
    check_a11y(page, "reset-password-errors")

    # A page that does not exist.
    response = page.goto("/bestaat-niet")
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Pagina niet gevonden")
    check_a11y(page, "not-found")

    # The public team pages.
    page.get_by_role("link", name="Teams", exact=True).click()
    check_a11y(page, "neighbourhoods")
    page.get_by_role("link", name="Kruiskamp").click()
    expect(page.get_by_text("2 teams gevonden")).to_be_visible()
    check_a11y(page, "directory")
    page.get_by_role("link", name="Pruimengaarde Samen").click()
    expect(page.get_by_role("link", name="Log in om mee te doen")).to_be_visible()
    expect(page.get_by_role("link", name="Leden en aanmeldingen")).to_have_count(0)
    check_a11y(page, "team-page-visitor")

    # The service pages, through the links in the footer.
    footer = page.get_by_role("contentinfo")
    for title, name in (
        ("Contact", "contact"),
        ("Privacyverklaring", "privacy"),
        ("Toegankelijkheidsverklaring", "accessibility"),
    ):
        footer.get_by_role("link", name=title, exact=True).click()
        expect(page.get_by_role("heading", level=1)).to_have_text(title)
        check_a11y(page, name)


def test_admin_user_pages(page, check_a11y, log_in, log_out):
    log_in(page, demo_email("admin"), name="admin")
    page.get_by_role("link", name="Gebruikers").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Gebruikers")
    check_a11y(page, "users")
    page.get_by_label("Zoek op naam of e-mailadres").fill("jansen")
    page.get_by_role("button", name="Zoeken").click()
    expect(page.get_by_text("1 gebruiker", exact=True)).to_be_visible()
    check_a11y(page, "users-search")
    page.get_by_role("link", name="Sanne Jansen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Rollen van Sanne Jansen")
    expect(page.get_by_label("Coördinator")).not_to_be_checked()
    check_a11y(page, "user-roles")
    log_out(page, "admin")


def test_a_resident_cannot_open_the_admin_pages(page, check_a11y, log_in):
    log_in(page, demo_email("bewoner"), name="resident")
    response = page.goto("/beheer/buurten")
    assert response.status == 403
    check_a11y(page, "forbidden")


def test_skip_link_is_the_first_stop_and_moves_focus_to_the_content(page, check_a11y):
    page.goto("/registreren")
    check_a11y(page, "register")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Naar de inhoud")
    expect(skip).to_be_focused()
    box = skip.bounding_box()
    assert box is not None and box["x"] >= 0 and box["y"] >= 0, "the focused skip link is on screen"
    page.keyboard.press("Enter")
    expect(page.locator("main#inhoud")).to_be_focused()
    # The next Tab continues inside the content, not back in the header.
    page.keyboard.press("Tab")
    assert page.evaluate("document.querySelector('main').contains(document.activeElement)")
