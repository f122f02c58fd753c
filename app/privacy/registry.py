"""Where the app keeps data about a person, table by table: which columns point at them,
what the export takes and what erasure does with each. One declarative list, so the export
is complete by construction: tests/privacy/test_export.py fails when a table that refers to
an account (or holds an e-mail address) is missing here.

Erasure never deletes the account row: it is anonymised, so the records that must stay
(requests, decisions, ledger, accountability, the helpdesk threads of a team) keep a valid
reference to "Verwijderde bewoner" and nothing else about the person.

Every free-text column of the app is here too (tests/privacy/test_export.py fails for one
that is not): others' texts may name the person, so each is scrubbed on erasure
(privacy.scrub) or says why it need not be. Tables that only hold such texts and point at
nobody have no keys and are excluded from the export."""

import enum
from dataclasses import dataclass, field

import sqlalchemy as sa

from app.evaluations.images import PHOTOS
from app.money.settlement.services import RECEIPTS


class Erase(enum.StrEnum):
    DELETE = "delete"  # the rows go
    KEEP = "keep"  # the rows stay and point at the anonymised account
    ANONYMISE = "anonymise"  # the account row itself (privacy.erasure.anonymise)
    END_TERM = "end_term"  # a regie seat: its term ends yesterday (privacy.erasure.end_seats)
    # Others' rows about the person (a message "Fenna wil meedoen"): they stay, and their
    # scrubbed texts lose the person's first name too, as such texts name them by it.
    SCRUB = "scrub"


@dataclass(frozen=True)
class Key:
    """A column that points at the person: their account id, or their e-mail address."""

    column: str
    erase: Erase = Erase.KEEP
    export: bool = True  # False: the rows are someone else's data that this person handled
    by_email: bool = False


@dataclass(frozen=True)
class Table:
    name: str
    keys: tuple[Key, ...]
    # Why the table is not in the export at all (the exclusion list); empty when it is.
    excluded: str = ""
    # Columns left out of the export: secrets that would work as a key to something.
    secret: tuple[str, ...] = ()
    # Free-text or JSON columns in which others' records may name the person: their full name
    # and e-mail address are replaced there on erasure.
    scrub: tuple[str, ...] = ()
    # Columns with a folded copy (core.text.fold) of scrubbed texts, for search: scrubbed alike.
    folded: tuple[str, ...] = ()
    # Free-text columns that are not scrubbed, each with the reason why.
    kept: dict[str, str] = field(default_factory=dict)
    # The upload kind (core.uploads) of the files the rows name in `file_name`.
    files: str = ""


# The library's texts (templates_library.models.Template), with their folded search copies.
LIBRARY_TEXTS = (
    "name", "summary", "goal", "description", "problems", "target_groups", "locations", "steps",
    "working_elements", "executors", "solution_directions", "themes", "group_size", "duration",
    "evaluation", "links", "sources", "fts_name", "fts_head", "fts_body", "fts_parts",
)  # fmt: skip

REGISTRY: tuple[Table, ...] = (
    Table(
        "user",
        (Key("id", Erase.ANONYMISE), Key("email", Erase.ANONYMISE, by_email=True)),
        secret=("password_hash", "session_token", "totp_secret", "recovery_code_hashes"),
        scrub=("deactivation_reason",),
        kept={
            "oidc_issuer": "Het adres van de inlogdienst van de organisatie; leeg na verwijderen.",
            "oidc_subject": "De code waarmee die inlogdienst de persoon aanduidt; leeg na verwijderen.",
        },
    ),
    Table(
        "membership",
        (Key("user_id", Erase.DELETE), Key("entered_by_id", export=False)),
        scrub=("message",),
    ),
    Table("invitation", (Key("created_by_id"),), secret=("token",)),
    Table("activity", (Key("created_by_id"),), scrub=("title", "description", "location", "cancel_reason")),
    Table("checklist_item", (Key("done_by_id"),), scrub=("title", "description")),
    Table(
        "sign_up",
        (Key("user_id", Erase.DELETE), Key("email", Erase.DELETE, by_email=True), Key("entered_by_id", export=False)),
        secret=("token",),
    ),
    # Photos of people have no other legal basis than the team's wish to show them.
    Table("photo", (Key("uploaded_by_id", Erase.DELETE),), files=PHOTOS, scrub=("description",)),
    # Money: kept for the fiscal retention period, with the person anonymised.
    Table("voucher_request", (Key("created_by_id"),), scrub=("motivation", "objection")),
    Table("assessment", (Key("user_id"),), scrub=("comment",)),
    Table("decision", (Key("decided_by_id"),), scrub=("motivation",)),
    Table("accountability", (Key("submitted_by_id"), Key("reviewed_by_id")), scrub=("report", "review_comment")),
    Table("receipt", (Key("uploaded_by_id"),), files=RECEIPTS, scrub=("title",)),
    Table(
        "ledger_entry",
        (Key("actor_id"),),
        kept={"reason": "Het kasboek verandert nooit (de database weigert het): een correctie is een nieuwe regel."},
    ),
    Table("regie_member", (Key("user_id", Erase.END_TERM),)),
    # A coordinator's municipalities (core.scope): with the rights they go on erasure.
    Table(
        "coordinator_scope",
        (Key("user_id", Erase.DELETE),),
        excluded="De gemeenten waarvoor een coördinator werkt: een recht bij de rol, zoals de rol zelf.",
    ),
    Table(
        "notification",
        (Key("user_id", Erase.DELETE), Key("about_id", Erase.SCRUB, export=False)),
        scrub=("data",),
        kept={"link": "Een pad in de app (/teams/5), geen tekst."},
    ),
    Table(
        "outbox_mail",
        (Key("recipient", Erase.DELETE, by_email=True), Key("about_id", Erase.SCRUB, export=False)),
        # A mail server's error can name the recipient ("550 <fenna@…>: unknown").
        scrub=("subject", "body", "html", "last_error"),
        kept={"headers": "De afmeldlink van de mail: een adres van de site met een ondertekende code."},
    ),
    # Files sent with a mail (a QR code of a check-in link, an activity for the calendar): they go when their mail goes.
    Table("outbox_attachment", (), excluded="Bijlagen van mails; ze gaan weg met hun mail."),
    Table("mail_preference", (Key("user_id", Erase.DELETE),)),
    # The neighbourhood letter: an address, with or without an account (by_email finds it).
    Table("letter_subscription", (Key("email", Erase.DELETE, by_email=True),), secret=("token",)),
    # Also the entries about the person as subject (export.audit_subject).
    Table("audit_entry", (Key("actor_id"),), scrub=("data",)),
    # A team's conversation with the helpdesk stays with the team.
    Table(
        "question",
        (Key("asked_by_id"), Key("entered_by_id", export=False), Key("assigned_to_id", export=False)),
        scrub=("subject",),
    ),
    Table("question_message", (Key("author_id"), Key("entered_by_id", export=False)), scrub=("body",)),
    # A resident a coordinator registered without e-mail: their contact and their consent.
    Table(
        "assisted_registration",
        (Key("user_id", Erase.DELETE), Key("registered_by_id", export=False)),
        kept=dict.fromkeys(
            ("contact", "consent_text"),
            "Over de bewoner zelf: de rij gaat weg met haar gegevens; er staat niets in over wie haar inschreef.",
        ),
    ),
    Table(
        "coaching_note",
        (Key("author_id", export=False),),
        excluded="Notities van coördinatoren over een team, niet over een bewoner; bewoners zien ze nooit.",
        scrub=("text",),
    ),
    Table(
        "team_support",
        (Key("set_by_id", export=False),),
        excluded="De mate van steun aan een team, ingesteld door een coördinator: werk, geen persoonsgegeven.",
    ),
    Table(
        "signal_snooze",
        (Key("snoozed_by_id", export=False),),
        excluded="Een coördinator zette een signaal over een team even opzij: werk, geen persoonsgegeven.",
        scrub=("reason",),
    ),
    Table(
        "outreach_record",
        (Key("recorded_by_id", export=False),),
        excluded="Aantallen van een ronde huisbezoeken, ingevoerd door een coördinator: geen persoonsgegevens.",
    ),
    # Texts that point at nobody: a team's, a fund's and the library's. Others' words about
    # the person can be in them, so they are scrubbed all the same.
    Table(
        "team",
        (),
        excluded="Een team is van de groep, niet van één bewoner. Wie erin zit, staat bij de lidmaatschappen.",
        scrub=("area", "question", "description"),
        folded=("search_text",),
        kept={"themes": "De sleutels van de thema's die het team koos, geen tekst."},
    ),
    Table(
        "evaluation",
        (),
        excluded="Wat een team na een activiteit opschreef: van het team, niet van één bewoner.",
        scrub=("went_well", "could_be_better", "story"),
    ),
    Table(
        "voucher_line",
        (),
        excluded="De begroting van een aanvraag van een team: van het team, niet van één bewoner.",
        scrub=("description",),
    ),
    Table(
        "fund",
        (),
        excluded="De regels van een buurtbudget van de gemeente: geen persoonsgegevens.",
        kept={"categories": "De sleutels van de kostensoorten die het buurtbudget betaalt, geen tekst."},
    ),
    Table(
        "template",
        (),
        excluded="De bibliotheek met methodes: teksten uit publicaties, geen persoonsgegevens.",
        kept=dict.fromkeys(LIBRARY_TEXTS, "Tekst van de bibliotheek uit publicaties, niet over bewoners."),
    ),
)

BY_NAME = {table.name: table for table in REGISTRY}

# Columns that hold a person's e-mail address without a key to their account.
EMAIL_COLUMNS = ("email", "recipient")


# Names are String(100) throughout the app; a longer String holds sentences, as Text does.
LONGEST_NAME = 100


def matches(column: sa.Column, key: Key, user) -> sa.ColumnElement[bool]:
    """The rows `key` ties to `user`: by account id, or by address. A person without an
    address has no rows by address (comparing with None would match everyone's empty one)."""
    if not key.by_email:
        return column == user.id
    return column == user.email if user.email is not None else sa.false()


def refers_to_a_person(column: sa.Column) -> bool:
    return column.name in EMAIL_COLUMNS or any(fk.target_fullname == "user.id" for fk in column.foreign_keys)


def is_free_text(column: sa.Column) -> bool:
    kind = column.type
    if isinstance(kind, sa.Enum):
        return False
    return isinstance(kind, sa.Text | sa.JSON) or (
        isinstance(kind, sa.String) and (kind.length is None or kind.length > LONGEST_NAME)
    )


def _said_for(entry: Table | None) -> set[str]:
    """The columns an entry says something about."""
    if entry is None:
        return set()
    return {key.column for key in entry.keys} | {*entry.secret, *entry.scrub, *entry.folded, *entry.kept}


def gaps(metadata: sa.MetaData, complete: bool = True) -> list[str]:
    """Each table.column of `metadata` that points at a person, or holds free text, and has
    no entry here; when `metadata` is the app's (`complete`), also each entry that names a
    column it lacks or exports nothing without saying why."""
    found = []
    for table in sorted(metadata.tables.values(), key=lambda table: table.name):
        entry = BY_NAME.get(table.name)
        covered = {key.column for key in entry.keys} if entry else set()
        said = _said_for(entry)
        for column in table.columns:
            if refers_to_a_person(column) and column.name not in covered:
                found.append(f"{table.name}.{column.name}")
            elif is_free_text(column) and not refers_to_a_person(column) and column.name not in said:
                found.append(f"{table.name}.{column.name} (free text: scrub it or say why not)")
    for entry in REGISTRY if complete else ():
        table = metadata.tables.get(entry.name)
        named = sorted(_said_for(entry))
        found += [f"{entry.name}.{name} (no such column)" for name in named if table is None or name not in table.c]
        if not entry.excluded and not any(key.export for key in entry.keys):
            found.append(f"{entry.name} (nothing exported and no reason why)")
    return found
