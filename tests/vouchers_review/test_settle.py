"""The coordinator's part through the pages: the payout and the check of the
accountability, with their effects on the ledger."""

import pytest
import sqlalchemy as sa

from app.core.notifications import Notification
from app.extensions import db
from app.money import ledger
from app.money.models import EntryKind, LedgerEntry
from app.money.requests.models import Accountability, AccountabilityStatus, Advice, Outcome, RequestStatus
from app.money.review import services as review
from tests.factories import make_request
from tests.vouchers_review.conftest import accounted, advise_twice, awarded, count, page, snapshot


def told(user) -> list[str]:
    return list(db.session.scalars(sa.select(Notification.kind).where(Notification.user_id == user.id)))


def test_the_coordinator_registers_the_payout_once(w, client):
    request = awarded(w)
    client.login(w.coordinator)
    text = page(client.get(f"/vouchers/{request.id}/uitbetaling"))
    assert "Heeft de gemeente € 200,00 aan het team overgemaakt?" in text

    response = client.post(f"/vouchers/{request.id}/uitbetalen")
    assert response.status_code == 302 and f"/vouchers/{request.id}" in response.location
    assert request.status == RequestStatus.PAID_OUT and request.accountability_due_on is not None
    balances = ledger.balances(w.fund)
    assert (balances.reserved, balances.paid_out, balances.available) == (0, 200_00, 800_00)
    assert "voucher.paid" in told(w.trekker)

    before = snapshot(request)
    again = client.post(f"/vouchers/{request.id}/uitbetalen")
    assert again.location.endswith(f"/vouchers/{request.id}/uitbetaling")
    assert snapshot(request) == before
    assert count(LedgerEntry, LedgerEntry.kind == EntryKind.PAYOUT) == 1
    assert "Het geld is uitbetaald op" in page(client.get(again.location))


def test_the_payout_page_warns_while_the_team_may_still_object_to_a_lower_amount(w, client):
    advise_twice(w)
    review.decide(w.chair, w.request, Outcome.PARTLY_AWARDED, 150_00, "Verf is goedkoper.")
    client.login(w.coordinator)
    assert "kan tot en met" in page(client.get(f"/vouchers/{w.request.id}/uitbetaling"))
    full = awarded_in_full(w)
    assert "kan tot en met" not in page(client.get(f"/vouchers/{full.id}/uitbetaling"))


def awarded_in_full(w):
    request = make_request(w.team, w.trekker, w.fund, amount_cents=100_00)
    for user in (w.chair, w.rik):
        review.assess(user, request, Advice.AWARD, None, "")
    review.decide(w.chair, request, Outcome.AWARDED, 0, "")
    return request


def test_a_request_without_an_award_is_not_paid_out(w, client):
    client.login(w.coordinator)
    before = snapshot(w.request)
    response = client.post(f"/vouchers/{w.request.id}/uitbetalen")
    assert snapshot(w.request) == before
    text = page(client.get(response.location))
    assert "Alleen een toegekende aanvraag die nog niet betaald is, kunt u uitbetalen." in text  # the flash
    assert "Uitbetalen kan als de regiegroep geld heeft toegekend." in text


def test_approving_the_accountability_returns_what_was_not_spent(w, client, ctx):
    request = accounted(w, spent_cents=150_00)
    client.login(w.coordinator)
    text = page(client.get(f"/vouchers/{request.id}/controle"))
    assert "Gezellig en druk" in text and "Bon van de bouwmarkt" in text and "24" in text
    assert "Gaat terug naar het buurtbudget bij goedkeuren" in text and "€ 50,00" in text

    response = client.post(f"/vouchers/{request.id}/controle", {"verdict": "approve"})
    assert response.status_code == 302
    assert request.status == RequestStatus.SETTLED
    returned = db.session.scalars(sa.select(LedgerEntry.amount_cents).where(LedgerEntry.kind == EntryKind.RETURN))
    assert list(returned) == [50_00]
    balances = ledger.balances(w.fund)
    assert (balances.paid_out, balances.returned, balances.available) == (200_00, 50_00, 850_00)
    assert "voucher.settled" in told(w.trekker)


def test_sending_back_tells_the_team_what_is_missing(w, client, ctx):
    request = accounted(w)
    client.login(w.coordinator)
    comment = "De bon van de kwasten ontbreekt."
    response = client.post(f"/vouchers/{request.id}/controle", {"verdict": "send_back", "comment": comment})
    assert response.status_code == 302
    assert request.status == RequestStatus.PAID_OUT
    accountability = db.session.scalar(sa.select(Accountability).where(Accountability.request_id == request.id))
    assert (accountability.status, accountability.review_comment) == (AccountabilityStatus.SENT_BACK, comment)
    notice = db.session.scalar(sa.select(Notification).where(Notification.kind == "voucher.sent_back"))
    assert notice.user_id == w.trekker.id and comment in notice.text
    assert count(LedgerEntry, LedgerEntry.kind == EntryKind.RETURN) == 0


@pytest.mark.parametrize(
    ("form", "message"),
    [
        ({}, "Kies: goedkeuren of terugsturen."),
        ({"verdict": "weggooien"}, "Kies: goedkeuren of terugsturen."),
        ({"verdict": "send_back", "comment": " "}, "Schrijf op wat er nog niet goed is. Het team leest dit."),
        ({"verdict": "approve", "comment": "x" * 2001}, "Gebruik hoogstens 2000 tekens."),
    ],
)
def test_a_bad_check_gets_a_clear_message_and_changes_nothing(w, client, form, message):
    request = accounted(w)
    client.login(w.coordinator)
    before = snapshot(request)
    response = client.post(f"/vouchers/{request.id}/controle", form)
    assert response.status_code == 200 and message in page(response)
    assert snapshot(request) == before


def test_there_is_nothing_to_check_before_the_accountability(w, client):
    request = awarded(w)
    client.login(w.coordinator)
    assert "Er is geen verantwoording die op controle wacht." in page(client.get(f"/vouchers/{request.id}/controle"))
    before = snapshot(request)
    text = page(client.post(f"/vouchers/{request.id}/controle", {"verdict": "approve"}))
    assert "Er is geen verantwoording die op controle wacht." in text
    assert snapshot(request) == before


def test_the_regie_group_does_not_pay_or_check(w, client):
    request = accounted(w)
    for person in (w.chair, w.rik, w.trekker):
        client.login(person)
        assert client.post(f"/vouchers/{request.id}/controle", {"verdict": "approve"}).status_code == 403
        assert client.post(f"/vouchers/{request.id}/uitbetalen").status_code == 403
    assert request.status == RequestStatus.ACCOUNTED
