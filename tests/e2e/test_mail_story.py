"""Issue 27, items 4 and 5 in one browser: a new resident chooses which mails they get (a
wrong form first), asks for the neighbourhood letter of Liendert (an empty address first),
confirms it from the mail and ends it again from the link under it, and stops one kind of
mail from a mail's link. axe and the phone checks run on every page."""

import pytest
from playwright.sync_api import expect

from app.accounts.models import User
from app.core.mail_preferences import MailKind, MailPreference, unsubscribe_token
from app.letter.models import LetterSubscription
from app.places.models import Neighbourhood
from tests.e2e.conftest import register

pytestmark = [pytest.mark.e2e, pytest.mark.no_db_transaction]

NAME, EMAIL, PASSWORD = "Mila Mailtjes", "mila.mailtjes@voorbeeld.nl", "brievenbus aan de gracht"


def _mail_link(page, check_a11y, label: str, subject: str, path: str) -> str:
    page.goto("/uitproberen/mails")
    check_a11y(page, label)
    mail = page.get_by_role("article").filter(has_text=subject).first
    return mail.locator(f'a[href*="{path}"]').first.get_attribute("href")


def test_mail_story(page, check_a11y, e2e_db):
    page.goto("/registreren")
    check_a11y(page, "register")
    register(page, check_a11y, NAME, EMAIL, PASSWORD, "mila")

    # Mila chooses: the helpdesk once a day, nothing about voucher steps.
    page.goto("/account")
    check_a11y(page, "account")
    page.get_by_role("link", name="Welke mails wilt u krijgen?").click()
    check_a11y(page, "mail-choices")
    page.get_by_role("group", name="Antwoorden en vragen bij de helpdesk").get_by_label(
        "Eén keer per dag, in een overzicht"
    ).check()
    page.get_by_role("group", name="Stappen van een aanvraag voor geld").get_by_label(
        "Geen mail (alleen in de app)"
    ).check()
    page.get_by_role("button", name="Keuzes opslaan").click()
    expect(page.get_by_text("Uw keuzes voor mails zijn opgeslagen.")).to_be_visible()
    check_a11y(page, "mail-choices-saved")
    mila = e2e_db.query(User).filter_by(email=EMAIL).one()
    chosen = {p.kind: p.choice for p in e2e_db.query(MailPreference).filter_by(user_id=mila.id)}
    assert chosen["helpdesk"] == "digest" and chosen["vouchers"] == "never"

    # The neighbourhood letter of Liendert, asked for from its agenda.
    liendert = e2e_db.query(Neighbourhood).filter_by(name="Liendert").one()
    page.goto(f"/buurten/{liendert.id}/agenda")
    check_a11y(page, "agenda-liendert")
    page.get_by_role("link", name="Elke week een mail: wat gebeurt er in mijn buurt?").click()
    check_a11y(page, "letter-subscribe")
    page.get_by_role("button", name="Buurtbrief aanvragen").click()
    expect(page.get_by_role("alert")).to_contain_text("Vul uw e-mailadres in.")
    check_a11y(page, "letter-subscribe-errors")
    page.get_by_label("Uw e-mailadres").fill(EMAIL)
    page.get_by_role("button", name="Buurtbrief aanvragen").click()
    expect(page.get_by_text("Kijk in uw mail")).to_be_visible()
    check_a11y(page, "letter-asked")
    page.goto(_mail_link(page, check_a11y, "letter-mails", "Bevestig de buurtbrief", "/buurtbrief/"))
    check_a11y(page, "letter-confirm")
    page.get_by_role("button", name="Ja, stuur mij de buurtbrief").click()
    expect(page.get_by_text("U krijgt voortaan elke week de buurtbrief")).to_be_visible()
    check_a11y(page, "letter-confirmed")
    (subscription,) = e2e_db.query(LetterSubscription).filter_by(email=EMAIL).all()
    assert subscription.confirmed_at is not None

    # The link under every letter: what is kept, and one button to end it.
    page.goto(f"/buurtbrief/{subscription.token}/afmelden")
    expect(page.get_by_text(EMAIL)).to_be_visible()
    check_a11y(page, "letter-unsubscribe")
    page.get_by_role("button", name="Ja, stop de buurtbrief").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Buurtbrief gestopt")
    check_a11y(page, "letter-unsubscribed")
    e2e_db.expire_all()
    assert e2e_db.query(LetterSubscription).filter_by(email=EMAIL).count() == 0

    # The way out of a kind of mail, as the link in a mail about sign-ups.
    page.goto(f"/afmelden/{unsubscribe_token(mila.id, MailKind.SIGNUPS)}")
    check_a11y(page, "mail-unsubscribe")
    page.get_by_role("button", name="Ja, stuur mij hierover geen mail meer").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("U krijgt hierover geen mail meer")
    check_a11y(page, "mail-unsubscribed")
