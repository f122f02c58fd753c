"""The fund's ledger as CSV for Dutch Excel (app.core.csv_export): amounts in cents and in
euros, written while the rows are read."""

from collections.abc import Iterator
from functools import partial

from flask_babel import gettext as _

from app.core.csv_export import csv_chunks, euro_cell, text_cell
from app.core.timezone import to_local
from app.money.funds.labels import ENTRY_LABELS
from app.money.funds.queries import ledger_rows
from app.money.models import EntryKind, Fund


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


def _cells(labels: dict[EntryKind, str], row) -> list:
    # Numbers and dates are ours; only labels and what people typed can carry a formula.
    return [
        row.id,
        to_local(row.created_at).strftime("%Y-%m-%d %H:%M"),
        labels[EntryKind(row.kind)],
        row.amount_cents,
        euro_cell(row.amount_cents),
        row.request_id or "",
        text_cell(row.team_name),
        text_cell(row.actor_name),
        text_cell(row.reason),
        row.corrects_id or "",
    ]


def ledger_csv(fund: Fund) -> Iterator[str]:
    """The header as the first chunk on its own, then the rows in chunks. The labels are
    translated once here, not for every row (half the time of a long export)."""
    labels = {kind: text_cell(str(label)) for kind, label in ENTRY_LABELS.items()}
    return csv_chunks(_header(), ledger_rows(fund), partial(_cells, labels))
