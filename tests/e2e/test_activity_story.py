"""Issue 13's story at phone width: a trekker plans and publishes an activity; a visitor
finds it in the neighbourhood's agenda, signs up and confirms through the mail; the team
checks the visitor in, and after the day records the evaluation with a photo; the public
page shows the story. axe and the phone checks run on every page on the way."""

import re
from datetime import date, timedelta

import pytest
import sqlalchemy as sa
from PIL import Image
from playwright.sync_api import expect

from app.activities.models import Activity
from app.core.mail import OutboxMail
from app.core.models import utcnow
from tests.e2e.conftest import demo_email

pytestmark = [pytest.mark.e2e, pytest.mark.no_db_transaction]
TITLE = "Buurtbarbecue op het plein"


def _confirm_path(e2e_db, email: str) -> str:
    e2e_db.rollback()  # a fresh snapshot: the server committed the mail after our last look
    mail = e2e_db.scalar(sa.select(OutboxMail).where(OutboxMail.recipient == email).order_by(OutboxMail.id.desc()))
    return re.search(r"https?://[^/\s]+(/aanmelding/\S+)", mail.body).group(1)


def test_plan_publish_sign_up_confirm_check_in_and_tell_the_story(new_page, check_a11y, e2e_db, log_in, tmp_path):
    trekker = new_page()
    trekker.set_viewport_size({"width": 390, "height": 844})
    log_in(trekker, demo_email("trekker"), name="trekker")
    trekker.get_by_role("link", name="Pruimengaarde Samen").first.click()
    check_a11y(trekker, "team")
    trekker.get_by_role("link", name="Activiteiten", exact=True).click()
    check_a11y(trekker, "activities")
    trekker.get_by_role("link", name="Nieuwe activiteit").click()
    check_a11y(trekker, "activity-form")
    trekker.get_by_label("Naam van de activiteit").fill(TITLE)
    trekker.get_by_label("Soort activiteit").select_option(label="Buurtfeest")
    trekker.get_by_label("Begint op", exact=False).fill(f"{date.today() + timedelta(days=9)}T17:00")
    trekker.get_by_label("Waar?").fill("Het plein bij de Pruimengaarde")
    trekker.get_by_label("Openbaar", exact=False).check()
    trekker.get_by_label("Hoeveel mensen kunnen meedoen?", exact=False).fill("5")
    trekker.get_by_role("button", name="Activiteit toevoegen").click()
    expect(trekker.get_by_role("heading", level=1)).to_have_text(TITLE)
    # Public and dated: in the agenda in one step (issue 24, item 4).
    expect(trekker.get_by_text("De activiteit staat in de agenda.")).to_be_visible()
    check_a11y(trekker, "activity-planned")
    activity_url = trekker.url

    visitor = new_page()
    visitor.set_viewport_size({"width": 390, "height": 844})
    visitor.goto("/")
    check_a11y(visitor, "home")
    visitor.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Agenda").click()
    check_a11y(visitor, "agenda")
    visitor.get_by_label("Buurt").select_option(label="Kruiskamp (Amersfoort)")
    visitor.get_by_role("button", name="Toon activiteiten").click()
    check_a11y(visitor, "agenda-kruiskamp")
    visitor.get_by_role("link", name=TITLE).click()
    expect(visitor.get_by_text("Er zijn nog 5 plekken.")).to_be_visible()
    check_a11y(visitor, "public-activity")
    visitor.get_by_role("link", name="Aanmelden").click()
    check_a11y(visitor, "sign-up-form")
    visitor.get_by_label("Uw naam").fill("Vera Visser")
    visitor.get_by_label("Uw e-mailadres").fill("vera.visser@voorbeeld.nl")
    visitor.get_by_role("button", name="Aanmelden").click()
    expect(visitor.get_by_text("Kijk in uw mail")).to_be_visible()
    check_a11y(visitor, "signed-up-check-mail")
    visitor.goto(_confirm_path(e2e_db, "vera.visser@voorbeeld.nl"))
    check_a11y(visitor, "confirm")
    visitor.get_by_role("button", name="Bevestig mijn aanmelding").click()
    expect(visitor.get_by_text("U bent aangemeld. Er is een plaats voor u.")).to_be_visible()
    expect(visitor.get_by_text("Er zijn nog 4 plekken.")).to_be_visible()
    check_a11y(visitor, "confirmed")

    trekker.goto(activity_url)
    check_a11y(trekker, "activity-with-sign-ups")
    trekker.get_by_role("link", name="Aanmeldingen en binnenkomst").click()
    expect(trekker.get_by_text("Vera Visser", exact=True)).to_be_visible()
    check_a11y(trekker, "sign-up-list")
    trekker.get_by_role("button", name="Binnen: Vera Visser").click()
    expect(trekker.get_by_text("1 binnen")).to_be_visible()
    check_a11y(trekker, "checked-in")

    # The day has passed (the test moves the start back instead of waiting a week).
    e2e_db.rollback()
    activity = e2e_db.scalar(sa.select(Activity).where(Activity.title == TITLE))
    activity.starts_at = utcnow() - timedelta(hours=3)
    e2e_db.commit()

    trekker.goto(activity_url)
    check_a11y(trekker, "activity-after-the-day")
    trekker.get_by_role("button", name="De activiteit is geweest").click()
    expect(trekker.get_by_text("De activiteit staat op gedaan.")).to_be_visible()
    check_a11y(trekker, "activity-done")
    trekker.get_by_role("link", name="Terugblik en foto's").click()
    check_a11y(trekker, "review")
    trekker.get_by_role("link", name="Terugblik invullen").click()
    expect(trekker.get_by_label("Hoeveel mensen deden mee?")).to_have_value("1")  # from the check-in
    check_a11y(trekker, "review-form")
    trekker.get_by_label("Hoeveel mensen deden mee?").fill("14")
    trekker.get_by_label("Hoeveel nieuwe contacten", exact=False).fill("6")
    trekker.get_by_label("Wat ging goed?").fill("Iedereen nam iets mee.")
    trekker.get_by_label("Het verhaal van de activiteit").fill("Veertien buren aten samen op het plein.")
    trekker.get_by_label("Het verhaal mag op de openbare pagina", exact=False).check()
    trekker.get_by_role("button", name="Terugblik opslaan").click()
    expect(trekker.get_by_text("Dank u wel! De terugblik is opgeslagen.")).to_be_visible()
    check_a11y(trekker, "review-saved")
    photo = tmp_path / "plein.png"
    Image.new("RGB", (1600, 1200), (46, 125, 87)).save(photo)  # wider than a phone: must not widen the page
    trekker.get_by_label("Foto", exact=True).set_input_files(photo)
    trekker.get_by_label("Wat staat er op de foto?").fill("Veertien buren aan een lange tafel op het plein")
    trekker.get_by_label("De mensen op deze foto", exact=False).check()
    trekker.get_by_role("button", name="Foto toevoegen").click()
    expect(trekker.get_by_text("De foto is toegevoegd.")).to_be_visible()
    check_a11y(trekker, "review-with-photo")

    visitor.reload()
    expect(visitor.get_by_role("heading", name="Zo ging het")).to_be_visible()
    expect(visitor.get_by_text("Veertien buren aten samen op het plein.")).to_be_visible()
    expect(visitor.get_by_role("img", name="Veertien buren aan een lange tafel op het plein")).to_be_visible()
    check_a11y(visitor, "public-story")
