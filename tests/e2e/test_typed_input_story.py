"""Issue 24, items 3, 4, 6 and 7, on a phone (390 px), a story each: a date in the past is
refused unless the trekker records on purpose what took place; publishing is one step whose
result shows; a form that expired comes back with what was typed, and so does the
accountability when a receipt is added, removed or too large; a photo or receipt over its
limit brings the form back with the limit named. axe and the phone checks run on every page."""

import re
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa
from PIL import Image
from playwright.sync_api import expect

from app.core.models import utcnow
from app.money.requests.models import VoucherRequest
from app.teams.models import Team
from seeds.demo import PAST_TITLE
from tests.e2e.conftest import demo_email

pytestmark = [pytest.mark.e2e, pytest.mark.no_db_transaction]
PHONE = {"width": 390, "height": 844}
MARKET = "Rommelmarkt op het plein"
SOUP = "Soepmiddag in de buurtkamer"
COFFEE = "Buurtkoffie in de buurtkamer"
PLAN = "Koffie en koek in de buurtkamer, voor iedereen."
REPORT = "Twaalf buren prikten zwerfvuil rond de flat. We kochten grijpers en vuilniszakken."
TOO_LARGE = 6 * 1024 * 1024  # the limit for photos and receipts is 5 MB


def _local(days: int) -> str:
    return (utcnow() + timedelta(days=days)).astimezone(ZoneInfo("Europe/Amsterdam")).strftime("%Y-%m-%dT14:00")


def _trekker(new_page, log_in):
    page = new_page()
    page.set_viewport_size(PHONE)
    log_in(page, demo_email("trekker"), name="trekker")
    return page


def _activities(page, check_a11y, name: str) -> None:
    """From the page after login to the team's activities."""
    page.get_by_role("link", name="Pruimengaarde Samen").first.click()
    check_a11y(page, f"{name}-team")
    page.get_by_role("link", name="Activiteiten", exact=True).click()
    check_a11y(page, f"{name}-activities")


def _new_activity(page, check_a11y, name: str) -> None:
    _activities(page, check_a11y, name)
    page.get_by_role("link", name="Nieuwe activiteit").click()
    check_a11y(page, f"{name}-form")


def _describe(page, title: str, kind: str, days: int) -> None:
    page.get_by_label("Naam van de activiteit").fill(title)
    page.get_by_label("Soort activiteit").select_option(label=kind)
    page.get_by_label("Begint op", exact=False).fill(_local(days))


def test_a_date_in_the_past_is_refused_unless_recorded_on_purpose(new_page, check_a11y, log_in):
    """Item 3: a market a year ago is refused in Dutch; one that took place is recorded with
    a tick, as done, ready for its review."""
    trekker = _trekker(new_page, log_in)
    _new_activity(trekker, check_a11y, "past")
    _describe(trekker, MARKET, "Buurtfeest", -365)
    trekker.get_by_label("Openbaar", exact=False).check()
    trekker.get_by_role("button", name="Activiteit toevoegen").click()
    expect(trekker.get_by_role("alert").filter(has_text="Deze datum is al voorbij.")).to_be_visible()
    check_a11y(trekker, "past-refused")

    _describe(trekker, SOUP, "Gesprek", -5)
    trekker.get_by_label("Openbaar", exact=False).uncheck()
    trekker.get_by_label("Deze activiteit is al geweest").check()
    trekker.get_by_role("button", name="Activiteit toevoegen").click()
    expect(trekker.get_by_text("De activiteit staat op gedaan. U kunt nu terugkijken.")).to_be_visible()
    expect(trekker.get_by_role("link", name="Terugblik en foto's")).to_be_visible()
    check_a11y(trekker, "past-recorded")


def test_publishing_is_one_step_and_the_agenda_shows_it(new_page, check_a11y, log_in):
    """Item 4: public and dated is in the agenda at once, and the page says so."""
    trekker = _trekker(new_page, log_in)
    _new_activity(trekker, check_a11y, "publish")
    _describe(trekker, MARKET, "Buurtfeest", 12)
    trekker.get_by_label("Waar?").fill("Het plein bij de Pruimengaarde")
    trekker.get_by_label("Openbaar", exact=False).check()
    trekker.get_by_role("button", name="Activiteit toevoegen").click()
    expect(trekker.get_by_role("heading", level=1)).to_have_text(MARKET)
    expect(trekker.get_by_text("De activiteit staat in de agenda.")).to_be_visible()
    expect(trekker.get_by_text("Iedereen: de activiteit staat in de openbare agenda.")).to_be_visible()
    check_a11y(trekker, "published")
    visitor = new_page()
    visitor.set_viewport_size(PHONE)
    visitor.goto("/agenda")
    expect(visitor.get_by_role("link", name=MARKET)).to_be_visible()
    check_a11y(visitor, "agenda-with-market")


def test_an_expired_form_comes_back_with_what_was_typed(new_page, check_a11y, log_in, e2e_app):
    """Item 6: the page stays open past the form token's lifetime; the form comes back with
    everything typed and a fresh token, and sending it again saves it."""
    trekker = _trekker(new_page, log_in)
    _new_activity(trekker, check_a11y, "expire")
    _describe(trekker, COFFEE, "Gesprek", 20)
    trekker.get_by_label("Wat gaat er gebeuren?").fill(PLAN)
    # Every token is too old: a limit of a second with a short wait flaked, because a token's
    # age is counted in whole seconds, so 1.5 s can be an age of one (not over the limit).
    e2e_app.config["WTF_CSRF_TIME_LIMIT"] = -1
    try:
        trekker.get_by_role("button", name="Activiteit toevoegen").click()
        expect(trekker.get_by_role("alert").filter(has_text="Deze pagina stond te lang open.")).to_be_visible()
    finally:
        e2e_app.config["WTF_CSRF_TIME_LIMIT"] = 3600
    expect(trekker.get_by_label("Naam van de activiteit")).to_have_value(COFFEE)
    expect(trekker.get_by_label("Begint op", exact=False)).to_have_value(_local(20))
    expect(trekker.get_by_label("Wat gaat er gebeuren?")).to_have_value(
        "Koffie en koek in de buurtkamer, voor iedereen."
    )
    check_a11y(trekker, "expired-form-back")
    trekker.get_by_role("button", name="Activiteit toevoegen").click()
    expect(trekker.get_by_role("heading", level=1)).to_have_text(COFFEE)
    check_a11y(trekker, "expired-form-saved")


def test_a_photo_over_the_limit_brings_the_form_back_naming_it(new_page, check_a11y, log_in, tmp_path):
    """Item 7: a 6 MB photo ends on the review page with its form, the limit named."""
    trekker = _trekker(new_page, log_in)
    _activities(trekker, check_a11y, "photo")
    trekker.get_by_role("link", name=PAST_TITLE).click()
    check_a11y(trekker, "photo-activity")
    trekker.get_by_role("link", name="Terugblik en foto's").click()
    check_a11y(trekker, "photo-review")
    photo = tmp_path / "groot.jpg"
    photo.write_bytes(b"\xff\xd8\xff" + b"\x00" * TOO_LARGE)
    trekker.get_by_label("Foto", exact=True).set_input_files(photo)
    trekker.get_by_label("Wat staat er op de foto?").fill("Buren aan een lange tafel")
    trekker.get_by_label("De mensen op deze foto", exact=False).check()
    trekker.get_by_role("button", name="Foto toevoegen").click()
    expect(trekker.get_by_role("alert").filter(has_text="Er past hoogstens 5 MB")).to_be_visible()
    expect(trekker.get_by_role("button", name="Foto toevoegen")).to_be_visible()
    expect(trekker.get_by_label("De mensen op deze foto", exact=False)).to_be_checked()
    expect(trekker.get_by_label("Wat staat er op de foto?")).to_have_value("Buren aan een lange tafel")
    check_a11y(trekker, "photo-too-large")


def test_receipts_come_and_go_and_the_typed_report_stays(new_page, check_a11y, log_in, e2e_db, tmp_path):
    """Items 6 and 7: adding a receipt, one over the limit (named), and removing one leave the
    typed report in place."""
    e2e_db.rollback()
    request = e2e_db.scalar(
        sa.select(VoucherRequest)
        .join(Team, Team.id == VoucherRequest.team_id)
        .where(VoucherRequest.status == "paid_out", Team.name == "Flat Lindelaan Burennetwerk")
        .order_by(VoucherRequest.id)
        .limit(1)
    )
    trekker = _trekker(new_page, log_in)
    trekker.goto(f"/teams/{request.team_id}/vouchers/{request.id}")
    check_a11y(trekker, "paid-out")
    trekker.get_by_role("link", name="Verantwoording invullen").click()
    check_a11y(trekker, "account")
    report = trekker.get_by_label("Hoe ging het, en waar ging het geld aan op?")
    report.fill(REPORT)

    receipt = tmp_path / "bon.png"
    Image.new("RGB", (300, 120), (255, 255, 255)).save(receipt)
    trekker.get_by_label("Wat is het voor bon?").fill("Bouwmarkt")
    trekker.get_by_label("De bon", exact=True).set_input_files(receipt)
    trekker.get_by_role("button", name="Bon toevoegen").click()
    expect(trekker.get_by_text("De bon is toegevoegd.")).to_be_visible()
    expect(trekker.get_by_role("link", name="Bouwmarkt")).to_be_visible()
    expect(report).to_have_value(REPORT)
    check_a11y(trekker, "receipt-added")

    large = tmp_path / "grote-bon.pdf"
    large.write_bytes(b"%PDF-1.7\n" + b"0" * TOO_LARGE + b"\n%%EOF")
    trekker.get_by_label("Wat is het voor bon?").fill("Drukkerij")
    trekker.get_by_label("De bon", exact=True).set_input_files(large)
    trekker.get_by_role("button", name="Bon toevoegen").click()
    expect(trekker.get_by_role("alert").filter(has_text="Er past hoogstens 5 MB")).to_be_visible()
    expect(report).to_have_value(REPORT)
    expect(trekker.get_by_label("Wat is het voor bon?")).to_have_value("Drukkerij")
    check_a11y(trekker, "receipt-too-large")

    trekker.get_by_role("button", name=re.compile(r"^Verwijder ?: Bouwmarkt")).click()  # Chromium adds a space
    expect(trekker.get_by_text("De bon is verwijderd.")).to_be_visible()
    expect(report).to_have_value(REPORT)
    check_a11y(trekker, "receipt-removed")
