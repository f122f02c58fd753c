"""CSV for Dutch Excel: UTF-8 with a byte order mark (or Excel reads it as Windows-1252),
";" between cells (the comma is the decimal sign), and cells that cannot start a formula.
Written in chunks while the rows are read, so a long export never sits whole in memory."""

import csv
import io
from collections.abc import Callable, Iterable, Iterator
from itertools import chain
from typing import Any

from flask import Response, stream_with_context

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


def csv_chunks(header: list[str], rows: Iterable[Any], cells: Callable[[Any], list]) -> Iterator[str]:
    """The header (with the BOM) as the first chunk on its own, then the rows in chunks.
    `cells` turns a row into its cells; texts people typed go through `text_cell` there."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    buffer.write(BOM)
    writer.writerow([text_cell(str(title)) for title in header])
    yield buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    for number, row in enumerate(rows, start=1):
        writer.writerow(cells(row))
        if number % ROWS_PER_CHUNK == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def csv_response(file_name: str, chunks: Iterator[str]) -> Response:
    """A download of `chunks` (from csv_chunks). The header is written here, inside the
    request; the rows are read while the server sends them, in the request's context again
    (stream_with_context), so a server or test client that pulls the first chunk early never
    holds that context open."""
    header = next(chunks)
    return Response(
        chain([header], stream_with_context(chunks)),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{file_name}"'},
    )
