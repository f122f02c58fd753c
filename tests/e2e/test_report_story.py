"""Browser story of the reports at phone and desktop width: the demo coordinator opens the
report, first picks an end before the start (a Dutch message), then Kruiskamp and this year
with a quick pick, sees every chart with its table, and downloads the teams table as CSV that
Python's csv module reads. A visitor finds 'Wat bewoners samen doen' in the footer and reads
the demo story with its photo."""

import csv
import io

import pytest
from playwright.sync_api import expect

from app.core.timezone import local_today
from tests.e2e.conftest import demo_email

pytestmark = [pytest.mark.e2e, pytest.mark.no_db_transaction]


def test_a_coordinator_opens_a_report_and_downloads_its_csv(page, check_a11y, log_in, e2e_app):
    with e2e_app.app_context():
        year = local_today().year
    log_in(page, demo_email("coordinator"))
    page.goto("/rapportages")
    check_a11y(page, "report-this-year")

    page.get_by_label("Van", exact=True).fill(f"{year}-06-01")
    page.get_by_label("Tot en met", exact=True).fill(f"{year}-01-01")
    page.get_by_role("button", name="Toon de rapportage").click()
    expect(page.get_by_role("alert")).to_contain_text("De einddatum ligt voor de begindatum.")
    check_a11y(page, "report-wrong-period")

    page.get_by_label("Buurt", exact=True).select_option(label="Kruiskamp (Amersfoort)")
    page.get_by_label("Van", exact=True).fill(f"{year - 1}-01-01")
    page.get_by_label("Tot en met", exact=True).fill(f"{year - 1}-12-31")
    page.get_by_role("button", name="Toon de rapportage").click()
    last_year = f"Kruiskamp (Amersfoort), van 1 januari {year - 1}"
    expect(page.get_by_role("heading", level=2, name=last_year)).to_be_visible()
    check_a11y(page, "report-last-year")
    page.get_by_role("link", name="Dit jaar (").click()
    expect(page.get_by_role("heading", level=2, name="Kruiskamp (Amersfoort), van")).to_be_visible()
    for title in ("Teams per buurt", "Activiteiten per buurt", "Geld voor aanvragen per buurt"):
        figure = page.get_by_role("figure", name=title)
        expect(figure.get_by_role("img", name=title)).to_be_visible()
        expect(figure.get_by_role("table")).to_contain_text("Kruiskamp (Amersfoort)")
    check_a11y(page, "report-kruiskamp")

    with page.expect_download() as download:
        page.get_by_role("link", name="Download de tabel ‘Teams per buurt’ als CSV").click()
    body = download.value.path().read_bytes()
    header, *rows = csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";")
    assert body.startswith(b"\xef\xbb\xbf") and header[0] == "Buurt"
    assert [row[0] for row in rows] == ["Kruiskamp (Amersfoort)"]


def test_a_visitor_reads_what_residents_do_together(page, check_a11y):
    page.goto("/")
    check_a11y(page, "home")
    page.get_by_role("link", name="Wat bewoners samen doen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Wat bewoners samen doen")
    # A card per neighbourhood: no table that scrolls sideways on a phone (issue 24, item 15).
    expect(page.get_by_role("heading", level=3, name="Kruiskamp (Amersfoort)")).to_be_visible()
    # Other stories may have made a story public by now: the demo's is one of the articles.
    soup = page.get_by_role("article").filter(has_text="Zestien buren kookten samen soep")
    expect(soup.get_by_role("img", name="Een grote pan soep, van bovenaf gezien")).to_be_visible()
    check_a11y(page, "impact")
