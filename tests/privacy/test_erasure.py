"""Delete my account: the person's name and address are nowhere in the database, every
session dies, and the money records stay exactly as they were, with the person anonymised."""

import json

import pytest
import sqlalchemy as sa

from app.accounts.models import User
from app.activities.models import Activity
from app.coordination.models import SignalKind
from app.coordination.signals import is_there
from app.core import uploads
from app.core.audit import AuditEntry
from app.core.mail import OutboxMail
from app.core.notifications import Notification
from app.extensions import db
from app.money.ledger import balances
from app.money.models import LedgerEntry
from app.money.requests.models import Receipt, VoucherRequest
from app.privacy.erasure import ERASED_NAME, erase_account
from app.signups.models import SignUp, SignUpStatus
from app.teams.models import Membership
from tests.conftest import Client
from tests.factories import PASSWORD, make_user
from tests.privacy.conftest import EVA


def _text_columns():
    for table in db.metadata.sorted_tables:
        for column in table.columns:
            if isinstance(column.type, sa.String | sa.Text | sa.JSON):
                yield table, column


def _found_anywhere(*needles: str) -> list[str]:
    """Every table.column whose text holds one of the needles (JSON in its stored form)."""
    found = []
    for table, column in _text_columns():
        text = sa.cast(column, sa.Text)
        forms = {form for needle in needles for form in (needle, json.dumps(needle)[1:-1])}
        where = sa.or_(*(text.contains(form, autoescape=True) for form in forms))
        if db.session.scalar(sa.select(sa.func.count()).select_from(table).where(where)):
            found.append(f"{table.name}.{column.name}")
    return found


def _ledger(fund):
    rows = db.session.execute(sa.select(LedgerEntry).where(LedgerEntry.fund_id == fund.id).order_by(LedgerEntry.id))
    return [(e.id, e.kind, e.amount_cents, e.actor_id, e.request_id, e.reason, e.created_at) for (e,) in rows]


def _erase_own(client, person, password=PASSWORD, understood="y"):
    return client.post("/account/verwijderen", {"password": password, "understood": understood})


def test_the_search_finds_what_is_there_before_erasure(life):
    assert "user.name" in _found_anywhere(EVA)
    assert "outbox_mail.recipient" in _found_anywhere(life.eva.email)
    assert "question_message.body" in _found_anywhere(EVA)  # the coordinator's answer names her


def test_after_erasure_the_name_and_address_are_in_no_column(storage, client, life):
    email = life.eva.email
    assert _found_anywhere(EVA, email) != []
    response = _erase_own(client.login(life.eva), life.eva)
    assert response.status_code == 302
    assert _found_anywhere(EVA, email) == []

    eva = db.session.get(User, life.eva.id)
    assert (eva.name, eva.is_active, eva.erased_at is not None) == (ERASED_NAME, False, True)
    assert eva.email.startswith("verwijderd-") and eva.email.endswith("@invalid")
    assert db.session.scalar(sa.select(sa.func.count()).where(Membership.user_id == eva.id)) == 0
    assert db.session.scalar(sa.select(sa.func.count()).where(SignUp.user_id == eva.id)) == 0
    assert db.session.scalar(sa.select(sa.func.count()).where(Notification.user_id == eva.id)) == 0
    assert db.session.scalar(sa.select(sa.func.count()).where(OutboxMail.recipient == email)) == 0


def test_the_audit_log_keeps_the_event_without_name_or_address(client, life):
    _erase_own(client.login(life.eva), life.eva)
    entry = db.session.scalars(sa.select(AuditEntry).where(AuditEntry.action == "user.erased")).one()
    assert (entry.actor_id, entry.object_type, entry.object_id) == (life.eva.id, "user", life.eva.id)
    assert EVA not in json.dumps(entry.data, ensure_ascii=False)
    # Her earlier entries are still there, pointing at the anonymised account.
    assert db.session.scalar(
        sa.select(sa.func.count()).where(AuditEntry.actor_id == life.eva.id, AuditEntry.action == "photo.added")
    )


def test_the_ledger_and_the_balances_are_exactly_the_same(client, life):
    ledger, before = _ledger(life.fund), balances(life.fund)
    assert before.paid_out == 200_00
    _erase_own(client.login(life.eva), life.eva)
    assert _ledger(life.fund) == ledger
    assert balances(life.fund) == before
    request = db.session.get(VoucherRequest, life.request.id)
    assert (request.created_by_id, request.awarded_cents) == (life.eva.id, 200_00)


def test_photos_leave_storage_and_receipts_stay(storage, client, life):
    photo, receipt = life.photo.file_name, life.receipt.file_name
    assert uploads.read("photos", photo) is not None
    _erase_own(client.login(life.eva), life.eva)
    assert uploads.read("photos", photo) is None
    assert uploads.read("receipts", receipt).startswith(b"%PDF")
    assert db.session.get(Receipt, life.receipt.id).uploaded_by_id == life.eva.id


def test_an_erasure_that_is_rolled_back_keeps_the_photos_with_their_rows(storage, life):
    db.session.commit()  # Eva's life as it stands
    photo = life.photo.file_name
    erase_account(None, life.eva, "")
    db.session.rollback()  # a later step failed: the erasure never happened
    assert db.session.get(User, life.eva.id).erased_at is None
    assert uploads.read("photos", photo) is not None


def test_every_old_session_gets_the_login_page(app, client, life):
    other_device = Client(app.test_client()).login(life.eva)
    assert other_device.get("/account").status_code == 200
    _erase_own(client.login(life.eva), life.eva)
    for browser in (client, other_device):
        response = browser.get("/account")
        assert response.status_code == 302 and "/inloggen" in response.location


def test_the_team_left_without_trekker_shows_up_for_the_coordinator(client, life):
    assert not is_there(SignalKind.NO_TREKKER, life.team, 0)
    _erase_own(client.login(life.eva), life.eva)
    assert is_there(SignalKind.NO_TREKKER, life.team, 0)


def test_the_only_trekker_is_told_first_what_happens_to_the_open_request(client, life):
    page = client.login(life.eva).get("/account/verwijderen").get_data(as_text=True)
    assert "Let op: teams zonder trekker" in page
    assert "Pruimengaarde Samen" in page and "1 aanvraag voor geld loopt nog" in page
    mo_page = client.login(life.mo).get("/account/verwijderen").get_data(as_text=True)
    assert "Let op: teams zonder trekker" not in mo_page


def test_a_freed_place_goes_to_the_first_on_the_waitlist(client, life):
    party = life.sign_up.activity_id
    db.session.get(Activity, party).capacity = 1
    waiting = SignUp(activity_id=party, name="Wim Wacht", email="wim@example.org", status=SignUpStatus.WAITLISTED)
    waiting.token, waiting.queued_at = "wim-token", life.sign_up.queued_at
    db.session.add(waiting)
    _erase_own(client.login(life.eva), life.eva)
    assert db.session.get(SignUp, waiting.id).status == SignUpStatus.CONFIRMED


@pytest.mark.parametrize(
    ("password", "understood", "message"),
    [
        ("niet-mijn-wachtwoord", "y", "Het wachtwoord klopt niet."),
        (PASSWORD, "", "Zet een vinkje"),
        ("", "y", "Vul uw wachtwoord in."),
    ],
)
def test_a_wrong_password_or_no_tick_changes_nothing(client, life, password, understood, message):
    response = _erase_own(client.login(life.eva), life.eva, password, understood)
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    eva = db.session.get(User, life.eva.id)
    assert (eva.name, eva.erased_at) == (EVA, None)
    assert client.get("/account").status_code == 200


def test_a_coordinator_erases_on_request_with_a_reason(client, life):
    client.login(life.cor)
    url = f"/beheer/privacyverzoeken/{life.eva.id}/verwijderen"
    assert "Pruimengaarde Samen" in client.get(url).get_data(as_text=True)
    refused = client.post(url, {"reason": "", "understood": "y"})
    assert "Schrijf kort op wie dit vroeg" in refused.get_data(as_text=True)
    response = client.post(url, {"reason": f"{EVA} vroeg het aan de balie", "understood": "y"})
    assert response.status_code == 302
    entry = db.session.scalars(sa.select(AuditEntry).where(AuditEntry.action == "user.erased")).one()
    assert (entry.actor_id, entry.data["by_staff"]) == (life.cor.id, "True")
    assert entry.data["reason"] == f"{ERASED_NAME} vroeg het aan de balie"
    assert client.get(f"/beheer/privacyverzoeken/{life.eva.id}").status_code == 404


def test_the_last_admin_cannot_be_erased(life):
    admin = make_user("Ada Admin", life.hood, is_admin=True)
    with pytest.raises(Exception, match="minstens één beheerder"):
        erase_account(admin, admin, "")


def test_the_retention_job_erases_without_an_actor(life):
    erase_account(None, life.mo, "inactive")
    entry = db.session.scalars(sa.select(AuditEntry).where(AuditEntry.action == "user.erased")).one()
    assert entry.actor_id is None
    assert db.session.get(User, life.mo.id).name == ERASED_NAME


def test_an_erased_account_cannot_be_switched_on_again(client):
    admin, resident = make_user("Ada Beheer", is_admin=True), make_user("Rob Rust")
    erase_account(None, resident, "")
    client.login(admin)
    assert "kan niet meer aan" in client.get(f"/beheer/gebruikers/{resident.id}/rollen").get_data(as_text=True)
    client.post(f"/beheer/gebruikers/{resident.id}/heractiveren")
    assert db.session.get(User, resident.id).deactivated_at is not None
