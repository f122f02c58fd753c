"""Issue 27's story at phone width (390 px): a trekker prints the poster of an activity (one
A4 page in Chromium's own PDF); a visitor scans its QR code (the test decodes the printed
code and follows the link), signs up and confirms through the mail; at the door the team
checks the visitor in with the code from the mail, and the mail's QR code opens the check-in
page on the trekker's phone. axe and the phone checks run on every page on the way."""

import io
import re
from datetime import timedelta

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect
from pypdf import PdfReader

from app.activities.models import Activity, ActivityKind, ActivityStatus
from app.core.mail import OutboxAttachment, OutboxMail
from app.core.models import utcnow
from app.teams.models import Team
from tests.e2e.conftest import demo_email
from tests.qr import decode_png

pytestmark = [pytest.mark.e2e, pytest.mark.no_db_transaction]
TITLE = "Plantjesmarkt op het plein"  # its own activity: other stories count the demo's places
VISITOR = "petra.poster@voorbeeld.nl"
PHONE = {"width": 390, "height": 844}
A4_MM = (210, 297)
MM_PER_POINT = 25.4 / 72


def _mail_to(e2e_db, email: str) -> OutboxMail:
    e2e_db.rollback()  # a fresh snapshot: the server committed the mail after our last look
    return e2e_db.scalar(sa.select(OutboxMail).where(OutboxMail.recipient == email).order_by(OutboxMail.id.desc()))


def _one_a4_page(page, path) -> str:
    """Print the page as Chromium does (A4), keep the PDF, and return its one page's text."""
    pdf = page.pdf(format="A4", print_background=True)
    path.write_bytes(pdf)
    pages = PdfReader(io.BytesIO(pdf)).pages
    assert len(pages) == 1, f"{page.url} prints on {len(pages)} pages"
    assert tuple(round(float(v) * MM_PER_POINT) for v in pages[0].mediabox.upper_right) == A4_MM
    return " ".join(pages[0].extract_text().split())  # one line: the PDF breaks lines as printed


def _public_activity(e2e_db, title: str, **fields) -> Activity:
    """A public activity of the trekker's team, three weeks ahead."""
    team = e2e_db.scalar(sa.select(Team).where(Team.name == "Pruimengaarde Samen"))
    starts_at = utcnow().replace(microsecond=0) + timedelta(days=20)
    activity = Activity(
        team_id=team.id,
        title=title,
        kind=ActivityKind.PARTY,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=2),
        is_public=True,
        status=ActivityStatus.PLANNED,
        **{"description": "Ruil uw stekjes en neem er een mee naar huis.", "location": "Het plein"} | fields,
    )
    e2e_db.add(activity)
    e2e_db.commit()
    return activity


def test_print_the_poster_scan_it_sign_up_and_check_in_with_the_code(
    new_page, check_a11y, e2e_db, log_in, screenshot_dir
):
    _public_activity(e2e_db, TITLE, capacity=30)
    trekker = new_page()
    trekker.set_viewport_size(PHONE)
    log_in(trekker, demo_email("trekker"), name="trekker")
    trekker.goto("/agenda")
    check_a11y(trekker, "agenda")
    trekker.get_by_role("link", name=TITLE).first.click()
    check_a11y(trekker, "public-activity")
    share = trekker.get_by_role("region", name="Delen")
    expect(share.get_by_role("link", name="Delen via WhatsApp")).to_have_attribute(
        "href", re.compile(r"^https://wa\.me/\?text=")
    )
    share.get_by_role("link", name="Poster om af te drukken").click()
    expect(trekker.get_by_role("heading", level=1)).to_have_text(TITLE)
    check_a11y(trekker, "poster")

    printed = _one_a4_page(trekker, screenshot_dir / "poster_story-poster.pdf")
    assert TITLE in printed and "Pruimengaarde Samen nodigt u uit" in printed

    # The visitor's phone reads the code on the poster.
    (link,) = decode_png(trekker.locator("svg.bm-qr").screenshot())
    assert re.fullmatch(r"http://127\.0\.0\.1:\d+/activiteiten/\d+", link)
    visitor = new_page()
    visitor.set_viewport_size(PHONE)
    visitor.goto(link)
    expect(visitor.get_by_role("heading", level=1)).to_have_text(TITLE)
    check_a11y(visitor, "scanned-activity")
    visitor.get_by_role("link", name="Aanmelden", exact=True).click()
    check_a11y(visitor, "sign-up-form")
    visitor.get_by_label("Uw naam").fill("Petra Poster")
    visitor.get_by_label("Uw e-mailadres").fill(VISITOR)
    visitor.get_by_role("button", name="Aanmelden").click()
    expect(visitor.get_by_text("Kijk in uw mail")).to_be_visible()
    check_a11y(visitor, "signed-up")

    # The mails, on the demo's mail page as someone trying `make run` reads them.
    visitor.goto("/uitproberen/mails")
    check_a11y(visitor, "mailbox-confirm")
    confirm = re.search(r"https?://[^/\s]+(/aanmelding/\S+)", _mail_to(e2e_db, VISITOR).body).group(1)
    visitor.goto(confirm)
    check_a11y(visitor, "confirm")
    visitor.get_by_role("button", name="Bevestig mijn aanmelding").click()
    expect(visitor.get_by_text("U bent aangemeld. Er is een plaats voor u.")).to_be_visible()
    check_a11y(visitor, "confirmed")
    visitor.goto("/uitproberen/mails")
    mail = visitor.get_by_role("article").filter(has_text=VISITOR).first
    expect(mail).to_contain_text("Uw code voor binnenkomst:")
    check_a11y(visitor, "mailbox-with-code")
    code = re.search(r"Uw code voor binnenkomst: (\w{3} \w{3})", mail.inner_text()).group(1)

    # At the door: the team types the code from the mail.
    trekker.goto("/account")
    check_a11y(trekker, "account")
    trekker.get_by_role("link", name="Pruimengaarde Samen").first.click()
    check_a11y(trekker, "team")
    # The team's "doe mee" flyer prints on one page too.
    trekker.get_by_role("region", name="Delen").get_by_role("link", name="Flyer om af te drukken").click()
    check_a11y(trekker, "flyer")
    assert "Doe mee!" in _one_a4_page(trekker, screenshot_dir / "poster_story-flyer.pdf")
    (team_link,) = decode_png(trekker.locator("svg.bm-qr").screenshot())
    assert re.fullmatch(r"http://127\.0\.0\.1:\d+/teams/\d+", team_link)
    trekker.go_back()
    check_a11y(trekker, "team-again")
    trekker.get_by_role("link", name="Activiteiten", exact=True).click()
    check_a11y(trekker, "activities")
    trekker.get_by_role("link", name=TITLE).first.click()
    check_a11y(trekker, "activity")
    trekker.get_by_role("link", name="Aanmeldingen en binnenkomst").click()
    check_a11y(trekker, "sign-up-list")
    trekker.get_by_label("Code van de aanmelding").fill("xx")
    trekker.get_by_role("button", name="Zet op binnen", exact=True).click()
    expect(trekker.get_by_text("Deze code hoort bij niemand van deze activiteit.").first).to_be_visible()
    check_a11y(trekker, "wrong-code")
    trekker.get_by_label("Code van de aanmelding").fill(code.lower())
    trekker.get_by_role("button", name="Zet op binnen", exact=True).click()
    expect(trekker.get_by_text("Petra Poster staat op binnen.")).to_be_visible()
    expect(trekker.locator(".bm-checkin li").filter(has_text="Petra Poster")).to_contain_text("— binnen")
    check_a11y(trekker, "checked-in-by-code")

    # The QR code in the mail opens the same person's check-in page on the trekker's phone.
    mail_id = _mail_to(e2e_db, VISITOR).id
    image = e2e_db.scalar(sa.select(OutboxAttachment.content).where(OutboxAttachment.mail_id == mail_id))
    (checkin_link,) = decode_png(image)
    trekker.goto(checkin_link)
    expect(trekker.get_by_text("Petra Poster staat al op binnen.")).to_be_visible()
    check_a11y(trekker, "check-in-link")


def test_a_poster_with_the_longest_title_and_text_still_prints_on_one_page(page, check_a11y, e2e_db, screenshot_dir):
    activity = _public_activity(
        e2e_db,
        ("Heel lange naam van een activiteit " * 5)[:150],
        description="Een zin over wat we gaan doen met de hele buurt. " * 40,
        location=("Buurthuis aan de lange straatnaam " * 6)[:200],
    )
    page.set_viewport_size(PHONE)
    page.goto(f"/activiteiten/{activity.id}/poster")
    check_a11y(page, "long-poster")
    _one_a4_page(page, screenshot_dir / "poster_story-long-poster.pdf")
    # The code is whole on the page: cut-off text never takes it along.
    assert len(decode_png(page.locator("svg.bm-qr").screenshot())) == 1
