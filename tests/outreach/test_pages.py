"""A coordinator keeps the outreach of a neighbourhood: areas, visit rounds, the rate over
time with the good-result band, and the hint for a first resident meeting."""

from datetime import timedelta

import pytest
import sqlalchemy as sa

from app.core.audit import AuditEntry
from app.core.timezone import local_today
from app.extensions import db
from app.outreach.models import OutreachArea, OutreachRecord
from tests.factories import make_neighbourhood, make_user
from tests.outreach.factories import bulk_records, make_area, make_record

HINT = "Dat is genoeg voor een eerste bewonersbijeenkomst"


@pytest.fixture
def w(ctx):
    class World:
        hood = make_neighbourhood("Kruiskamp")
        cor = make_user("Cor Coördinator", is_coordinator=True)
        area = None

    World.area = make_area(World.hood, "Flat Zonnehof", homes=120)
    return World


def _url(w, tail: str = "") -> str:
    return f"/buurten/{w.hood.id}/huisbezoeken{tail}"


def _page(client, w, url=None) -> str:
    response = client.login(w.cor).get(url or _url(w))
    assert response.status_code == 200
    return response.get_data(as_text=True)


def _count(model) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def _audits(action: str) -> list[AuditEntry]:
    return list(db.session.scalars(sa.select(AuditEntry).where(AuditEntry.action == action)))


def test_the_page_shows_the_areas_their_rate_and_the_chart_with_the_band(client, w):
    make_record(w.area, local_today(), willing=6, recorded_by=w.cor)
    make_area(w.hood, "Esdoornstraat", homes=None)
    page = _page(client, w)
    assert "Huisbezoeken in Kruiskamp" in page and "Flat Zonnehof" in page and "Esdoornstraat" in page
    assert "5%" in page  # 6 of 120 homes
    assert 'class="bm-chart__band"' in page and "Goed resultaat volgens Vitale Wijken: 5% – 8%" in page
    assert '<svg xmlns="http://www.w3.org/2000/svg" role="img"' in page and "<caption" in page
    assert "De aanpak Vitale Wijken in Amersfoort werkt!" in page  # the source is named
    assert "Cor Coördinator" in page  # who recorded the round


def test_names_typed_by_users_are_escaped_in_chart_and_tables(client, w):
    area = make_area(w.hood, "<b>Flat</b> & Co", homes=50)
    make_record(area, local_today(), willing=1)
    page = _page(client, w)
    assert "<b>Flat</b>" not in page and "&lt;b&gt;Flat&lt;/b&gt; &amp; Co" in page


@pytest.mark.parametrize(("willing", "hint"), [(7, False), (8, True), (12, True), (16, True)])
def test_a_resident_meeting_is_suggested_from_8_willing_residents(client, w, willing, hint):
    make_record(w.area, local_today() - timedelta(days=3), willing=willing - 1)
    make_record(w.area, local_today(), willing=1)
    page = _page(client, w)
    assert (HINT in page) is hint
    if hint:
        assert f"In Flat Zonnehof willen nu {willing} bewoners actief worden." in page


def test_the_hint_goes_once_a_meeting_was_held(client, w):
    make_record(w.area, local_today() - timedelta(days=3), willing=9)
    assert HINT in _page(client, w)
    make_record(w.area, local_today(), meetings=1, attendance=11)
    page = _page(client, w)
    assert HINT not in page and "1 gehouden" in page


ROUND = {
    "area_id": "",
    "visited_on": "",
    "doors_visited": "40",
    "conversations": "12",
    "house_visits": "2",
    "meetings": "0",
    "attendance": "0",
    "willing_to_act": "3",
}


def test_a_round_is_recorded_and_audited(client, w):
    today = local_today().isoformat()
    response = client.login(w.cor).post(_url(w, "/rondes"), ROUND | {"area_id": w.area.id, "visited_on": today})
    assert response.status_code == 302
    (entry,) = db.session.scalars(sa.select(OutreachRecord))
    assert (entry.area_id, entry.doors_visited, entry.willing_to_act, entry.recorded_by_id) == (
        w.area.id,
        40,
        3,
        w.cor.id,
    )
    (audit,) = _audits("outreach_record.created")
    assert audit.actor_id == w.cor.id and audit.data["willing_to_act"] == "3"
    assert "De ronde in Flat Zonnehof is opgeslagen." in client.get(response.location).get_data(as_text=True)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"visited_on": ""}, "Vul de dag van de ronde in."),
        ({"visited_on": "31-02-2026"}, "Vul de dag van de ronde in."),
        ({"future": True}, "De datum ligt in de toekomst"),
        ({"area_id": ""}, "Kies het gebied van de ronde."),
        ({"doors_visited": "-1"}, "Vul het aantal deuren in, als getal."),
        ({"doors_visited": "veel"}, "Vul het aantal deuren in, als getal."),
        ({"willing_to_act": "2,5"}, "Vul het aantal bewoners in, als getal."),
        ({"conversations": "41"}, "Er zijn meer gesprekken aan de deur dan deuren."),
        ({"attendance": "5"}, "Er zijn bezoekers maar geen bijeenkomsten."),
        (
            {"doors_visited": "0", "conversations": "0", "house_visits": "0", "willing_to_act": "0"},
            "Alle aantallen zijn 0",
        ),
    ],
)
def test_a_bad_round_gets_a_message_and_changes_nothing(client, w, change, message):
    future = change.get("future", False)
    day = local_today() + timedelta(days=1) if future else local_today()
    data = (
        ROUND
        | {"area_id": w.area.id, "visited_on": day.isoformat()}
        | {k: v for k, v in change.items() if k != "future"}
    )
    response = client.login(w.cor).post(_url(w, "/rondes"), data)
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    assert _count(OutreachRecord) == 0 and _audits("outreach_record.created") == []


def test_a_round_cannot_go_to_an_area_of_another_neighbourhood(client, w):
    elsewhere = make_area(make_neighbourhood("Schothorst"), "Flat Elders", homes=80)
    data = ROUND | {"area_id": elsewhere.id, "visited_on": local_today().isoformat()}
    response = client.login(w.cor).post(_url(w, "/rondes"), data)
    assert response.status_code == 200 and _count(OutreachRecord) == 0


def test_an_area_is_added_and_audited(client, w):
    response = client.login(w.cor).post(
        _url(w, "/gebieden"), {"name": " Esdoornstraat ", "kind": "street", "homes": "64"}
    )
    assert response.status_code == 302
    area = db.session.scalar(sa.select(OutreachArea).where(OutreachArea.name == "Esdoornstraat"))
    assert (area.neighbourhood_id, area.kind, area.homes) == (w.hood.id, "street", 64)
    assert _audits("outreach_area.created")[0].data["homes"] == "64"


def test_an_area_without_homes_is_allowed_and_has_no_rate(client, w):
    client.login(w.cor).post(_url(w, "/gebieden"), {"name": "Marktplein", "kind": "other", "homes": ""})
    area = db.session.scalar(sa.select(OutreachArea).where(OutreachArea.name == "Marktplein"))
    assert area.homes is None


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"name": ""}, "Vul de naam van de straat of flat in."),
        ({"name": "\u200b"}, "Een naam moet letters of cijfers bevatten."),
        ({"name": "x" * 101}, "Gebruik hoogstens 100 tekens."),
        ({"name": "flat zonnehof"}, "Deze buurt heeft al een gebied met deze naam."),
        ({"kind": "kasteel"}, "Kies een straat, een flat of een ander gebied."),
        ({"homes": "0"}, "Vul een aantal woningen van 1 tot 100.000 in"),
        ({"homes": "honderd"}, "Vul een aantal woningen van 1 tot 100.000 in"),
        ({"homes": "100001"}, "Vul een aantal woningen van 1 tot 100.000 in"),
    ],
)
def test_a_bad_area_gets_a_message_and_changes_nothing(client, w, data, message):
    response = client.login(w.cor).post(
        _url(w, "/gebieden"), {"name": "Lindelaan", "kind": "flat", "homes": "50"} | data
    )
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    assert _count(OutreachArea) == 1 and _audits("outreach_area.created") == []


def test_an_area_is_changed_and_a_bad_change_is_refused(client, w):
    make_area(w.hood, "Lindelaan")
    url = f"/huisbezoeken/gebieden/{w.area.id}"
    assert 'value="120"' in _page(client, w, url)
    response = client.post(url, {"name": "Lindelaan", "kind": "flat", "homes": "150"})
    assert "Deze buurt heeft al een gebied met deze naam." in response.get_data(as_text=True)
    assert client.post(url, {"name": "Flat Zonnehof", "kind": "flat", "homes": "-4"}).status_code == 200
    db.session.refresh(w.area)
    assert (w.area.name, w.area.homes) == ("Flat Zonnehof", 120)
    assert client.post(url, {"name": "Flat Zonnehof-Noord", "kind": "flat", "homes": "150"}).status_code == 302
    db.session.refresh(w.area)
    assert (w.area.name, w.area.homes) == ("Flat Zonnehof-Noord", 150)
    assert _audits("outreach_area.updated")[0].data["homes"] == "150"


def test_a_round_entered_by_mistake_is_removed_and_the_audit_keeps_its_figures(client, w):
    entry_id = make_record(w.area, local_today(), willing=4).id
    response = client.login(w.cor).post(f"/huisbezoeken/rondes/{entry_id}/verwijderen")
    assert response.location.endswith(_url(w))
    assert _count(OutreachRecord) == 0
    (audit,) = _audits("outreach_record.deleted")
    assert audit.data["willing_to_act"] == "4" and audit.object_id == entry_id


def test_removing_a_round_asks_first(client, w):
    """Issue 24, item 15: one tap on "Verwijderen" deleted the round without a question."""
    entry_id = make_record(w.area, local_today(), willing=4).id
    page = client.login(w.cor).get(_url(w)).get_data(as_text=True)
    assert f'href="/huisbezoeken/rondes/{entry_id}/verwijderen"' in page
    assert f'action="/huisbezoeken/rondes/{entry_id}/verwijderen"' not in page
    question = client.get(f"/huisbezoeken/rondes/{entry_id}/verwijderen").get_data(as_text=True)
    assert "Ronde verwijderen?" in question and "Ja, verwijder deze ronde" in question
    assert _count(OutreachRecord) == 1


def test_unknown_ids_are_not_found(client, w):
    client.login(w.cor)
    assert client.get("/buurten/999999/huisbezoeken").status_code == 404
    assert client.get("/huisbezoeken/gebieden/999999").status_code == 404
    assert client.post("/huisbezoeken/rondes/999999/verwijderen").status_code == 404


def test_residents_and_team_members_never_see_the_records(client, w):
    client.login(make_user("Rosa Resident", w.hood))
    assert client.get(_url(w)).status_code == 403
    assert client.get("/huisbezoeken").status_code == 403


@pytest.mark.parametrize("url", ["/huisbezoeken", "{hood}", "{hood}?pagina=2"])
def test_the_pages_need_the_same_statements_for_10_and_1000_rounds(client, w, count_statements, url):
    url = url.format(hood=_url(w))
    client.login(w.cor)
    counts = []
    for extra_areas, rounds in ((1, 10), (30, 990)):
        for n in range(extra_areas):
            make_area(w.hood, f"Straat {len(counts)}-{n}", homes=50 + n)
        bulk_records(w.area, rounds, local_today(), recorded_by=w.cor)
        db.session.flush()
        with count_statements() as counter:
            assert client.get(url).status_code == 200
        counts.append(len(counter.statements))
    assert counts[0] == counts[1], counts
    assert _count(OutreachRecord) == 1000
