"""The fund's ledger as CSV for Dutch Excel: UTF-8 with a byte order mark (or Excel reads it
as Windows-1252), ";" between cells (the comma is the decimal sign), amounts in cents and
in euros. Written in chunks while the rows are read, so a long ledger never sits whole in
memory."""

import csv
import io
from collections.abc import Iterator

from flask_babel import gettext as _

from app.core.timezone import to_local
from app.funds.labels import ENTRY_LABELS
from app.funds.models import EntryKind, Fund
from app.funds.queries import ledger_rows

BOM = "\ufeff"
ROWS_PER_CHUNK = 500
# A cell starting with one of these is a formula to a spreadsheet (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def text_cell(value: str | None) -> str:
    """A text typed by a person, made inert: a leading apostrophe keeps '=HYPERLINK(…)' text."""
    value = value or ""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def euro_cell(cents: int) -> str:
    """1250,00 — a number Dutch Excel reads, without the € sign and thousands dots."""
    sign = "-" if cents < 0 else ""
    whole, part = divmod(abs(cents), 100)
    return f"{sign}{whole},{part:02d}"


def _header() -> list[str]:
    return [
        _("Nummer"),
        _("Datum en tijd"),
        _("Soort"),
        _("Bedrag in centen"),
        _("Bedrag in euro"),
        _("Aanvraag"),
        _("Team"),
        _("Door"),
        _("Reden"),
        _("Corrigeert boeking"),
    ]


def _cells(row) -> list:
    # Numbers and dates are ours; only labels and what people typed can carry a formula.
    return [
        row.id,
        to_local(row.created_at).strftime("%Y-%m-%d %H:%M"),
        text_cell(str(ENTRY_LABELS[EntryKind(row.kind)])),
        row.amount_cents,
        euro_cell(row.amount_cents),
        row.request_id or "",
        text_cell(row.team_name),
        text_cell(row.actor_name),
        text_cell(row.reason),
        row.corrects_id or "",
    ]


def ledger_csv(fund: Fund) -> Iterator[str]:
    """The header as the first chunk on its own, then the rows in chunks."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    buffer.write(BOM)
    writer.writerow(_header())
    yield buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    for number, row in enumerate(ledger_rows(fund), start=1):
        writer.writerow(_cells(row))
        if number % ROWS_PER_CHUNK == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()
