"""The dashboard at any number of teams: the database counts the signals per kind and reads
only the rows a page shows, in the order of urgency, snoozed ones left out; the team table
pages by keyset. The statements per page do not grow with the teams."""

import re
from datetime import timedelta

import pytest

from app.coordination import signals
from app.coordination.models import SignalKind, SignalSnooze
from app.core.models import utcnow
from app.core.timezone import local_today
from app.extensions import db
from tests.factories import make_neighbourhood, make_user
from tests.generate import bulk_teams

SNOOZE_LINK = re.compile(r"/coordinatie/signalen/(\w+)/(\d+)/(\d+)/uitstellen")
NEXT = re.compile(r'href="([^"]+)" rel="next"')


@pytest.fixture
def coordinator():
    hood = make_neighbourhood("Kruiskamp")
    return make_user("Cor Coördinator", hood, is_coordinator=True)


def starting_teams(coordinator, count: int, days_old: int = 400) -> list[int]:
    """Teams started long ago that nobody leads or visited: three signals each."""
    old = utcnow() - timedelta(days=days_old)
    return bulk_teams(coordinator.neighbourhood_id, count, status="starting", last_activity_at=old, created_at=old)


def listed(client, url: str) -> list[tuple[str, int, int]]:
    page = client.get(url).get_data(as_text=True)
    return [(kind, int(team), int(subject)) for kind, team, subject in SNOOZE_LINK.findall(page)]


def test_the_pages_of_the_signal_list_follow_each_other_in_order_of_urgency(client, coordinator):
    starting_teams(coordinator, 20, days_old=400)
    starting_teams(coordinator, 20, days_old=200)
    client.login(coordinator)
    every = [(s.kind.value, s.team_id, s.subject_id) for s in signals.current()]
    assert len(every) == 120
    shown = sum((listed(client, f"/coordinatie/signalen?pagina={n}") for n in (1, 2, 3)), [])
    assert shown == every
    kinds = [kind for kind, _team, _subject in shown]
    assert kinds == sorted(kinds, key=lambda kind: signals.URGENCY[SignalKind(kind)])
    # Within a kind the oldest situation comes first: the teams of 400 days before those of 200.
    no_trekker = [team for kind, team, _subject in shown if kind == SignalKind.NO_TREKKER]
    assert no_trekker[:20] == sorted(no_trekker)[:20]
    assert listed(client, "/coordinatie")[:10] == every[:10]


def test_a_snoozed_signal_is_left_out_of_the_counts_and_the_pages(client, coordinator):
    team_ids = starting_teams(coordinator, 30)
    client.login(coordinator)
    assert "90 signalen" in client.get("/coordinatie").get_data(as_text=True)
    db.session.add(
        SignalSnooze(
            kind=SignalKind.NO_TREKKER,
            team_id=team_ids[0],
            subject_id=0,
            until=local_today() + timedelta(days=3),
            reason="Zoekt een trekker",
        )
    )
    db.session.commit()  # cached pages and values show what was committed
    assert "89 signalen" in client.get("/coordinatie").get_data(as_text=True)
    assert signals.counts()[SignalKind.NO_TREKKER] == 29
    shown = listed(client, "/coordinatie/signalen") + listed(client, "/coordinatie/signalen?pagina=2")
    assert ("no_trekker", team_ids[0], 0) not in shown and len(shown) == 89
    assert len(signals.current(kind=SignalKind.NO_TREKKER, keep_snoozed=True)) == 30  # reminders still see it


@pytest.mark.parametrize("url", ["/coordinatie/signalen?pagina=2", "/coordinatie/signalen?signaal=no_trekker"])
def test_a_later_page_of_signals_costs_the_same_statements_for_40_and_4000_teams(
    client, coordinator, count_statements, url
):
    client.login(coordinator)

    starting_teams(coordinator, 40)
    few = count_statements.of_page(client, url)
    starting_teams(coordinator, 3960)
    db.session.commit()  # cached pages and values show what was committed
    assert count_statements.of_page(client, url) == few


def test_the_team_table_pages_deep_with_the_same_statements(client, coordinator, count_statements):
    client.login(coordinator)

    def deep_page() -> tuple[int, str]:
        url = NEXT.search(client.get("/coordinatie").get_data(as_text=True)).group(1).replace("&amp;", "&")
        assert "na=" in url
        with count_statements() as counter:
            page = client.get(url).get_data(as_text=True)
        return len(counter.statements), page

    bulk_teams(coordinator.neighbourhood_id, 40)
    few, page = deep_page()
    assert "Pagina 2 van 2" in page
    bulk_teams(coordinator.neighbourhood_id, 3960)
    many, page = deep_page()
    assert many == few and "Pagina 2 van 200" in page
