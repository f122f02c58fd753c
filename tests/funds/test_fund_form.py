"""A coordinator sets up a fund with its rules and changes them; every broken rule gets its
own clear message and changes nothing."""

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.money import ledger
from app.money.models import DecisionRule, EntryKind, Fund, LedgerEntry
from tests.factories import make_user
from tests.funds.conftest import award, entries, page


@pytest.fixture
def valid(w):
    return {
        "neighbourhood_id": str(w.hood.id),
        "name": "Buurtbudget Kruiskamp 2027",
        "period_start": "2027-01-01",
        "period_end": "2027-12-31",
        "total_cents": "25.000",
        "support_percent": "8",
        "max_per_voucher_cents": "500",
        "max_per_team_cents": "1.250,50",
        "min_team_size": "3",
        "categories": ["materials", "food"],
        "opens_on": "2027-01-15",
        "closes_on": "2027-10-31",
        "accountability_days": "30",
        "objection_days": "14",
        "quorum": "3",
        "decision_rule": "unanimous",
    }


def funds_count() -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(Fund))


def test_a_coordinator_creates_a_fund_with_its_rules_and_its_money_in_the_ledger(client, w, valid):
    client.login(w.coordinator)
    form = page(client.get("/fondsen/nieuw"))
    assert "Dit deel gaat niet naar aanvragen van teams" in form and "Kruiskamp" in form  # hints and the neighbourhoods
    response = client.post("/fondsen/nieuw", valid)
    fund = db.session.scalar(sa.select(Fund).where(Fund.name == "Buurtbudget Kruiskamp 2027"))
    assert response.status_code == 302 and response.location.endswith(f"/fondsen/{fund.id}/regiegroep")
    assert (fund.max_per_voucher_cents, fund.max_per_team_cents, fund.support_percent) == (500_00, 1_250_50, 8)
    assert fund.categories == ["materials", "food"] and fund.decision_rule == DecisionRule.UNANIMOUS
    assert (fund.opens_on.isoformat(), fund.quorum, fund.min_team_size) == ("2027-01-15", 3, 3)
    money = ledger.balances(fund)
    assert (money.total, money.support, money.available) == (25_000_00, 2_000_00, 23_000_00)


BAD = [
    ("name", "", "Geef het buurtbudget een naam."),
    ("neighbourhood_id", "", "Kies de buurt van het buurtbudget."),
    ("period_start", "", "Vul de eerste dag van de periode in."),
    ("period_start", "31-02-2027", "Vul de eerste dag van de periode in."),
    ("period_end", "2026-12-31", "De periode eindigt voor ze begint. Kijk de datums na."),
    ("total_cents", "0", "Vul het totaal bedrag van het buurtbudget in, meer dan € 0."),
    ("total_cents", "veel", "Vul een bedrag in euro's in, bijvoorbeeld 125 of 12,50."),
    ("support_percent", "60", "Vul een percentage in van 0 tot en met 50."),
    ("support_percent", "tien", "Vul een percentage in van 0 tot en met 50."),
    ("max_per_voucher_cents", "", "Vul in hoeveel één aanvraag hoogstens mag zijn, meer dan € 0."),
    ("max_per_team_cents", "100", "Het maximum per team is lager dan het maximum per aanvraag."),
    ("min_team_size", "0", "Vul een aantal leden in van 1 tot en met 1000."),
    ("categories", [], "Kies minstens één soort kosten waarvoor bewoners geld kunnen krijgen."),
    ("categories", ["casino"], "Kies minstens één soort kosten waarvoor bewoners geld kunnen krijgen."),
    ("opens_on", "morgen", "Vul de eerste dag in waarop teams kunnen aanvragen."),
    ("closes_on", "2027-01-01", "Aanvragen kan niet sluiten voor het opengaat. Kijk de datums na."),
    # Issue 24, item 15: a window outside the fund's period was taken.
    (
        "opens_on",
        "2026-12-01",
        "Aanvragen kan alleen binnen de periode van het buurtbudget: van 01-01-2027 tot en met 31-12-2027.",
    ),
    (
        "closes_on",
        "2028-03-31",
        "Aanvragen kan alleen binnen de periode van het buurtbudget: van 01-01-2027 tot en met 31-12-2027.",
    ),
    ("accountability_days", "0", "Vul een aantal dagen in van 1 tot en met 3650."),
    ("objection_days", "", "Vul een aantal dagen in van 1 tot en met 3650."),
    ("quorum", "-1", "Vul een aantal adviezen in van 1 tot en met 1000."),
    ("decision_rule", "", "Kies hoe de regiegroep besluit."),
]


@pytest.mark.parametrize(("name", "value", "message"), BAD, ids=[f"{n}={v!r}" for n, v, _m in BAD])
def test_each_broken_rule_has_its_own_message_and_makes_no_fund(client, w, valid, name, value, message):
    client.login(w.coordinator)
    before = funds_count()
    response = client.post("/fondsen/nieuw", valid | {name: value})
    assert response.status_code == 200
    assert message in page(response)
    assert funds_count() == before


def test_a_second_fund_with_the_same_name_in_the_neighbourhood_is_refused(client, w, valid):
    client.login(w.coordinator)
    response = client.post("/fondsen/nieuw", valid | {"name": "buurtbudget KRUISKAMP"})
    assert "Deze buurt heeft al een buurtbudget met deze naam." in page(response)
    assert funds_count() == 1


def test_new_rules_and_a_new_total_are_saved_the_total_as_corrections(client, w, valid):
    client.login(w.coordinator)
    edit = page(client.get(f"/fondsen/{w.fund.id}/bewerken"))
    assert 'value="1.000,00"' in edit and "Buurt</label>" not in edit  # the total; the neighbourhood stays
    response = client.post(f"/fondsen/{w.fund.id}/bewerken", valid | {"total_cents": "1.200", "support_percent": "5"})
    assert response.status_code == 302
    fund = db.session.get(Fund, w.fund.id)
    assert (fund.name, fund.support_percent, fund.neighbourhood_id) == ("Buurtbudget Kruiskamp 2027", 5, w.hood.id)
    money = ledger.balances(fund)
    assert (money.total, money.support) == (1_200_00, 60_00)
    corrections = db.session.scalars(
        sa.select(LedgerEntry.amount_cents).where(
            LedgerEntry.fund_id == fund.id, LedgerEntry.kind == EntryKind.CORRECTION
        )
    ).all()
    assert sorted(corrections) == [-40_00, 200_00]


def test_a_refused_edit_changes_nothing(client, w, valid):
    client.login(w.coordinator)
    award(w, w.request)  # €200 reserved of the €900 available
    before = entries(w.fund)
    for change, message in (
        ({"closes_on": "2026-01-01"}, "Aanvragen kan niet sluiten voor het opengaat."),
        ({"total_cents": "150"}, "Er is niet genoeg geld meer in het buurtbudget."),
        ({"quorum": "nul"}, "Vul een aantal adviezen in van 1 tot en met 1000."),
    ):
        response = client.post(f"/fondsen/{w.fund.id}/bewerken", valid | change)
        assert message in page(response)
        fund = db.session.get(Fund, w.fund.id)
        assert (fund.name, fund.quorum) == ("Buurtbudget Kruiskamp", 2)
        assert entries(w.fund) == before


def test_only_staff_set_up_funds(client, w, valid):
    client.login(w.chair)
    assert client.post("/fondsen/nieuw", valid).status_code == 403
    assert client.post(f"/fondsen/{w.fund.id}/bewerken", valid).status_code == 403
    client.login(make_user("Ada Admin", is_admin=True))
    assert client.get(f"/fondsen/{w.fund.id}/bewerken").status_code == 200
    assert client.get("/fondsen/999999/bewerken").status_code == 404
    assert funds_count() == 1
