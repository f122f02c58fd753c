"""Contact, privacy statement and accessibility statement: in Dutch, with the helpdesk of the
municipality from the settings, and linked from the footer of every page."""

import re

import pytest
from flask_babel import format_date

from app.main import accessibility as statement

HELPDESK = {
    "MUNICIPALITY_NAME": "Gemeente Kruisdorp",
    "HELPDESK_EMAIL": "buurten@kruisdorp.example",
    "HELPDESK_PHONE": "030 123 45 67",
}


@pytest.fixture
def helpdesk(app, monkeypatch):
    for key, value in HELPDESK.items():
        monkeypatch.setitem(app.config, key, value)


def _page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert '<html lang="nl">' in page
    return page


def _shows_the_helpdesk(page: str) -> None:
    assert '<a href="mailto:buurten@kruisdorp.example">buurten@kruisdorp.example</a>' in page
    assert '<a href="tel:0301234567">030 123 45 67</a>' in page


def test_the_contact_page_names_the_helpdesk_of_the_municipality(client, helpdesk):
    page = _page(client, "/contact")
    assert "<h1>Contact</h1>" in page
    assert "Neem contact op met de helpdesk van Gemeente Kruisdorp." in page
    _shows_the_helpdesk(page)


def test_the_privacy_statement_says_what_is_kept_how_long_who_sees_it_and_the_rights(client, helpdesk):
    page = _page(client, "/privacy")
    assert "<h1>Privacyverklaring</h1>" in page
    assert "Gemeente Kruisdorp is verantwoordelijk voor Buurtmakers" in page
    for text in (
        "Uw geboortejaar, maar alleen als u meedoet met een JUNIOR-team.",
        "Uw account bewaren we tot u het verwijdert.",
        "Dan verwijderen we het na 7 dagen.",
        "Heeft u 24 maanden niet ingelogd? Dan krijgt u een mail.",
        "niet binnen 48 uur",
        "30 dagen na de activiteit",
        "Na 24 maanden halen we daar uw naam",
        "7 jaar na het jaar van het buurtbudget",
        "De trekkers van uw eigen team zien uw naam",
        "hoogstens voornamen",
        "Inzage:",
        "Correctie:",
        "Verwijdering:",
        "Overdraagbaarheid:",
        "Bezwaar:",
        "Autoriteit Persoonsgegevens",
    ):
        assert text in page, text
    _shows_the_helpdesk(page)


def test_the_accessibility_statement_follows_the_model_statement(client, helpdesk):
    page = _page(client, "/toegankelijkheid")
    assert "<h1>Toegankelijkheidsverklaring</h1>" in page
    for text in (
        "Gemeente Kruisdorp wil dat iedereen Buurtmakers kan gebruiken",
        "WCAG 2.1 op niveau AA",
        "EN 301 549",
        "Nalevingsstatus: B, voldoet gedeeltelijk",
        "Buurtmakers voldoet gedeeltelijk aan de eisen.",
        "WCAG-EM",
        "Een volledig onderzoek door een onafhankelijk bureau is nog niet gedaan.",
        "Bekende problemen",
        "Onevenredige last",
        "Nationale ombudsman",
        "axe-core",
        "390 pixels",
        "toetsenbord",
    ):
        assert text in page, text
    assert re.search(r"voor het laatst gecontroleerd op \d{1,2} \w+ \d{4}\.", page)
    _shows_the_helpdesk(page)


def test_the_accessibility_statement_lists_each_known_problem_with_its_date(client, ctx):
    """It said "Op dit moment kennen we geen problemen" while an audit found eight: each
    known problem now stands there with its criterion, what we do and by when."""
    page = _page(client, "/toegankelijkheid")
    assert "kennen we geen problemen" not in page
    known = page[page.index('id="bekende-problemen"') : page.index('id="opgelost"')]
    for issue in statement.KNOWN:
        assert str(issue.problem) in known and str(issue.remedy) in known
        assert issue.criterion in known
        assert f"vóór {format_date(issue.by, 'd MMMM y')}" in known
    assert "2.2.1 Timing aanpasbaar" in known
    for issue in statement.SOLVED:
        assert str(issue.problem) in page


def test_the_home_page_leads_to_the_helpdesk(client, helpdesk):
    page = _page(client, "/")
    card = re.search(r"<h3>Hulp krijgen</h3>.*?</li>", page, re.S).group(0)
    _shows_the_helpdesk(card)
    assert '<a href="/contact">Contact met de helpdesk</a>' in card


@pytest.mark.parametrize("url", ["/", "/aanpakken", "/inloggen", "/bestaat-niet"])
def test_the_footer_of_every_page_links_to_contact_privacy_and_accessibility(client, url):
    page = client.get(url).get_data(as_text=True)
    footer = re.search(r"<footer.*?</footer>", page, re.S).group(0)
    for href, label in (
        ("/contact", "Contact"),
        ("/privacy", "Privacyverklaring"),
        ("/toegankelijkheid", "Toegankelijkheidsverklaring"),
    ):
        assert re.search(rf'href="{href}">{label}</a>', footer), label
