"""A report: the figures of app.reports.queries for the chosen neighbourhoods and period, as
charts (app.core.charts) whose tables are also the CSV downloads. A constant number of
statements, however many teams there are."""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from flask_babel import format_date
from flask_babel import gettext as _

from app.core.charts import Chart
from app.core.csv_export import csv_chunks, euro_cell, text_cell
from app.outreach.services import GOOD_BAND, activation_rates
from app.reports import queries
from app.reports.period import Period
from app.teams.labels import STATUS_LABELS


@dataclass(frozen=True)
class Section:
    """A part of the report: a heading, a line of explanation and its charts."""

    key: str
    title: str
    intro: str
    charts: list[Chart]


@dataclass(frozen=True)
class Report:
    period: Period
    totals: dict[str, int]
    sections: list[Section]

    def chart(self, key: str) -> Chart | None:
        return next((c for section in self.sections for c in section.charts if c.key == key), None)


# The month chart of activation shows at most this many months back from the period's end.
ACTIVATION_MONTHS = 36
MAX_LINES = 6  # lines that stay apart by colour; the table above has every neighbourhood


def _ids_and_bounds(hoods, period: Period):
    return [hood_id for hood_id, _label in hoods], *period.bounds()


def _team_section(hoods, period: Period) -> tuple[Section, dict[str, int]]:
    figures = queries.team_figures(*_ids_and_bounds(hoods, period))
    labels = [label for _id, label in hoods]
    series = {_("Nieuw in de periode"): [figures[hood_id]["new"] for hood_id, _label in hoods]}
    for status in queries.COUNTED_STATUSES:
        series[str(STATUS_LABELS[status])] = [figures[hood_id][status] for hood_id, _label in hoods]
    chart = Chart(_("Teams per buurt"), labels, series, key="teams", label_heading=_("Buurt"))
    intro = _(
        "Nieuw: teams die in de periode begonnen. De andere cijfers tellen de teams zoals ze aan het eind"
        " van de periode waren."
    )
    totals = {"new_teams": sum(counts["new"] for counts in figures.values())}
    return Section("teams", _("Teams"), intro, [chart]), totals


def _activity_section(hoods, period: Period) -> tuple[Section, dict[str, int]]:
    figures = queries.activity_figures(*_ids_and_bounds(hoods, period))
    labels = [label for _id, label in hoods]
    done = Chart(
        _("Activiteiten per buurt"),
        labels,
        {
            _("Gehouden"): [figures[hood_id].happened for hood_id, _label in hoods],
            _("Met terugblik"): [figures[hood_id].evaluated for hood_id, _label in hoods],
        },
        key="activiteiten",
        label_heading=_("Buurt"),
    )
    people = Chart(
        _("Deelnemers per buurt"),
        labels,
        {
            _("Deelnemers"): [figures[hood_id].participants for hood_id, _label in hoods],
            _("Nieuwe contacten"): [figures[hood_id].new_contacts for hood_id, _label in hoods],
        },
        key="deelnemers",
        label_heading=_("Buurt"),
    )
    intro = _("Activiteiten die in de periode zijn gehouden. De deelnemers komen uit de terugblik van het team.")
    totals = {
        "activities": sum(counts.happened for counts in figures.values()),
        "participants": sum(counts.participants for counts in figures.values()),
    }
    return Section("activiteiten", _("Activiteiten en deelnemers"), intro, [done, people]), totals


def _money_section(hoods, period: Period) -> tuple[Section, dict[str, int]]:
    figures = queries.money_figures(*_ids_and_bounds(hoods, period))
    names = {
        "requested": _("Aangevraagd"),
        "awarded": _("Toegekend"),
        "paid_out": _("Uitbetaald"),
        "returned": _("Teruggekomen"),
    }
    series = {name: [getattr(figures[hood_id], field) for hood_id, _label in hoods] for field, name in names.items()}
    chart = Chart(
        _("Geld voor aanvragen per buurt"),
        [label for _id, label in hoods],
        series,
        unit="cents",
        key="geld",
        label_heading=_("Buurt"),
    )
    intro = _(
        "Aangevraagd: aanvragen die in de periode zijn ingediend. Toegekend, uitbetaald en teruggekomen:"
        " wat er in de periode in het kasboek van de buurtbudgetten gebeurde."
    )
    totals = {"awarded": sum(money.awarded for money in figures.values())}
    return Section("geld", _("Geld uit de buurtbudgetten"), intro, [chart]), totals


def _template_section(hoods, period: Period) -> tuple[Section, dict[str, int]]:
    figures = queries.template_figures(*_ids_and_bounds(hoods, period))
    chart = Chart(
        _("Gekozen aanpakken"),
        [row.name for row in figures],
        {
            _("Keer gekozen"): [row.adopted for row in figures],
            _("Daarvan gehouden"): [row.happened for row in figures],
            _("Deelnemers"): [row.participants for row in figures],
        },
        key="aanpakken",
        label_heading=_("Aanpak"),
    )
    intro = _("Hoe vaak een team in de periode een plan maakte met een aanpak, en wat daarvan kwam.")
    return Section("aanpakken", _("Aanpakken"), intro, [chart]), {}


def _activation_section(hoods, period: Period) -> tuple[Section, dict[str, int]]:
    """Residents willing to be active per home (outreach): at the end of the period, and per
    month, with the band Vitale Wijken calls a good result."""
    index = period.end.year * 12 + period.end.month - ACTIVATION_MONTHS
    start = max(period.start, date(index // 12, index % 12 + 1, 1))
    rates = activation_rates([hood_id for hood_id, _label in hoods], start, period.end)
    labels = [label for _id, label in hoods]
    at_end = Chart(
        _("Activatie aan het eind van de periode"),
        labels,
        {
            _("Bewoners die actief willen zijn, per woning"): [rates[hood_id].rate for hood_id, _label in hoods],
        },
        unit="percent",
        key="activering",
        label_heading=_("Buurt"),
    )
    measured = [(hood_id, label) for hood_id, label in hoods if rates[hood_id].rate is not None]
    months = rates[hoods[0][0]].monthly if hoods else []
    per_month = Chart(
        _("Activatie per maand"),
        [format_date(first, "MMM y") for first, _rate in months],
        {label: [rate for _first, rate in rates[hood_id].monthly] for hood_id, label in measured[:MAX_LINES]},
        unit="percent",
        kind="line",
        band=GOOD_BAND,
        band_label=_("Goed resultaat volgens Vitale Wijken"),
        key="activering-per-maand",
        label_heading=_("Maand"),
    )
    intro = _(
        "Uit de huisbezoeken: hoeveel bewoners actief willen worden, als deel van de woningen in de gebieden"
        " waar de bezoeken begonnen. 5 tot 8 procent is een goed resultaat. Een buurt zonder bekende woningen heeft"
        " geen percentage."
    )
    return Section("activering", _("Activatie van bewoners"), intro, [at_end, per_month]), {}


def hood_scope(choices: list[tuple[int, str]], neighbourhood_id: int | None) -> list[tuple[int, str]]:
    """The neighbourhoods of the report: the one chosen, or all of them."""
    return [choice for choice in choices if neighbourhood_id in (None, choice[0])]


SECTIONS = {
    "teams": _team_section,
    "activiteiten": _activity_section,
    "geld": _money_section,
    "aanpakken": _template_section,
    "activering": _activation_section,
}
# The section each downloadable chart belongs to.
SECTION_OF = {key: key for key in SECTIONS} | {"deelnemers": "activiteiten", "activering-per-maand": "activering"}


# The charts whose tables can be downloaded, by the name in their CSV link.
CHART_KEYS = tuple(SECTION_OF)


def build(period: Period, hoods: list[tuple[int, str]], only: str | None = None) -> Report:
    """The report over `hoods` (id, label) in the period; with `only` (a chart's key) just
    the section of that chart, for its CSV."""
    totals: dict[str, int] = {}
    sections = []
    for key in [SECTION_OF[only]] if only else SECTIONS:
        section, figures = SECTIONS[key](hoods, period)
        sections.append(section)
        totals |= figures
    return Report(period, totals, sections)


def chart_csv(chart: Chart) -> Iterator[str]:
    """The chart's table as CSV: counts as numbers, money in cents and in euros, rates as a
    percentage with a decimal comma (as Dutch Excel reads numbers); no figure is empty."""
    header = [chart.label_heading or _("Onderdeel")]
    for name in chart.series:
        header += {
            "cents": [_("%(name)s in centen", name=name), _("%(name)s in euro", name=name)],
            "percent": [_("%(name)s in procent", name=name)],
        }.get(chart.unit, [name])
    columns = list(chart.series.values())

    def cells(index: int) -> list:
        row = [text_cell(str(chart.labels[index]))]
        for values in columns:
            value = values[index]
            if chart.unit == "cents":
                row += ["", ""] if value is None else [value, euro_cell(value)]
            elif chart.unit == "percent":
                row.append("" if value is None else f"{value * 100:.2f}".replace(".", ","))
            else:
                row.append("" if value is None else value)
        return row

    return csv_chunks(header, range(len(chart.labels)), cells)
