"""Charts drawn on the server: valid SVG with a name, the figures as a table, every label escaped."""

import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest
from flask import render_template_string

from app.core.charts import BAND_EDGE, PALETTE, Chart, format_value, render_svg

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(autouse=True)
def _request(ctx):
    """Texts are translated, so a chart is drawn inside a request."""


def _parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # noqa: S314 - our own output, parsed to prove it is well-formed


def _svg(chart: Chart) -> ET.Element:
    return _parse(str(render_svg(chart)))


def _page(chart: Chart) -> str:
    return render_template_string('{% from "_macros/charts.html" import chart %}{{ chart(c) }}', c=chart)


class _Tables(HTMLParser):
    """The table's cells, row by row, as the browser reads them."""

    def __init__(self):
        super().__init__()
        self.rows, self.cell, self.caption, self.in_caption = [], None, "", False

    def handle_starttag(self, tag, attrs):
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self.cell = ""
        elif tag == "caption":
            self.in_caption = True

    def handle_endtag(self, tag):
        if tag in ("td", "th"):
            self.rows[-1].append(self.cell.strip())
            self.cell = None
        elif tag == "caption":
            self.in_caption = False

    def handle_data(self, data):
        if self.cell is not None:
            self.cell += data
        elif self.in_caption:
            self.caption += data


def _table(html: str) -> _Tables:
    parser = _Tables()
    parser.feed(html)
    return parser


MONEY = Chart(
    "Geld per buurt",
    ["Kruiskamp", "Schothorst"],
    {"Aangevraagd": [125000, 30050], "Toegekend": [100000, 0]},
    unit="cents",
    label_heading="Buurt",
)
RATE = Chart(
    "Activatie per maand",
    ["jan 2026", "feb 2026", "mrt 2026", "apr 2026"],
    {"Kruiskamp": [None, 0.02, 0.055, 0.0625]},
    unit="percent",
    kind="line",
    band=(0.05, 0.08),
    band_label="Goed resultaat",
    label_heading="Maand",
)


@pytest.mark.parametrize("chart", [MONEY, RATE], ids=["bar", "line"])
def test_a_chart_is_valid_svg_named_by_its_title_that_scales_to_the_page(chart):
    svg = _svg(chart)
    assert svg.get("role") == "img" and svg.get("width") == "100%"
    assert svg.get("viewBox").startswith("0 0 400 ")
    title = svg.find(f"{SVG}title")
    assert title.text == chart.title and svg.get("aria-labelledby") == title.get("id") == f"{chart.id}-title"
    assert svg.find(f"{SVG}desc").get("id") == svg.get("aria-describedby")
    text = str(render_svg(chart))
    assert "style" not in text and "<script" not in text and "href" not in text


def test_a_bar_chart_draws_one_bar_per_value_longest_for_the_largest():
    bars = [r for r in _svg(MONEY).iter(f"{SVG}rect") if r.find(f"{SVG}title") is not None]
    assert len(bars) == 4
    widths = {r.find(f"{SVG}title").text: float(r.get("width")) for r in bars}
    assert max(widths, key=widths.get) == "Aangevraagd: € 1.250,00"
    assert widths["Toegekend: € 0,00"] == 0
    assert {r.get("fill") for r in bars} == set(PALETTE[:2])
    labels = [t.text for t in _svg(MONEY).iter(f"{SVG}text")]
    assert "Kruiskamp" in labels and "€ 300,50" in labels and "Toegekend" in labels  # legend


def test_a_line_chart_breaks_at_a_missing_value_and_shades_the_band():
    svg = _svg(RATE)
    dots = [c.find(f"{SVG}title").text for c in svg.iter(f"{SVG}circle")]
    assert dots == ["Kruiskamp, feb 2026: 2%", "Kruiskamp, mrt 2026: 5,5%", "Kruiskamp, apr 2026: 6,3%"]
    (line,) = svg.iter(f"{SVG}polyline")
    assert len(line.get("points").split()) == 3
    (band,) = [r for r in svg.iter(f"{SVG}rect") if r.get("class") == "bm-chart__band"]
    edges = [ln for ln in svg.iter(f"{SVG}line") if ln.get("stroke") == BAND_EDGE]
    assert len(edges) == 2
    low, high = sorted(float(e.get("y1")) for e in edges)
    assert float(band.get("y")) == pytest.approx(low, abs=0.1)
    assert float(band.get("y")) + float(band.get("height")) == pytest.approx(high, abs=0.1)
    texts = [t.text for t in svg.iter(f"{SVG}text")]
    assert "Goed resultaat" in texts and "jan 2026" in texts and "8%" in texts  # legend, x axis, y axis


def test_the_figure_has_a_caption_and_the_table_holds_the_same_figures():
    html = _page(MONEY)
    assert 'id="chart-geld-per-buurt" aria-labelledby="chart-geld-per-buurt-caption">' in html
    caption = '<figcaption class="utrecht-figure__caption" id="chart-geld-per-buurt-caption">'
    assert caption + "<strong>Geld per buurt</strong></figcaption>" in html
    assert 'role="region" tabindex="0"' in html  # the table box scrolls on a phone
    table = _table(html)
    assert "Geld per buurt" in table.caption
    assert table.rows == [
        ["Buurt", "Aangevraagd", "Toegekend"],
        ["Kruiskamp", "€ 1.250,00", "€ 1.000,00"],
        ["Schothorst", "€ 300,50", "€ 0,00"],
    ]
    assert html.count('scope="col"') == 3 and html.count('scope="row"') == 2
    assert html.index("<svg") < html.index("<table")


def test_the_line_table_shows_a_missing_value_as_a_dash_and_names_the_band():
    html = _page(RATE)
    assert _table(html).rows[1:] == [["jan 2026", "—"], ["feb 2026", "2%"], ["mrt 2026", "5,5%"], ["apr 2026", "6,3%"]]
    assert "Goed resultaat: 5% – 8%" in html


def test_every_label_is_escaped_in_the_drawing_and_the_table():
    evil = '<script>alert("x")</script> & "Buurt"'
    chart = Chart(evil, [evil, "b"], {evil: [1, 2]}, kind="line", band=(0, 1), band_label=evil)
    svg = str(render_svg(chart))
    _parse(svg)  # still well-formed
    html = _page(chart)
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert 'id="chart-script-alert-x-script-buurt"' in html
    _parse(str(render_svg(Chart("t", [evil], {evil: [3]}))))


def test_an_empty_chart_says_so_without_a_drawing_or_table():
    for chart in (Chart("Leeg", [], {"Teams": []}), Chart("Leeg", ["jan"], {"Teams": [None]}, kind="line")):
        html = _page(chart)
        assert "Er zijn nog geen cijfers voor deze grafiek." in html
        assert "<svg" not in html and "<table" not in html and "<figcaption" in html
        assert render_svg(chart) == ""


def test_all_zero_figures_still_draw_an_axis():
    svg = _svg(Chart("Nul", ["a", "b"], {"Teams": [0, 0]}, kind="line"))
    assert [t.text for t in svg.iter(f"{SVG}text")][:3] == ["Teams", "0", "1"]
    _svg(Chart("Nul", ["a"], {"Deel": [0]}, unit="percent"))


def test_many_months_thin_out_the_axis_labels_but_the_table_keeps_them_all():
    labels = [f"maand {i}" for i in range(24)]
    chart = Chart("Lang", labels, {"Teams": list(range(24))}, kind="line")
    axis = [t.text for t in _svg(chart).iter(f"{SVG}text") if t.text.startswith("maand")]
    assert 2 <= len(axis) < 24
    assert len(_table(_page(chart)).rows) == 25


def test_a_long_label_is_shortened_in_the_drawing_only():
    name = "De buurt met de allerlangste naam die een gebruiker ooit heeft bedacht voor een flat"
    chart = Chart("Lang", [name], {"Teams": [3]})
    texts = [t.text for t in _svg(chart).iter(f"{SVG}text")]
    assert any(t.endswith("…") and name.startswith(t[:-1]) for t in texts)
    assert _table(_page(chart)).rows[1] == [name, "3"]


@pytest.mark.parametrize(
    ("value", "unit", "text"),
    [
        (1234567, "count", "1.234.567"),
        (2.5, "count", "2,5"),
        (123456, "cents", "€ 1.234,56"),
        (0.0625, "percent", "6,3%"),
        (0.05, "percent", "5%"),
        (1, "percent", "100%"),
        (None, "count", "—"),
    ],
)
def test_values_are_written_the_dutch_way(value, unit, text):
    assert format_value(value, unit) == text


def _luminance(colour: str) -> float:
    def channel(c: int) -> float:
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


@pytest.mark.parametrize("colour", [*PALETTE, BAND_EDGE])
def test_bars_and_lines_stand_out_against_white_at_least_3_to_1(colour):
    assert 1.05 / (_luminance(colour) + 0.05) >= 3


def test_a_series_of_the_wrong_length_or_an_unknown_unit_is_a_programming_error():
    with pytest.raises(ValueError):
        Chart("x", ["a", "b"], {"s": [1]})
    with pytest.raises(ValueError):
        Chart("x", ["a"], {"s": [1]}, unit="liters")
