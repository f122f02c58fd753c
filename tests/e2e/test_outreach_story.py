"""Browser story of the Vitale Wijken outreach at phone and desktop width: the coordinator
opens Huisbezoeken, picks Kruiskamp, adds a flat, records a round (a wrong figure first),
and sees the rate, the chart with the 5–8 % band and its table, and the meeting hint."""

import pytest
from playwright.sync_api import expect

from app.core.timezone import local_today
from tests.e2e.conftest import demo_email

pytestmark = [pytest.mark.e2e, pytest.mark.no_db_transaction]


def test_a_coordinator_records_outreach(page, check_a11y, log_in, e2e_app):
    log_in(page, demo_email("coordinator"))
    page.goto("/huisbezoeken")
    check_a11y(page, "outreach-index")
    page.get_by_role("link", name="Kruiskamp", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Huisbezoeken in Kruiskamp")
    check_a11y(page, "outreach-neighbourhood")

    page.get_by_label("Naam van het gebied").fill("Flat De Horst")
    page.get_by_label("Flat", exact=True).check()
    page.get_by_label("Aantal woningen (niet verplicht)").fill("100")
    page.get_by_role("button", name="Gebied toevoegen").click()
    expect(page.get_by_text("Het gebied Flat De Horst is toegevoegd.")).to_be_visible()
    check_a11y(page, "outreach-area-added")

    with e2e_app.app_context():
        today = local_today().isoformat()
    page.get_by_label("Gebied", exact=True).select_option(label="Flat De Horst")
    page.get_by_label("Datum van de ronde").fill(today)
    for label, value in [
        ("Deuren langs geweest", "40"),
        ("Gesprekken aan de deur", "41"),
        ("Huisbezoeken", "2"),
        ("Bijeenkomsten", "0"),
        ("Bezoekers van de bijeenkomsten", "0"),
        ("Nieuwe bewoners die actief willen worden", "8"),
    ]:
        page.get_by_label(label, exact=True).fill(value)
    page.get_by_role("button", name="Ronde opslaan").click()
    expect(page.get_by_role("alert")).to_contain_text("Er zijn meer gesprekken aan de deur dan deuren.")
    check_a11y(page, "outreach-round-error")
    page.get_by_label("Gesprekken aan de deur", exact=True).fill("12")
    page.get_by_role("button", name="Ronde opslaan").click()
    expect(page.get_by_text("De ronde in Flat De Horst is opgeslagen.")).to_be_visible()
    expect(page.get_by_text("In Flat De Horst willen nu 8 bewoners actief worden.")).to_be_visible()

    figure = page.get_by_role("figure", name="Activatie per maand")
    expect(figure.get_by_role("img", name="Activatie per maand")).to_be_visible()
    expect(figure.get_by_role("table")).to_contain_text("Flat De Horst")
    expect(figure.get_by_role("table")).to_contain_text("8%")
    check_a11y(page, "outreach-recorded")
