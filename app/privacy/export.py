"""A person's data as a ZIP (AVG art. 15 and 20): one JSON file keyed by table name, built
from the registry, with their uploaded photos and receipts beside it. The ZIP is built in
memory; files past a total size are left out and named in the JSON, so one person with
hundreds of photos cannot fill the worker's memory."""

import enum
import io
import json
import zipfile
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa

from app.accounts.models import User
from app.core import uploads
from app.core.audit import AuditEntry, record
from app.core.i18n import lazy_gettext as _l
from app.core.models import utcnow
from app.core.policy import authorize
from app.extensions import db
from app.privacy.registry import REGISTRY, Table, matches

# Photos and receipts are 5 MB at most each; a few dozen of them fit.
FILES_MAX_BYTES = 100 * 1024 * 1024
DATA_FILE = "gegevens.json"
README_FILE = "LEESMIJ.txt"
README = """Dit zijn al uw gegevens bij Buurtmakers.

In gegevens.json staat per tabel wat wij over u bewaren: uw account, de teams waar u in zit,
uw aanmeldingen voor activiteiten, uw aanvragen, adviezen en besluiten, uw vragen aan de
helpdesk, uw berichten, de mails die wij u stuurden en het logboek van wat u deed of wat er
met uw account gebeurde. In de map bestanden staan de foto's en bonnen die u uploadde.

Wachtwoorden en geheime codes staan er niet in. Coachingsnotities van coördinatoren gaan
over een team, niet over u, en staan er ook niet in.

Vragen? Neem contact op met de helpdesk van uw gemeente."""


def export_account(actor: User, user: User, reason: str = "") -> bytes:
    """The ZIP of everything stored about `user`; the download is audited with the actor
    (the person, or the coordinator who handles their request)."""
    authorize(actor, "privacy.handle", user)
    record(actor, "user.data_exported", user, reason=reason.strip() or None)
    db.session.flush()
    data: dict[str, Any] = {"_metadata": _metadata(user)}
    data |= {table.name: _rows(table, user) for table in REGISTRY if not table.excluded}
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zip_file:
        zip_file.writestr(README_FILE, README)
        _add_files(zip_file, data)
        zip_file.writestr(DATA_FILE, json.dumps(data, ensure_ascii=False, indent=2, default=_plain))
    return archive.getvalue()


def _add_files(zip_file: zipfile.ZipFile, data: dict[str, Any]) -> None:
    """The uploads the rows name; those past FILES_MAX_BYTES are listed in the metadata."""
    total, left_out = 0, []
    for table in (table for table in REGISTRY if table.files and not table.excluded):
        for row in data[table.name]:
            content = uploads.read(table.files, row["file_name"])
            if content is None:  # a file lost from storage leaves its row in the JSON
                continue
            total += len(content)
            if total > FILES_MAX_BYTES:
                left_out.append(row["file_name"])
                continue
            zip_file.writestr(f"bestanden/{table.files}/{row['file_name']}", content)
    if left_out:
        data["_metadata"]["files_left_out"] = left_out
        data["_metadata"]["files_left_out_note"] = "Te veel om in één keer te downloaden. Vraag ze aan de helpdesk."


def _metadata(user: User) -> dict[str, Any]:
    return {
        "app": "Buurtmakers",
        "generated_at": utcnow().isoformat(timespec="seconds"),
        "user_id": user.id,
        "readme": README,
        "excluded": {table.name: table.excluded for table in REGISTRY if table.excluded},
    }


def _where(table: Table, user: User) -> sa.ColumnElement[bool]:
    columns = db.metadata.tables[table.name]
    where = [matches(columns.c[key.column], key, user) for key in table.keys if key.export]
    if table.name == AuditEntry.__tablename__:
        where.append(audit_subject(user))
    return sa.or_(*where)


def _rows(table: Table, user: User) -> list[dict[str, Any]]:
    columns = db.metadata.tables[table.name]
    shown = [column for column in columns.c if column.name not in table.secret]
    rows = db.session.execute(sa.select(*shown).where(_where(table, user)).order_by(*columns.primary_key))
    return [dict(row._mapping) for row in rows]


# What each table of the export holds, in the words of the summary page.
SUMMARY_LABELS = {
    "membership": _l("Lidmaatschappen van teams"),
    "invitation": _l("Uitnodigingen die u maakte"),
    "activity": _l("Activiteiten die u maakte"),
    "checklist_item": _l("Stappen die u afvinkte"),
    "sign_up": _l("Aanmeldingen voor activiteiten"),
    "photo": _l("Foto's die u uploadde"),
    "voucher_request": _l("Aanvragen voor geld"),
    "assessment": _l("Adviezen die u gaf"),
    "decision": _l("Besluiten die u vastlegde"),
    "accountability": _l("Verantwoordingen"),
    "receipt": _l("Bonnen die u uploadde"),
    "ledger_entry": _l("Boekingen die u deed"),
    "regie_member": _l("Plaatsen in een regiegroep"),
    "notification": _l("Berichten in de app"),
    "outbox_mail": _l("Mails die wij u stuurden"),
    "mail_preference": _l("Uw keuzes voor mails"),
    "letter_subscription": _l("Buurtbrieven die u krijgt"),
    "audit_entry": _l("Regels in het logboek"),
    "question": _l("Vragen aan de helpdesk"),
    "question_message": _l("Berichten aan of van de helpdesk"),
    "assisted_registration": _l("Uw inschrijving door een coördinator: contact en toestemming"),
}


def summary(actor: User, user: User) -> list[tuple[str, int]]:
    """For the page beside the download: per kind of data besides the account itself, how many
    records there are about the person, in plain words; the same tables as the export."""
    authorize(actor, "privacy.handle", user)
    counts = []
    for table in (table for table in REGISTRY if not table.excluded and table.name != User.__tablename__):
        rows = db.metadata.tables[table.name]
        count = db.session.scalar(sa.select(sa.func.count()).select_from(rows).where(_where(table, user)))
        counts.append((SUMMARY_LABELS[table.name], count))
    return counts


def audit_subject(user: User) -> sa.ColumnElement[bool]:
    """Audit entries about the person's account, whoever acted."""
    return sa.and_(AuditEntry.object_type == "user", AuditEntry.object_id == user.id)


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    raise TypeError(f"cannot export {type(value).__name__}")
