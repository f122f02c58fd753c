"""Issue 13, part 2: a visitor finds public activities in the agenda (a list or a month),
filters them, and opens one; team-only plans and stopped teams stay out of sight."""

import re
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa
from flask import current_app

from app.activities.models import Activity, ActivityKind, ActivityStatus
from app.core.models import utcnow
from app.extensions import db
from app.teams.models import TeamStatus
from tests.agenda.helpers import bulk_public_activities, make_public_activity
from tests.factories import make_neighbourhood, make_team, make_user


@pytest.fixture
def hood():
    return make_neighbourhood("Kruiskamp")


@pytest.fixture
def team(hood):
    return make_team(hood, make_user("Fatima", hood), name="Pruimengaarde Samen")


def text(response) -> str:
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_the_agenda_lists_upcoming_public_activities_soonest_first(client, team):
    make_public_activity(team, "Later", utcnow() + timedelta(days=9))
    make_public_activity(team, "Eerst", utcnow() + timedelta(days=2))
    make_public_activity(team, "Geheim", is_public=False)
    make_public_activity(team, "Nog een idee", status=ActivityStatus.IDEA)
    make_public_activity(team, "Voorbij", utcnow() - timedelta(days=2), status=ActivityStatus.DONE)
    page = text(client.get("/agenda"))
    assert page.index("Eerst") < page.index("Later")
    assert "Geheim" not in page and "Nog een idee" not in page and "Voorbij" not in page
    assert "2 activiteiten vanaf vandaag" in page
    assert 'href="/agenda"' in page  # the menu item


def test_a_cancelled_activity_shows_as_cancelled_until_its_date_has_passed(client, team):
    make_public_activity(team, "Afgezegd", status=ActivityStatus.CANCELLED, cancel_reason="Te veel regen")
    make_public_activity(team, "Oud afgezegd", utcnow() - timedelta(days=3), status=ActivityStatus.CANCELLED)
    page = text(client.get("/agenda"))
    assert "Afgezegd" in page and "Gaat niet door" in page
    assert "Oud afgezegd" not in page


def test_activities_of_a_stopped_team_leave_the_agenda(client, team):
    activity = make_public_activity(team, "Laatste feest")
    team.status = TeamStatus.ARCHIVED
    assert "Laatste feest" not in text(client.get("/agenda"))
    assert client.get(f"/activiteiten/{activity.id}").status_code == 404


def test_the_filters_narrow_by_neighbourhood_and_kind(client, team, hood):
    other = make_team(make_neighbourhood("Liendert"), make_user("Bas"), name="Liendert Groen")
    make_public_activity(team, "Feest in Kruiskamp")
    make_public_activity(team, "Opruimen in Kruiskamp", kind=ActivityKind.CLEAN_UP)
    make_public_activity(other, "Feest in Liendert")
    page = text(client.get(f"/agenda?buurt={hood.id}"))
    assert "Feest in Kruiskamp" in page and "Feest in Liendert" not in page
    page = text(client.get(f"/agenda?buurt={hood.id}&soort=clean_up"))
    assert "Opruimen in Kruiskamp" in page and "Feest in Kruiskamp" not in page
    page = text(client.get(f"/buurten/{hood.id}/agenda"))
    assert "Agenda van Kruiskamp" in page and "Feest in Liendert" not in page
    assert f"/buurten/{hood.id}/agenda.ics" in page


def test_wrong_filter_values_get_a_message_not_an_error(client, team):
    make_public_activity(team, "Burendag")
    page = text(client.get("/agenda?buurt=abc&soort=picknick&pagina=-3"))
    assert "Kies een buurt uit de lijst." in page and "Kies een soort uit de lijst." in page
    assert "Burendag" in page
    page = text(client.get("/agenda?weergave=maand&maand=2026-13"))
    assert "Deze maand kunnen we niet tonen. U ziet nu deze maand." in page
    assert client.get("/buurten/999999/agenda").status_code == 404


def test_the_month_view_is_a_calendar_with_the_month_around_it(client, team):
    make_public_activity(team, "Kerstmarkt", datetime(2026, 12, 12, 13, 0, tzinfo=UTC))
    make_public_activity(team, "Nieuwjaarsborrel", datetime(2027, 1, 3, 15, 0, tzinfo=UTC))
    page = text(client.get("/agenda?weergave=maand&maand=2026-12"))
    assert "december 2026" in page
    assert "14:00 Kerstmarkt" in page  # 13:00 UTC is 14:00 in Amsterdam in winter
    assert "Nieuwjaarsborrel" not in page
    assert page.count("<tr>") == 6  # the weekday row and five weeks
    assert "maand=2026-11" in page and "maand=2027-01" in page


def test_the_public_page_says_what_when_where_who_and_how_many_places(client, team):
    activity = make_public_activity(
        team,
        "Burendag",
        datetime(2026, 6, 14, 12, 0, tzinfo=UTC),
        ends_at=datetime(2026, 6, 14, 15, 30, tzinfo=UTC),
        capacity=8,
    )
    page = text(client.get(f"/activiteiten/{activity.id}"))
    for expected in (
        "Burendag",
        "Buurtfeest",
        "14 juni 2026, 14:00",
        "17:30",
        "Binnentuin Pruimengaarde",
        "Pruimengaarde Samen",
        "Er zijn nog 8 plekken.",
        f"/activiteiten/{activity.id}.ics",
        "Aanmelden",
    ):
        assert expected in page, expected


def test_a_cancelled_activity_page_gives_the_reason(client, team):
    activity = make_public_activity(team, status=ActivityStatus.CANCELLED, cancel_reason="De zaal is dicht.")
    page = text(client.get(f"/activiteiten/{activity.id}"))
    assert "Deze activiteit gaat niet door. De zaal is dicht." in page


def test_team_only_plans_have_no_public_page(client, team):
    for activity in (
        make_public_activity(team, is_public=False),
        make_public_activity(team, status=ActivityStatus.IDEA),
        make_public_activity(team, starts_at=None, status=ActivityStatus.IDEA),
    ):
        assert client.get(f"/activiteiten/{activity.id}").status_code == 404


@pytest.mark.parametrize("url", ["/agenda", "/agenda?weergave=maand", "/buurten/{hood}/agenda"])
def test_the_calendar_pages_need_the_same_statements_for_10_and_1000_activities(
    client, team, hood, count_statements, url
):
    counts = []
    for total in (10, 1000):
        db.session.execute(sa.delete(Activity))
        bulk_public_activities(team, total, utcnow() + timedelta(hours=1))
        db.session.commit()  # cached pages and values show what was committed
        with count_statements() as counter:
            assert client.get(url.format(hood=hood.id)).status_code == 200
        counts.append(len(counter.statements))
    assert counts[0] == counts[1], counts


def test_a_long_agenda_counts_up_to_a_thousand_and_pages_on_past_it(client, team, monkeypatch):
    """Counting every upcoming activity read them all on each request (issue 28, item 0):
    the count stops at COUNT_LIMIT, and the pages past it can still be reached."""
    monkeypatch.setattr("app.agenda.services.COUNT_LIMIT", 25)
    bulk_public_activities(team, 26, utcnow() + timedelta(hours=1))
    db.session.commit()
    page_size = current_app.config["PAGE_SIZE"]
    first = text(client.get("/agenda"))
    assert "Meer dan 25 activiteiten vanaf vandaag" in first
    assert "Pagina 1</span>" in first and 'rel="next"' in first
    last_page = -(-26 // page_size)  # the count reaches as far as the page asked for
    last = text(client.get(f"/agenda?pagina={last_page}"))
    assert 'rel="next"' not in last and "Meer dan" not in last
    assert f"Pagina {last_page} van {last_page}" in last
    db.session.execute(sa.delete(Activity).where(Activity.id.in_(sa.select(Activity.id).limit(1))))
    db.session.commit()
    assert "25 activiteiten vanaf vandaag" in text(client.get("/agenda"))


def test_the_team_page_lists_its_upcoming_public_activities_and_its_feed(client, team):
    make_public_activity(team, "Burendag", utcnow() + timedelta(days=3))
    make_public_activity(team, "Geheim overleg", is_public=False)
    make_public_activity(team, "Vorig jaar", utcnow() - timedelta(days=300), status=ActivityStatus.DONE)
    page = text(client.get(f"/teams/{team.id}"))
    assert "Burendag" in page and "Geheim overleg" not in page and "Vorig jaar" not in page
    assert f"/teams/{team.id}/agenda.ics" in page


def test_the_calendar_feed_is_explained_in_plain_words(client, team, hood):
    """Issue 24, item 15: "iCal" said nothing to a resident. The link now opens the phone's
    calendar (webcal:), and a few words say what happens and what to do when it does not."""
    for page in (text(client.get(f"/teams/{team.id}")), text(client.get(f"/agenda?buurt={hood.id}"))):
        assert "iCal" not in page
        assert 'href="webcal://' in page and "in de agenda van uw telefoon" in page
        assert "Hoe werkt dat?" in page and "Agenda toevoegen" in page
        assert re.search(r'<input[^>]*readonly value="https?://[^"]+\.ics"', page)
