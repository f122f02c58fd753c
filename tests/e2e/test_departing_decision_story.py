"""Issue 24, item 9, at phone width: the chair departs from the regie-group's advice, and
it shows. In the demo the flat team asks € 120 for "Kennismaken met nieuwe bewoners" and
the deputy advised to award it; Ruud advises the same, so the advice is € 120. The chair
records € 100: the form says she departs from the advice and refuses the decision without
a reason (nothing changes); with the reason it is recorded, the team's request page says
what the advice was and that the decision departs from it, and so does the public list of
decisions. axe and the phone checks run on every page."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import demo_email

pytestmark = [pytest.mark.e2e, pytest.mark.no_db_transaction]
PHONE = {"width": 390, "height": 844}
FUND = "Buurtbudget Kruiskamp"
TITLE = "Kennismaken met nieuwe bewoners"
REASON = "Koffie en thee zijn er al in de buurtkamer. Met € 100 kan het team de koek en de uitnodigingen betalen."


def _person(new_page, log_in, email: str, name: str):
    page = new_page()
    page.set_viewport_size(PHONE)
    log_in(page, email, name=name)
    return page


def _menu(page, name) -> None:
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name=name).click()


def test_the_chair_departs_from_the_advice_and_everyone_sees_it(new_page, check_a11y, log_in):
    # Ruud gives the second advice: award. The advice of the group is now € 120.
    ruud = _person(new_page, log_in, "regie@example.org", "ruud")
    _menu(ruud, "Mijn adviezen")
    check_a11y(ruud, "todo-ruud")
    ruud.get_by_role("link", name=re.compile(f"^Advies geven.*{TITLE}")).click()
    check_a11y(ruud, "advice")
    ruud.get_by_label("Toekennen", exact=True).check()
    ruud.get_by_role("button", name="Advies geven").click()
    expect(ruud.get_by_text("Uw advies is opgeslagen.")).to_be_visible()
    check_a11y(ruud, "advice-given")

    # The chair reads what the advice is, and that departing from it needs a reason.
    chair = _person(new_page, log_in, "voorzitter@example.org", "chair")
    _menu(chair, "Mijn adviezen")
    check_a11y(chair, "todo")
    chair.get_by_role("link", name=re.compile(f"^Besluit nemen.*{TITLE}")).click()
    expect(chair.get_by_text("Volgens de adviezen: Toegekend, € 120,00.")).to_be_visible()
    expect(chair.get_by_text("Besluit u anders dan het advies", exact=False)).to_be_visible()
    check_a11y(chair, "decide")
    decide_url = chair.url

    # € 100 without a word: the form says she departs from the advice, and nothing is decided.
    chair.get_by_label("Deels toegekend", exact=True).check()
    chair.get_by_label("Toegekend bedrag", exact=False).fill("100")
    chair.get_by_label("Uitleg aan het team", exact=False).fill("")
    chair.get_by_label("Ik leg dit besluit vast").check()
    chair.get_by_role("button", name="Besluit vastleggen").click()
    expect(chair.get_by_role("alert")).to_contain_text("Leg uit waarom het team minder of geen geld krijgt.")
    warning = chair.get_by_text("Uw besluit wijkt af van het advies van de regiegroep.", exact=False)
    expect(warning).to_contain_text("Het advies: Toegekend, € 120,00. Uw besluit: Deels toegekend, € 100,00.")
    check_a11y(chair, "decide-departing-without-reason")
    chair.goto(decide_url)
    expect(chair.get_by_role("button", name="Besluit vastleggen")).to_be_visible()  # still open
    check_a11y(chair, "decide-still-open")

    # With the reason the decision is recorded.
    chair.get_by_label("Deels toegekend", exact=True).check()
    chair.get_by_label("Toegekend bedrag", exact=False).fill("100")
    chair.get_by_label("Uitleg aan het team", exact=False).fill(REASON)
    chair.get_by_label("Ik leg dit besluit vast").check()
    chair.get_by_role("button", name="Besluit vastleggen").click()
    expect(chair.get_by_text("Het besluit is vastgelegd.")).to_be_visible()
    decision = chair.get_by_role("region", name="Besluit", exact=True)
    expect(decision).to_contain_text("Het besluit wijkt af van het advies.")
    check_a11y(chair, "decided")

    # The team reads it on the request's page: what the advice was, and that this departs from it.
    trekker = _person(new_page, log_in, demo_email("trekker"), "trekker")
    _menu(trekker, re.compile(r"^Berichten"))
    check_a11y(trekker, "messages")
    trekker.get_by_role("link", name=re.compile(f"De regiegroep geeft € 100,00 voor {TITLE}")).click()
    decision = trekker.get_by_role("region", name="Besluit", exact=True)
    expect(decision).to_contain_text("Deels toegekend")
    expect(decision).to_contain_text("Advies van de regiegroep")
    expect(decision).to_contain_text("Toegekend, € 120,00.")
    expect(decision).to_contain_text("Het besluit wijkt af van het advies.")
    expect(decision).to_contain_text(REASON)
    check_a11y(trekker, "request-departing")

    # Anyone sees it in the public list of decisions.
    visitor = new_page()
    visitor.set_viewport_size(PHONE)
    visitor.goto("/")
    check_a11y(visitor, "home")
    visitor.get_by_role("contentinfo").get_by_role("link", name="Buurtbudget").click()
    check_a11y(visitor, "public-funds")
    visitor.get_by_role("link", name=FUND).click()
    row = visitor.get_by_role("row").filter(has_text=TITLE)
    expect(row).to_contain_text("Deels toegekend")
    expect(row).to_contain_text("Wijkt af van het advies (Toegekend, € 120,00)")
    expect(row).to_contain_text(REASON)
    check_a11y(visitor, "public-fund")
