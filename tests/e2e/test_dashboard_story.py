"""Issue 15's dashboard on a phone: the demo coordinator logs in and lands on the overview,
answers the question that waits too long right under its signal, snoozes the signal of a
team that has been quiet for months (a missing reason first), finds it under "Uitgesteld"
with the reason, brings it back, and follows the new team's signal to its coaching page.
The other parts of the coordinator's day have their own stories: test_helpdesk_story,
test_coaching_story (acting for a resident), test_outreach_story and test_report_story
(the CSV). axe and the phone checks run on every page."""

import re
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from app.core.timezone import local_today
from tests.e2e.conftest import demo_email

pytestmark = [pytest.mark.e2e, pytest.mark.no_db_transaction]
QUESTION = "Wie ruimt het vuil bij de containers op?"
QUIET = "Speeltuin Nieuwland"
NEW = "Moestuin Nieuwland"
# The link says "Uitstellen", with the signal and team for screen readers (hidden text).
SNOOZE_QUIET = re.compile(rf"^Uitstellen\W+Team lang niet actief, {QUIET}$")


def test_a_coordinator_works_through_the_signals(page, check_a11y, log_in, e2e_app):
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, demo_email("coordinator"), name="coordinator")
    expect(page.get_by_role("heading", level=1)).to_have_text("Overzicht van de teams")
    expect(page.get_by_role("row").filter(has_text=QUIET)).to_contain_text("Actief")
    waiting = page.get_by_role("heading", name="Vraag wacht lang op antwoord: Flat Lindelaan Burennetwerk")
    expect(waiting).to_be_visible()

    # The waiting question, answered from the dashboard.
    page.get_by_text("Nu antwoorden").click()
    page.get_by_label(f"Uw antwoord op: {QUESTION}").fill("Bel de woningcorporatie; ik stuur u het nummer.")
    check_a11y(page, "dashboard-answering")
    page.get_by_role("button", name="Antwoord versturen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Overzicht van de teams")
    expect(waiting).to_have_count(0)
    check_a11y(page, "dashboard-answered")

    # The quiet team's signal, put aside for two weeks with a reason.
    page.get_by_role("link", name=SNOOZE_QUIET).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Signaal uitstellen")
    check_a11y(page, "snooze")
    page.get_by_label("Uitstellen tot en met").fill((_today(e2e_app) + timedelta(days=14)).isoformat())
    page.get_by_role("button", name="Uitstellen").click()
    expect(page.get_by_role("alert")).to_contain_text("Schrijf op waarom u het signaal uitstelt.")
    check_a11y(page, "snooze-error")
    page.get_by_label("Waarom stelt u het uit?").fill("De trekker belt na de zomervakantie.")
    page.get_by_role("button", name="Uitstellen").click()
    expect(page.get_by_text("Het signaal is uitgesteld tot en met")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("Signalen")
    snoozed = page.locator("li", has_text="De trekker belt na de zomervakantie.")
    expect(snoozed).to_contain_text(QUIET)
    expect(page.get_by_role("link", name=SNOOZE_QUIET)).to_have_count(0)
    check_a11y(page, "signals-with-snoozed")
    snoozed.get_by_role("button", name="Nu weer tonen").click()
    expect(page.get_by_role("link", name=SNOOZE_QUIET)).to_be_visible()
    check_a11y(page, "signals-woken")

    # The new team nobody has spoken to: its signal leads to the coaching page.
    page.get_by_label("Soort signaal").select_option(label="Nieuw team nog niet gesproken")
    page.get_by_role("button", name="Toon").click()
    expect(page.get_by_role("heading", name=f"Nieuw team nog niet gesproken: {NEW}")).to_be_visible()
    check_a11y(page, "signals-filtered")
    page.get_by_role("link", name="Naar de begeleiding").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Begeleiding van {NEW}")
    check_a11y(page, "coaching-from-signal")


def _today(app):
    with app.app_context():
        return local_today()
