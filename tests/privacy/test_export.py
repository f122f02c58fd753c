"""Download my data: complete by construction (the registry covers every table that points
at a person), and the ZIP holds the person's rows and files, nobody else's."""

import io
import json
import zipfile

import sqlalchemy as sa

from app.core.audit import AuditEntry
from app.extensions import db
from app.privacy.registry import gaps
from tests.factories import make_user
from tests.privacy.conftest import EVA


def test_every_table_that_points_at_a_person_is_in_the_registry():
    assert gaps(db.metadata) == []


def test_a_new_table_with_a_user_key_and_no_entry_is_reported():
    pets = sa.Table(
        "pet",
        db.metadata,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("owner_id", sa.ForeignKey("user.id")),
    )
    try:
        assert gaps(db.metadata) == ["pet.owner_id"]
    finally:
        db.metadata.remove(pets)
    assert gaps(db.metadata) == []


def test_a_new_e_mail_column_or_user_column_in_a_known_table_is_reported():
    throwaway = sa.MetaData()
    sa.Table("newsletter", throwaway, sa.Column("id", sa.Integer, primary_key=True), sa.Column("email", sa.String))
    sa.Table(
        "notification",
        throwaway,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("user_id", sa.ForeignKey("user.id")),
        sa.Column("read_by_id", sa.ForeignKey("user.id")),
    )
    assert gaps(throwaway, complete=False) == ["newsletter.email", "notification.read_by_id"]


def _download(client, person):
    response = client.login(person).post("/account/gegevens/downloaden")
    assert response.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(response.data))
    return response, archive, json.loads(archive.read("gegevens.json"))


def test_the_zip_holds_the_persons_rows_files_and_a_readme(storage, client, life):
    response, archive, data = _download(client, life.eva)
    assert response.headers["Content-Disposition"].startswith("attachment;")
    assert response.headers["Cache-Control"] == "no-store"
    assert response.mimetype == "application/zip"

    assert data["_metadata"]["user_id"] == life.eva.id
    assert data["_metadata"]["app"] == "Buurtmakers"
    assert "coaching_note" in data["_metadata"]["excluded"]
    [account] = data["user"]
    assert (account["name"], account["email"]) == (EVA, "eva.erasmus@example.org")
    assert "password_hash" not in account and "session_token" not in account
    assert [m["team_id"] for m in data["membership"]] == [life.team.id]  # not Mo's membership
    assert [s["id"] for s in data["sign_up"]] == [life.sign_up.id]
    assert "token" not in data["sign_up"][0]
    assert [r["id"] for r in data["voucher_request"]] == [life.request.id]
    assert [q["id"] for q in data["question"]] == [life.question.id]
    assert len(data["question_message"]) == 1  # her own message, not the coordinator's answer
    assert data["notification"] and all(n["user_id"] == life.eva.id for n in data["notification"])
    assert data["outbox_mail"] and all(m["recipient"] == life.eva.email for m in data["outbox_mail"])
    assert {"voucher.receipt_added", "photo.added"} <= {e["action"] for e in data["audit_entry"]}
    names = set(archive.namelist())
    assert {"LEESMIJ.txt", "gegevens.json"} <= names
    assert f"bestanden/photos/{life.photo.file_name}" in names
    assert archive.read(f"bestanden/receipts/{life.receipt.file_name}").startswith(b"%PDF")


def test_the_download_is_audited_and_a_get_is_refused(client, life):
    _download(client, life.eva)
    entry = db.session.scalars(sa.select(AuditEntry).where(AuditEntry.action == "user.data_exported")).one()
    assert (entry.actor_id, entry.object_id) == (life.eva.id, life.eva.id)
    assert client.get("/account/gegevens/downloaden").status_code == 405


def test_a_coordinator_downloads_a_residents_data_with_a_reason(client, life):
    client.login(life.cor)
    url = f"/beheer/privacyverzoeken/{life.eva.id}/downloaden"
    refused = client.post(url, {"reason": ""})
    assert "Schrijf kort op wie dit vroeg" in refused.get_data(as_text=True)
    response = client.post(url, {"reason": "Gevraagd aan de helpdesk, 3 maart"})
    data = json.loads(zipfile.ZipFile(io.BytesIO(response.data)).read("gegevens.json"))
    assert data["user"][0]["email"] == "eva.erasmus@example.org"
    entry = db.session.scalars(sa.select(AuditEntry).where(AuditEntry.action == "user.data_exported")).one()
    assert (entry.actor_id, entry.object_id, entry.data["reason"]) == (
        life.cor.id,
        life.eva.id,
        "Gevraagd aan de helpdesk, 3 maart",
    )


def test_the_coordinator_finds_the_resident_by_e_mail_address(client, life):
    client.login(life.cor)
    found = client.get("/beheer/privacyverzoeken?email=Eva.Erasmus@example.org").get_data(as_text=True)
    assert f"/beheer/privacyverzoeken/{life.eva.id}" in found
    missing = client.get("/beheer/privacyverzoeken?email=niemand@example.org").get_data(as_text=True)
    assert "Er is geen account met dit e-mailadres." in missing


def test_a_coordinator_cannot_handle_a_colleagues_data(client, life):
    client.login(life.cor)
    other = make_user("Cora Collega", life.hood, is_coordinator=True)
    assert client.get(f"/beheer/privacyverzoeken/{other.id}").status_code == 403
    assert client.post(f"/beheer/privacyverzoeken/{other.id}/downloaden", {"reason": "x"}).status_code == 403


def test_a_readable_summary_sits_beside_the_download(client, life):
    """Issue 24, item 15: the download was raw JSON with English field names. The account
    page links to a page in plain Dutch: the account, and per kind how many records."""
    client.login(life.eva)
    assert 'href="/account/gegevens"' in client.get("/account").get_data(as_text=True)
    page = client.get("/account/gegevens").get_data(as_text=True)
    assert "Wat wij over u bewaren" in page and "eva.erasmus@example.org" in page and "Kruiskamp" in page
    for line in ("Lidmaatschappen van teams: 1", "Aanmeldingen voor activiteiten: 1", "Aanvragen voor geld: 1"):
        assert line in page
    assert "Vragen aan de helpdesk: 1" in page and "Bonnen die u uploadde: 1" in page
    assert "voucher_request" not in page and "Mijn gegevens downloaden" in page


def test_every_exported_table_has_words_on_the_summary_page():
    from app.privacy.export import SUMMARY_LABELS
    from app.privacy.registry import REGISTRY

    exported = {table.name for table in REGISTRY if not table.excluded} - {"user"}
    assert exported == set(SUMMARY_LABELS)
