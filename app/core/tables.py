"""Tables whose rows stack on a phone: each body and footer cell gets its column's heading as
`data-label`, which app.css puts before the cell's value once the rows stack into cards.
Done on the server, once, in the table_box macro, so every table gets it without a script
and without a label repeated by hand in each template."""

import re
from html import unescape

from markupsafe import Markup, escape

# Our own templates write these tables (no nested tables, no `>` inside an attribute), so a
# pattern is enough here; it is never used on what a user typed, which arrives escaped.
_HEAD = re.compile(r"<thead\b.*?</thead>", re.S)
_HEADING = re.compile(r"<th\b([^>]*)>(.*?)</th>", re.S)
# A row's start (its cells count columns from the first again) or a cell: one pass over the body.
_ROW_OR_CELL = re.compile(r"<tr\b[^>]*>|<(td|th)\b([^>]*)>(.*?)</\1>", re.S)
_TAG = re.compile(r"<[^>]*>")
# Text in a heading meant for a screen reader only: the label is for the eye.
_HIDDEN = re.compile(r"""<span class=["']visually-hidden["']>.*?</span>""", re.S)
_COLSPAN = re.compile(r"""\bcolspan=["']?(\d+)""")


def _span(attributes: str) -> int:
    found = "colspan" in attributes and _COLSPAN.search(attributes)
    return int(found.group(1)) if found else 1


def _headings(head: str) -> list[str]:
    """The visible text of each column's heading, once per column it spans ("" when the
    heading is for a screen reader only, as above a column of delete buttons)."""
    labels = []
    for attributes, content in _HEADING.findall(head):
        visible = _TAG.sub(" ", _HIDDEN.sub(" ", content))
        labels += [" ".join(unescape(visible).split())] * _span(attributes)
    return labels


def label_cells(html: str) -> Markup:
    """The table's HTML with every cell below the header labelled with its column's heading."""
    html = str(html)  # plain text to edit: Markup would escape what is added to it
    head = _HEAD.search(html)
    if head is None:
        return Markup(html)  # noqa: S704 - the macro's own output, escaped when it was rendered
    # Escaped once per table, not once per cell: a fund's list has hundreds of cells.
    labels = [str(escape(label)) for label in _headings(head.group(0))]
    column = 0

    def label_cell(cell: re.Match) -> str:
        nonlocal column
        tag, attributes, content = cell.groups()
        if tag is None:  # a new row
            column = 0
            return cell.group(0)
        label = labels[column] if column < len(labels) else ""
        column += _span(attributes)
        # An empty cell (no action for this row) gets no heading either: "Actie:" alone says nothing.
        if not label or not content.strip() or "data-label" in attributes:
            return cell.group(0)
        # A dash says "nothing yet" in a column; in a card a line "Toegekend: —" is only noise.
        empty = " data-empty" if "—" in content and _TAG.sub("", content).strip() == "—" else ""
        return f'<{tag}{attributes} data-label="{label}"{empty}>{content}</{tag}>'

    labelled = html[: head.end()] + _ROW_OR_CELL.sub(label_cell, html[head.end() :])
    return Markup(labelled)  # noqa: S704 - as above, with escaped headings added
