"""Charts drawn on the server as SVG: no JavaScript, no outside files, no inline style.

A `Chart` holds the figures; `render_svg(chart)` draws them, and the `chart` macro in
`_macros/charts.html` puts the drawing in a <figure> with the same figures as a table (the
text alternative). Every text is escaped: labels such as neighbourhood names come from users.

Two kinds: "bar" (horizontal grouped bars, one row per label: long names stay readable on a
phone) and "line" (values over time, e.g. per month, with an optional shaded band). The
drawing is 400 units wide and scales down to the page width; it never grows past its own size.
"""

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from markupsafe import Markup

from app.core.i18n import lazy_gettext as _l
from app.core.money import euros

Number = int | float

WIDTH = 400
FONT = 15  # labels; at 390 px the drawing is scaled to about 0.9: still 13.5 px
SMALL = 13  # ticks and values: 11.7 px on a phone
CHAR = 0.64  # width of a digit or an average letter, in font sizes (system sans-serif, with room)
INK = "#1b1f1d"  # text: 16:1 on white
MUTED = "#4d5752"  # axes and tick labels: 7.5:1
GRID = "#c5cec9"  # decorative grid lines only
BAND_FILL = "#cde9d8"  # the band's area; its edges are drawn in BAND_EDGE
BAND_EDGE = "#2e7d57"  # 5.2:1
# Series colours, each at least 3:1 against white (WCAG 1.4.11), distinct from each other.
PALETTE = ("#0b5d3b", "#1d5fa0", "#a04a12", "#6b3fa0", "#4d5752", "#8a1538")

UNITS = ("count", "cents", "percent")
KINDS = ("bar", "line")


@dataclass(frozen=True)
class Chart:
    """The figures of one chart.

    labels: one per category (bar) or per moment (line), in order.
    series: name -> one value per label; None is "no figure" (a gap in a line, "—" in the table).
    unit: "count", "cents" (shown as euros) or "percent" (values are fractions: 0.05 is 5%).
    band: (low, high) in the chart's unit, shaded on a line chart, named by band_label.
    key: makes the ids on the page unique; defaults to the title.
    label_heading: the heading of the table's first column (e.g. "Maand").
    """

    title: str
    labels: Sequence[str]
    series: Mapping[str, Sequence[Number | None]]
    unit: str = "count"
    kind: str = "bar"
    band: tuple[Number, Number] | None = None
    band_label: str = ""
    key: str = ""
    label_heading: str = ""

    def __post_init__(self):
        if self.unit not in UNITS or self.kind not in KINDS:
            raise ValueError(f"unknown unit {self.unit!r} or kind {self.kind!r}")
        for name, values in self.series.items():
            if len(values) != len(self.labels):
                raise ValueError(f"series {name!r} has {len(values)} values for {len(self.labels)} labels")

    @property
    def id(self) -> str:
        slug = re.sub(r"[^a-z0-9]+", "-", str(self.key or self.title).lower()).strip("-")
        return f"chart-{slug or 'x'}"

    @property
    def is_empty(self) -> bool:
        return not self.labels or all(v is None for values in self.series.values() for v in values)

    def format(self, value: Number | None) -> str:
        return format_value(value, self.unit)

    def rows(self) -> list[tuple[str, list[str]]]:
        """The table: per label its formatted values, in the order of `series`."""
        columns = list(self.series.values())
        return [(str(label), [self.format(col[i]) for col in columns]) for i, label in enumerate(self.labels)]

    def svg(self) -> Markup:
        return render_svg(self)


def format_value(value: Number | None, unit: str) -> str:
    """The Dutch way: € 1.250,00, 1.250, 6,3%; "—" for no figure."""
    if value is None:
        return "—"
    if unit == "cents":
        return euros(round(value))
    if unit == "percent":
        return _decimal(Decimal(str(value)) * 100, 1) + "%"
    return _decimal(value, 0 if float(value).is_integer() else 1)


def _decimal(value: Number, places: int) -> str:
    """Rounded half up (6,25 -> 6,3, as people round), thousands dots, decimal comma."""
    rounded = Decimal(str(value)).quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)
    text = f"{rounded:,.{places}f}".replace(",", "_").replace(".", ",").replace("_", ".")
    return text[: -places - 1] if places and text.endswith("," + "0" * places) else text


def render_svg(chart: Chart) -> Markup:
    if chart.is_empty:
        return Markup("")
    body, height = (_line if chart.kind == "line" else _bars)(chart)
    return Markup(
        '<svg xmlns="http://www.w3.org/2000/svg" role="img" class="bm-chart__svg" '
        'aria-labelledby="{id}-title" aria-describedby="{id}-desc" '
        'viewBox="0 0 {width} {height:g}" width="100%" height="{height:g}" '
        'preserveAspectRatio="xMinYMin meet" font-family="system-ui, sans-serif" font-size="{font}">'
        '<title id="{id}-title">{title}</title><desc id="{id}-desc">{desc}</desc>{body}</svg>'
    ).format(
        id=chart.id,
        width=WIDTH,
        height=height,
        font=FONT,
        title=chart.title,
        desc=_l("De cijfers staan in de tabel onder de grafiek."),
        body=Markup("").join(body),
    )


# --- scales and small parts -------------------------------------------------------------


def _ticks(top: float, unit: str) -> list[float]:
    """0 up to a round number at or above `top`, in 2 to 5 round steps."""
    smallest = {"count": 1, "cents": 100, "percent": 0.005}[unit]
    raw = max(top / 4, smallest)
    magnitude = 10 ** math.floor(math.log10(raw))
    factors = (1, 2, 2.5, 5, 10) if unit == "percent" else (1, 2, 5, 10)
    step = next(f * magnitude for f in factors if f * magnitude >= raw - 1e-12)
    count = max(1, math.ceil(top / step - 1e-9))
    return [round(i * step, 10) for i in range(count + 1)]


def _fit(text: str, room: float, size: int) -> str:
    """Shortened with … when it would not fit in `room` units (the table has it in full)."""
    most = max(1, int(room / (size * CHAR)))
    return text if len(text) <= most else text[: most - 1].rstrip() + "…"


def _text(x: float, y: float, text: str, size: int = FONT, anchor: str = "start", fill: str = INK) -> Markup:
    return Markup('<text x="{:.1f}" y="{:.1f}" font-size="{}" text-anchor="{}" fill="{}">{}</text>').format(
        x, y, size, anchor, fill, text
    )


def _line_at(y: float, left: float, colour: str, dashed: bool = False) -> Markup:
    """A horizontal line across the plot: a grid line, the axis or an edge of the band."""
    dash = Markup(' stroke-dasharray="4 3"') if dashed else ""
    return Markup('<line x1="{:.1f}" y1="{:.1f}" x2="{}" y2="{:.1f}" stroke="{}"{}/>').format(
        left, y, WIDTH - 4, y, colour, dash
    )


def _legend(chart: Chart, y: float) -> tuple[list[Markup], float]:
    """One line per series (and one for the band), so long names fit on a phone."""
    items = [(PALETTE[i % len(PALETTE)], name, None) for i, name in enumerate(chart.series)]
    if chart.kind == "line" and chart.band and chart.band_label:
        items.append((BAND_FILL, chart.band_label, BAND_EDGE))
    if chart.kind == "bar" and len(chart.series) == 1:
        return [], y
    parts = []
    for colour, name, edge in items:
        outline = Markup(' stroke="{}"').format(edge) if edge else ""
        parts.append(Markup('<rect x="0" y="{:g}" width="14" height="14" fill="{}"{}/>').format(y, colour, outline))
        parts.append(_text(20, y + 12, _fit(str(name), WIDTH - 20, FONT)))
        y += 22
    return parts, y + 6


# --- bar chart ----------------------------------------------------------------------------

BAR = 16
BAR_GAP = 4
GROUP_GAP = 14


def _bars(chart: Chart) -> tuple[list[Markup], float]:
    parts, y = _legend(chart, 0)
    values = [v for vs in chart.series.values() for v in vs if v is not None]
    top = _ticks(max([0, *values]), chart.unit)[-1]
    value_room = max(len(chart.format(v)) for v in values) * SMALL * CHAR + 8
    span = WIDTH - 2 - value_room
    for i, label in enumerate(chart.labels):
        parts.append(_text(0, y + FONT, _fit(str(label), WIDTH, FONT)))
        y += FONT + 6
        start = y
        for j, (name, series) in enumerate(chart.series.items()):
            value = series[i]
            length = span * max(value or 0, 0) / top if top else 0
            colour = PALETTE[j % len(PALETTE)]
            parts.append(
                Markup('<rect x="1" y="{:g}" width="{:.1f}" height="{}" fill="{}"><title>{}: {}</title></rect>').format(
                    y, length, BAR, colour, name, chart.format(value)
                )
            )
            parts.append(_text(length + 6, y + BAR - 3, chart.format(value), SMALL))
            y += BAR + BAR_GAP
        parts.append(
            Markup('<line x1="1" y1="{:g}" x2="1" y2="{:g}" stroke="{}"/>').format(start - 2, y - BAR_GAP + 2, MUTED)
        )
        y += GROUP_GAP
    return parts, y


# --- line chart ---------------------------------------------------------------------------

PLOT_HEIGHT = 180


def _line(chart: Chart) -> tuple[list[Markup], float]:
    parts, y0 = _legend(chart, 0)
    values = [v for vs in chart.series.values() for v in vs if v is not None]
    ticks = _ticks(max([0, *values, *(chart.band or ())]), chart.unit)
    top = ticks[-1] or 1
    left = max(len(chart.format(t)) for t in ticks) * SMALL * CHAR + 10
    width = WIDTH - left - 4
    y0 += 8

    def ypos(value: float) -> float:
        return y0 + PLOT_HEIGHT * (1 - value / top)

    def xpos(i: int) -> float:
        return left + width * (i + 0.5) / len(chart.labels)

    for tick in ticks:
        parts.append(_line_at(ypos(tick), left, GRID))
        parts.append(_text(left - 6, ypos(tick) + 4, chart.format(tick), SMALL, "end", MUTED))
    if chart.band:
        low, high = (min(max(v, 0), top) for v in chart.band)
        parts.append(
            Markup(
                '<rect class="bm-chart__band" x="{:.1f}" y="{:.1f}" width="{:.1f}" height="{:.1f}" fill="{}"/>'
            ).format(left, ypos(high), width, ypos(low) - ypos(high), BAND_FILL)
        )
        parts.extend(_line_at(ypos(edge), left, BAND_EDGE, dashed=True) for edge in (low, high))
    bottom = y0 + PLOT_HEIGHT
    parts.append(_line_at(bottom, left, MUTED))
    for j, (name, series) in enumerate(chart.series.items()):
        parts.extend(_series_line(series, PALETTE[j % len(PALETTE)], name, chart, xpos, ypos))
    parts.extend(_x_labels(chart.labels, xpos, width, bottom + SMALL + 6))
    return parts, bottom + SMALL + 12


def _series_line(series, colour, name, chart, xpos, ypos) -> list[Markup]:
    """A line through the known values, broken where a value is missing, with a dot on each."""
    parts, run = [], []
    for i, value in enumerate([*series, None]):
        if value is not None:
            run.append(f"{xpos(i):.1f},{ypos(value):.1f}")
            continue
        if len(run) > 1:
            parts.append(
                Markup('<polyline points="{}" fill="none" stroke="{}" stroke-width="2.5"/>').format(
                    " ".join(run), colour
                )
            )
        run = []
    for i, value in enumerate(series):
        if value is not None:
            parts.append(
                Markup('<circle cx="{:.1f}" cy="{:.1f}" r="3.5" fill="{}"><title>{}, {}: {}</title></circle>').format(
                    xpos(i), ypos(value), colour, name, chart.labels[i], chart.format(value)
                )
            )
    return parts


def _x_labels(labels: Sequence[str], xpos, width: float, y: float) -> list[Markup]:
    """Every label when they fit, else every second, third …: the table has them all."""
    widest = max(len(str(label)) for label in labels) * SMALL * CHAR + 6
    every = max(1, math.ceil(widest / (width / len(labels))))
    room = width / len(labels) * every
    return [_text(xpos(i), y, _fit(str(labels[i]), room, SMALL), SMALL, "middle") for i in range(0, len(labels), every)]
