"""The ledger page (newest first, paginated), a coordinator's correction, and the CSV for
Dutch Excel that streams however long the ledger is."""

import csv
import io
import tracemalloc

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.money import ledger
from app.money.models import EntryKind, LedgerEntry
from tests.bulk import bulk_entries
from tests.factories import make_fund, make_neighbourhood, make_team
from tests.funds.conftest import award, entries, page


def first_entry(fund, kind=EntryKind.DEPOSIT) -> LedgerEntry:
    return db.session.scalar(
        sa.select(LedgerEntry).where(LedgerEntry.fund_id == fund.id, LedgerEntry.kind == kind).order_by(LedgerEntry.id)
    )


def test_the_ledger_shows_each_entry_newest_first_with_its_request_and_who(client, w):
    award(w, w.request)
    client.login(w.rik)
    text = page(client.get(f"/fondsen/{w.fund.id}/kasboek"))
    assert text.index("Vastgezet voor een toegekende aanvraag") < text.index("Geld in het buurtbudget gezet")
    assert f"Aanvraag {w.request.id} van Pruimengaarde Samen" in text and "Carla Voorzitter" in text
    assert "€ 200,00" in text and "Download als CSV" in text
    assert "Een boeking corrigeren" not in text  # the regie-group reads; coordinators correct


def test_the_ledger_is_paginated(client, w):
    bulk_entries(w.fund.id, w.request.id, w.coordinator.id, 43)  # 45 entries with the deposit and the support share
    client.login(w.coordinator)
    first = page(client.get(f"/fondsen/{w.fund.id}/kasboek"))
    assert "Pagina 1 van 3" in first and "Boeking 42<" in first and "Boeking 22<" not in first
    last = page(client.get(f"/fondsen/{w.fund.id}/kasboek?pagina=3"))
    assert "Geld in het buurtbudget gezet" in last and "Boeking 2<" in last and "Boeking 3<" not in last


def correction(entry_id, direction="af", amount="100", reason="Dubbel geboekt"):
    return {"entry_id": str(entry_id), "direction": direction, "amount": amount, "reason": reason}


def test_a_coordinator_corrects_an_entry_with_a_new_entry_that_refers_to_it(client, w):
    client.login(w.coordinator)
    deposit = first_entry(w.fund)
    response = client.post(f"/fondsen/{w.fund.id}/correctie", correction(deposit.id))
    assert response.status_code == 302
    fixed = db.session.scalar(sa.select(LedgerEntry).where(LedgerEntry.kind == EntryKind.CORRECTION))
    assert (fixed.corrects_id, fixed.amount_cents, fixed.reason) == (deposit.id, -100_00, "Dubbel geboekt")
    assert (ledger.balances(w.fund).total, ledger.balances(w.fund).available) == (900_00, 800_00)
    text = page(client.get(response.location))
    assert f"De correctie staat in het kasboek als boeking {fixed.id}." in text
    assert f"van boeking {deposit.id} (Geld in het buurtbudget gezet)" in text and "€ -100,00" in text


def test_a_refused_correction_says_why_and_books_nothing(client, w):
    other = make_fund(make_neighbourhood("Liendert"), w.coordinator)
    client.login(w.coordinator)
    deposit = first_entry(w.fund)
    before = entries(w.fund)
    for form, message in (
        (correction(first_entry(other).id), "Kies een boeking van dit buurtbudget die geen correctie is."),
        (correction(""), "Vul het nummer in van een boeking uit de lijst hieronder."),
        (correction(deposit.id, amount="0"), "Vul het bedrag van de correctie in, meer dan € 0."),
        (correction(deposit.id, direction=""), "Kies of het bedrag erbij komt of eraf gaat."),
        (correction(deposit.id, reason="  "), "Schrijf op waarom deze correctie nodig is."),
        (correction(deposit.id, amount="950"), "Er is niet genoeg geld meer in het buurtbudget. Beschikbaar is nog"),
    ):
        response = client.post(f"/fondsen/{w.fund.id}/correctie", form)
        assert response.status_code == 200
        assert message in page(response)
        assert entries(w.fund) == before
    client.login(w.chair)
    assert client.post(f"/fondsen/{w.fund.id}/correctie", correction(deposit.id)).status_code == 403
    assert entries(w.fund) == before


def test_money_held_for_a_request_follows_its_decisions_not_corrections(client, w):
    award(w, w.request)
    client.login(w.coordinator)
    before = entries(w.fund)
    response = client.post(f"/fondsen/{w.fund.id}/correctie", correction(first_entry(w.fund, EntryKind.RESERVATION).id))
    assert "Vastgezet en uitbetaald geld volgt de besluiten" in page(response)
    assert entries(w.fund) == before and ledger.held_for(w.request.id).reserved == 200_00


def csv_rows(response) -> list[list[str]]:
    body = response.get_data()
    assert body.startswith("\ufeff".encode())  # the byte order mark Dutch Excel needs
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))


def test_the_csv_has_every_entry_in_cents_and_euros_for_dutch_excel(client, w):
    award(w, w.request)
    client.login(w.chair)
    response = client.get(f"/fondsen/{w.fund.id}/kasboek.csv")
    assert response.mimetype == "text/csv" and response.headers["Content-Disposition"].startswith("attachment;")
    header, *rows = csv_rows(response)
    assert header[:5] == ["Nummer", "Datum en tijd", "Soort", "Bedrag in centen", "Bedrag in euro"]
    assert [row[2:5] for row in rows] == [
        ["Geld in het buurtbudget gezet", "100000", "1000,00"],
        ["Apart gezet voor ondersteuning en uitvoering", "10000", "100,00"],
        ["Vastgezet voor een toegekende aanvraag", "20000", "200,00"],
    ]
    assert rows[2][5:8] == [str(w.request.id), "Pruimengaarde Samen", "Carla Voorzitter"]


def test_the_csv_keeps_formulas_typed_by_people_inert(client, w):
    team = make_team(w.hood, w.trekker, name="+31 Buurt")
    client.login(w.coordinator)
    deposit = first_entry(w.fund)
    client.post(f"/fondsen/{w.fund.id}/correctie", correction(deposit.id, amount="1", reason='=HYPERLINK("x")'))
    client.post(f"/fondsen/{w.fund.id}/correctie", correction(deposit.id, amount="1", reason="@SUM(A1)"))
    reservation = LedgerEntry(
        fund_id=w.fund.id, request_id=w.request.id, kind=EntryKind.RESERVATION, amount_cents=1, reason="-2+3"
    )
    w.request.team_id = team.id
    db.session.add(reservation)
    _header, *rows = csv_rows(client.get(f"/fondsen/{w.fund.id}/kasboek.csv"))
    assert [row[8] for row in rows[2:]] == ['\'=HYPERLINK("x")', "'@SUM(A1)", "'-2+3"]
    assert rows[4][6] == "'+31 Buurt"
    assert rows[2][3:5] == ["-100", "-1,00"]  # our own numbers stay numbers


@pytest.mark.parametrize("total", [100_000])
def test_the_csv_of_100000_entries_streams_in_flat_memory(client, w, total):
    bulk_entries(w.fund.id, w.request.id, w.coordinator.id, total, "Een reden van wat lengte voor de boeking")
    client.login(w.coordinator)
    db.session.flush()
    tracemalloc.start()
    try:
        response = client.get(f"/fondsen/{w.fund.id}/kasboek.csv")
        size = lines = 0
        for chunk in response.response:
            size += len(chunk)
            lines += chunk.count(b"\r\n")
        response.close()
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert lines == total + 3  # the header, the deposit and the support share
    assert size > 10_000_000
    assert peak < size / 5, (peak, size)
