"""Issue 17's acceptance in one browser: a new resident downloads their data, opens the ZIP
and finds their own e-mail address in it, then deletes their account (a wrong password
first) and can no longer log in. A coordinator opens the privacy pages for a resident who
asks at the helpdesk, without changing anything in the demo. axe checks every page.

The resident registers here, so the demo's residents (which later stories need) stay."""

import json
import zipfile

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import demo_email, register

pytestmark = [pytest.mark.e2e, pytest.mark.no_db_transaction]

NAME, EMAIL, PASSWORD = "Pim Privé", "pim.prive@voorbeeld.nl", "paraplu onder de brug"


def test_privacy_story(page, new_page, check_a11y, log_in, tmp_path):
    page.goto("/registreren")
    check_a11y(page, "register")
    register(page, check_a11y, NAME, EMAIL, PASSWORD, "pim")

    # On the account page Pim downloads everything stored about him.
    page.goto("/account")
    check_a11y(page, "account")
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Mijn gegevens downloaden").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".zip")
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    with zipfile.ZipFile(path) as archive:
        data = json.loads(archive.read("gegevens.json"))
        assert "LEESMIJ.txt" in archive.namelist()
    assert data["user"][0]["email"] == EMAIL
    assert data["outbox_mail"][0]["recipient"] == EMAIL  # the activation mail

    # He deletes his account: the page says what goes and what stays, and asks his password.
    page.get_by_role("link", name="Mijn account verwijderen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Account verwijderen")
    expect(page.get_by_role("heading", name="Wat blijft er?")).to_be_visible()
    check_a11y(page, "erase")
    page.get_by_label("Uw wachtwoord").fill("niet mijn wachtwoord")
    page.get_by_label("Ik begrijp dat dit niet terug te draaien is").check()
    page.get_by_role("button", name="Mijn account verwijderen").click()
    expect(page.get_by_role("alert")).to_contain_text("Het wachtwoord klopt niet.")
    check_a11y(page, "erase-wrong-password")
    page.get_by_label("Uw wachtwoord").fill(PASSWORD)
    page.get_by_label("Ik begrijp dat dit niet terug te draaien is").check()
    page.get_by_role("button", name="Mijn account verwijderen").click()
    expect(page.get_by_text("Uw account en uw gegevens zijn verwijderd.")).to_be_visible()
    check_a11y(page, "erased")
    expect(page.get_by_role("link", name="Inloggen")).to_be_visible()

    # His old e-mail and password open nothing any more.
    page.goto("/inloggen")
    check_a11y(page, "login-after")
    page.get_by_label("E-mailadres").fill(EMAIL)
    page.get_by_label("Wachtwoord", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("alert")).to_contain_text("Het e-mailadres of het wachtwoord klopt niet.")
    check_a11y(page, "login-refused")

    # A coordinator handles a resident's request from the helpdesk: finds the account and
    # reads what a download and an erasure do (nothing is changed in the demo).
    staff = new_page()
    log_in(staff, demo_email("coordinator"), name="coordinator")
    staff.goto("/helpdesk")
    check_a11y(staff, "helpdesk")
    staff.get_by_role("link", name="Privacyverzoeken").click()
    expect(staff.get_by_role("heading", level=1)).to_have_text("Privacyverzoeken")
    check_a11y(staff, "requests")
    staff.get_by_label("E-mailadres van de bewoner").fill(demo_email("bewoner"))
    staff.get_by_role("button", name="Zoeken").click()
    check_a11y(staff, "requests-found")
    staff.get_by_role("link", name="Sanne Jansen").click()
    expect(staff.get_by_role("heading", level=1)).to_have_text("Gegevens van Sanne Jansen")
    check_a11y(staff, "person")
    staff.get_by_role("link", name="Gegevens van deze bewoner verwijderen").click()
    expect(staff.get_by_role("heading", name="Wat gebeurt er?")).to_be_visible()
    check_a11y(staff, "person-erase")
