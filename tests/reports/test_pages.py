"""The report page: a coordinator picks a neighbourhood and a period (quick picks are links),
sees a chart with its table per part, and downloads each table as CSV that Python's csv
module reads back with the same figures as the page. Bad choices get a Dutch message."""

import csv
import io
import re
from datetime import timedelta

import pytest
import sqlalchemy as sa

from app.activities.models import Activity, ActivityKind, ActivityStatus
from app.core.audit import AuditEntry
from app.core.charts import format_value
from app.core.models import utcnow
from app.core.text import name_key
from app.core.timezone import local_today
from app.extensions import db
from app.places.services import neighbourhood_choices
from app.reports import services
from app.reports.period import Period
from app.teams.models import Team, TeamKind, TeamStatus
from tests.factories import make_neighbourhood, make_user
from tests.reports.conftest import page

KEYS = services.CHART_KEYS


def csv_rows(response) -> list[list[str]]:
    body = b"".join(response.response)
    assert body.startswith(b"\xef\xbb\xbf")  # the BOM: Excel reads UTF-8
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))


def _cells(fragment: str) -> list[str]:
    return [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", fragment, re.S)]


def table_of(text: str, key: str) -> list[list[str]]:
    """The rows of the chart's table on the page (its text alternative)."""
    figure = re.search(rf'<figure[^>]*id="chart-{key}".*?</figure>', text, re.S).group(0)
    return [_cells(row) for row in re.findall(r"<tr[^>]*>(.*?)</tr>", figure, re.S)]


def as_shown(header: list[str], row: list[str]) -> list[str]:
    """A CSV row as the page shows it: money (cents and euro columns) as € 1.250,00."""
    shown = [row[0]]
    for title, value in zip(header[1:], row[1:], strict=True):
        if title.endswith(" in euro"):
            continue
        if title.endswith(" in procent"):
            shown.append(format_value(float(value.replace(",", ".")) / 100 if value else None, "percent"))
        else:
            shown.append(format_value(int(value), "cents" if title.endswith(" in centen") else "count"))
    return shown


def test_the_csv_of_every_table_holds_the_figures_of_the_page(client, reports_world):
    client.login(reports_world.coordinator)
    today = local_today()
    args = {"van": (today - timedelta(days=500)).isoformat(), "tot": (today + timedelta(days=30)).isoformat()}
    text = page(client.get("/rapportages", query_string=args))
    for key in KEYS:
        response = client.get(f"/rapportages/{key}.csv", query_string=args)
        assert response.mimetype == "text/csv" and response.headers["Content-Disposition"].startswith("attachment;")
        header, *rows = csv_rows(response)
        shown = table_of(text, key)
        assert [as_shown(header, row) for row in rows] == shown[1:], key
        assert rows, key
    # The same figures, and all of them: the report the service builds.
    report = services.build(Period(today - timedelta(days=500), today + timedelta(days=30)), neighbourhood_choices())
    _header, *rows = csv_rows(client.get("/rapportages/geld.csv", query_string=args))
    kruiskamp = next(row for row in rows if row[0].startswith("Kruiskamp"))
    chart = report.chart("geld")
    index = chart.labels.index(kruiskamp[0])
    assert [int(cell) for cell in kruiskamp[1::2]] == [values[index] for values in chart.series.values()]
    assert kruiskamp[4] == "290,00"  # awarded in euros, as Dutch Excel reads a number


def test_one_neighbourhood_and_the_quick_picks(client, reports_world):
    client.login(reports_world.coordinator)
    hood = reports_world.hoods[1]
    text = page(client.get("/rapportages", query_string={"buurt": hood.id}))
    assert "Liendert (Amersfoort), van 1 januari" in text
    rows = table_of(text, "teams")
    assert [row[0] for row in rows[1:]] == ["Liendert (Amersfoort)"]
    for label in ("Dit kwartaal", "Vorig kwartaal", "Dit jaar", "Vorig jaar"):
        assert label in text
    last_year = local_today().year - 1
    link = f"/rapportages?buurt={hood.id}&amp;van={last_year}-01-01&amp;tot={last_year}-12-31"
    assert link in client.get("/rapportages", query_string={"buurt": hood.id}).get_data(as_text=True)
    assert f"/rapportages/teams.csv?buurt={hood.id}&amp;van=" in client.get(
        "/rapportages", query_string={"buurt": hood.id}
    ).get_data(as_text=True)
    _header, *rows = csv_rows(client.get("/rapportages/teams.csv", query_string={"buurt": hood.id}))
    assert [row[0] for row in rows] == ["Liendert (Amersfoort)"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ({"van": "2026-06-01", "tot": "2026-01-01"}, "De einddatum ligt voor de begindatum."),
        ({"van": "gisteren", "tot": "2026-01-01"}, "Dit is geen datum."),
        ({"van": "2026-02-30"}, "Dit is geen datum."),
        ({"tot": "99999-01-01"}, "Dit is geen datum."),
        ({"buurt": "99999"}, "Deze buurt kennen we niet."),
        ({"buurt": "Kruiskamp"}, "Deze buurt kennen we niet."),
    ],
)
def test_a_wrong_choice_gets_a_dutch_message_and_no_report(client, ctx, args, message):
    client.login(make_user("Cor Coördinator", is_coordinator=True))
    response = client.get("/rapportages", query_string=args)
    assert response.status_code == 200
    text = page(response)
    assert message in text and "Er is iets niet goed ingevuld" in text
    assert 'id="chart-teams"' not in text
    download = client.get("/rapportages/teams.csv", query_string=args)
    assert download.status_code == 302 and download.location.startswith("/rapportages?")
    assert message in page(client.get(download.location))


def test_only_known_tables_can_be_downloaded(client, ctx):
    client.login(make_user("Cor Coördinator", is_coordinator=True))
    assert client.get("/rapportages/gebruikers.csv").status_code == 404


def test_cells_that_look_like_formulas_stay_text_in_the_csv(client, ctx):
    make_neighbourhood('=HYPERLINK("http://x.example","klik")')
    client.login(make_user("Cor Coördinator", is_coordinator=True))
    _header, *rows = csv_rows(client.get("/rapportages/teams.csv"))
    assert len(rows) == 1 and rows[0][0].startswith("'=HYPERLINK(")


def _bulk_teams(hoods, count: int, start: int) -> None:
    """`count` teams straight into the tables, with an activity that took place and a status
    change in the audit log each: enough to make a report that loops per team slow."""
    now = utcnow()
    names = [f"Team {n}" for n in range(start, start + count)]
    db.session.execute(
        sa.insert(Team),
        [
            {
                "name": name,
                "name_key": name_key(name),
                "neighbourhood_id": hoods[n % len(hoods)].id,
                "kind": TeamKind.BUURTTEAM,
                "area": "Straat",
                "themes": [],
                "question": "Samen",
                "description": "",
                "status": list(TeamStatus)[n % 5],
                "search_text": "",
                "last_activity_at": now,
                "created_at": now - timedelta(days=n % 400),
            }
            for n, name in enumerate(names)
        ],
    )
    ids = list(db.session.scalars(sa.select(Team.id).where(Team.name.in_(names))))
    db.session.execute(
        sa.insert(Activity),
        [
            {
                "team_id": team_id,
                "title": "Buurtfeest",
                "kind": ActivityKind.PARTY,
                "status": ActivityStatus.DONE,
                "starts_at": now - timedelta(days=team_id % 300),
                "actual_participants": team_id % 17,
            }
            for team_id in ids
        ],
    )
    db.session.execute(
        sa.insert(AuditEntry),
        [
            {"action": "team.status_changed", "object_type": "team", "object_id": team_id, "data": {"status": "active"}}
            for team_id in ids[::2]
        ],
    )
    db.session.flush()


def test_the_report_needs_the_same_statements_for_10_and_1000_teams(client, ctx, count_statements):
    hoods = [make_neighbourhood(f"Wijk {n}") for n in range(5)]
    client.login(make_user("Cor Coördinator", is_coordinator=True))
    counts = []
    for count, start in ((10, 0), (990, 10)):
        _bulk_teams(hoods, count, start)
        for url in ("/rapportages", "/rapportages/teams.csv"):
            with count_statements() as counter:
                response = client.get(url)
                assert response.status_code == 200
                b"".join(response.response)
            counts.append(len(counter.statements))
    assert counts[:2] == counts[2:], counts
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Team)) == 1000


def test_without_neighbourhoods_the_report_has_no_figures_yet(client, ctx):
    client.login(make_user("Cor Coördinator", is_coordinator=True))
    text = page(client.get("/rapportages"))
    assert "Er zijn nog geen cijfers voor deze grafiek." in text
    assert csv_rows(client.get("/rapportages/activering-per-maand.csv"))[1:] == []
    assert "Er zijn nog geen teams." in page(client.get("/wat-bewoners-samen-doen"))
