"""Issue 15's helpdesk in a browser, on a phone: a member follows "Hulp krijgen" from the
home page to the team's question form (an error first), asks, and reads the thread; the
coordinator opens Vragen from the menu, answers, and enters a question for a resident who
phoned, marked "namens ... door ...". axe checks every page at 390 and 1,280 px."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import demo_email

pytestmark = [pytest.mark.e2e, pytest.mark.no_db_transaction]

SUBJECT = "Waar lenen we partytenten?"


def test_a_member_asks_and_the_coordinator_answers(page, check_a11y, log_in, log_out):
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, demo_email("lid"), name="member")
    page.goto("/")
    check_a11y(page, "home")
    page.get_by_role("link", name="Stel uw vraag aan een coördinator").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Vragen van Pruimengaarde Samen")
    check_a11y(page, "team-questions")
    page.get_by_role("button", name="Vraag versturen").click()
    expect(page.get_by_role("alert")).to_contain_text("Schrijf in een paar woorden waar uw vraag over gaat.")
    check_a11y(page, "ask-errors")
    page.get_by_label("Waar gaat uw vraag over?").fill(SUBJECT)
    page.get_by_label("Uw vraag", exact=True).fill("Voor de burendag zoeken we twee partytenten.")
    page.get_by_role("button", name="Vraag versturen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(SUBJECT)
    check_a11y(page, "thread-asked")
    log_out(page, "member")

    log_in(page, demo_email("coordinator"), name="coordinator")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Vragen").click()
    check_a11y(page, "helpdesk-list")
    page.get_by_label("Status").select_option(label="Open")
    page.get_by_role("button", name="Toon vragen").click()
    check_a11y(page, "helpdesk-list-open")
    page.get_by_role("link", name=SUBJECT).click()
    check_a11y(page, "thread-for-coordinator")
    page.get_by_label("Uw bericht").fill("Het buurthuis leent tenten uit. Bel hen even.")
    page.get_by_role("button", name="Bericht versturen").click()
    expect(page.get_by_text("Uw bericht is verstuurd.")).to_be_visible()
    expect(page.get_by_text("Wacht op het team").first).to_be_visible()
    check_a11y(page, "thread-answered")

    page.goto("/helpdesk")
    check_a11y(page, "helpdesk-list-again")
    page.get_by_role("link", name="Vraag invoeren namens een bewoner").click()
    check_a11y(page, "behalf-team")
    page.get_by_label("Team").select_option(label="Pruimengaarde Samen (Kruiskamp)")
    page.get_by_role("button", name="Verder").click()
    check_a11y(page, "behalf-form")
    page.get_by_label("Namens wie stelt u de vraag?").select_option(label="Piet de Boer")
    page.get_by_label("Waar gaat uw vraag over?").fill("Bankjes in de binnentuin")
    page.get_by_label("Uw vraag", exact=True).fill("Piet belde: kunnen er bankjes in de binnentuin komen?")
    page.get_by_role("button", name="Vraag opslaan").click()
    expect(page.get_by_text("namens Piet de Boer door Karim Coördinator").first).to_be_visible()
    check_a11y(page, "thread-on-behalf")
