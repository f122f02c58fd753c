"""Tables whose rows stack on a phone: the table_box macro labels every cell below the header
with its column's heading, so a stacked row still says which figure is which."""

import re

import pytest
from flask import render_template_string

from app.core.tables import label_cells

TABLE = """
<table>
  <thead><tr>
    <th scope="col">Team &amp; activiteit</th>
    <th scope="col">Gevraagd <span class="visually-hidden">(euro)</span></th>
    <th scope="col">Actie</th>
    <th scope="col"><span class="visually-hidden">Verwijderen</span></th>
  </tr></thead>
  <tbody>
    <tr>
      <th scope="row">Buurtfeest</th><td class="numeric">€ 200,00</td><td><a href="/x">Advies geven</a></td>
      <td><button>Verwijderen</button></td>
    </tr>
    <tr><th scope="row">Straatfeest</th><td class="numeric">€ 80,00</td><td>
    </td></tr>
  </tbody>
  <tfoot><tr><th scope="row" colspan="2">Totaal</th><td>€ 200,00</td></tr></tfoot>
</table>"""


def _labels(html: str) -> list[tuple[str, str]]:
    return re.findall(r'<(td|th)\b[^>]*data-label="([^"]*)"', html)


def test_every_cell_below_the_header_gets_its_columns_heading():
    html = str(label_cells(TABLE))
    assert _labels(html) == [
        ("th", "Team &amp; activiteit"),
        ("td", "Gevraagd"),  # the heading's visible text: the label is for the eye
        ("td", "Actie"),  # and the delete button's heading is for a screen reader only: no label
        ("th", "Team &amp; activiteit"),
        ("td", "Gevraagd"),  # no action for this row: its empty cell has no heading either
        ("th", "Team &amp; activiteit"),  # spans two columns: the third is the next one's
        ("td", "Actie"),
    ]
    # The header itself and the cells' content stay as they were.
    assert '<th scope="col">Team &amp; activiteit</th>' in html
    assert '<a href="/x">Advies geven</a>' in html


def test_a_dash_is_marked_empty_so_a_card_leaves_its_line_out():
    html = str(label_cells(TABLE.replace("€ 80,00", "<span>—</span>")))
    assert '<td class="numeric" data-label="Gevraagd" data-empty><span>—</span></td>' in html
    assert html.count("data-empty") == 1  # a value, or an empty cell, is not


def test_a_table_without_a_header_is_left_alone():
    html = "<table><tr><td>1</td></tr></table>"
    assert str(label_cells(html)) == html


@pytest.mark.usefixtures("ctx")
def test_the_table_box_macro_labels_its_table_and_escapes_a_heading():
    html = render_template_string(
        '{% from "_macros/page.html" import table_box %}'
        "{% call table_box('Lijst') %}<table><thead><tr><th>{{ heading }}</th></tr></thead>"
        "<tbody><tr><td>1</td></tr></tbody></table>{% endcall %}",
        heading='Naam "x" <b>',
    )
    assert 'data-label="Naam &#34;x&#34; &lt;b&gt;"' in html
