"""Issue 26, item 4: audit entries a BIO review accepts. Each says action, object, result,
origin (for security events and refusals), actor and time; a refused request (403) is an
entry of its own, without what the form held; admins filter the log."""

from datetime import timedelta

import pytest
import sqlalchemy as sa

from app.core.audit import DONE, REFUSED, AuditEntry
from app.core.models import utcnow
from app.core.timezone import to_local
from app.extensions import db
from tests.factories import PASSWORD, make_neighbourhood, make_team, make_user


def entries(**where) -> list[AuditEntry]:
    query = sa.select(AuditEntry).order_by(AuditEntry.id)
    for name, value in where.items():
        query = query.where(getattr(AuditEntry, name) == value)
    return list(db.session.scalars(query))


@pytest.fixture
def people(ctx):
    hood = make_neighbourhood("Kruiskamp")
    trekker = make_user("Tess Trekker", hood)
    return {
        "hood": hood,
        "team": make_team(hood, trekker, name="Pruimengaarde Samen"),
        "trekker": trekker,
        "resident": make_user("Rosa Resident", hood),
        "admin": make_user("Ada Admin", hood, is_admin=True),
    }


def test_a_refused_request_is_recorded_with_who_what_and_where_but_not_the_form(client, people):
    team, rosa = people["team"], people["resident"]
    response = client.login(rosa).post(
        f"/teams/{team.id}/bewerken",
        {"name": "Overgenomen", "question": "geheim-plan-van-rosa"},
        environ_base={"REMOTE_ADDR": "192.0.2.9"},
    )
    assert response.status_code == 403
    (entry,) = entries(result=REFUSED)
    assert (entry.action, entry.object_type, entry.object_id, entry.actor_id) == (
        "access.refused",
        "team",
        team.id,
        rosa.id,
    )
    assert entry.origin == "192.0.2.9" and entry.at > utcnow() - timedelta(minutes=1)
    assert entry.data == {"route": "teams.edit", "method": "POST"}  # nothing of what was typed
    assert "geheim" not in str(entry.data) and "Overgenomen" not in str(entry.data)


@pytest.mark.parametrize(
    ("url", "route"),
    [("/coordinatie", "coordination.dashboard"), ("/beheer/gemeenten/nieuw", "places.edit_municipality")],
)
def test_a_refusal_on_a_route_without_an_object_names_the_route(client, people, url, route):
    assert client.login(people["resident"]).get(url).status_code == 403  # the second has municipality_id=None
    (entry,) = entries(result=REFUSED)
    assert (entry.object_type, entry.object_id, entry.data["route"]) == ("route", 0, route)


def test_a_failed_login_is_refused_and_a_login_done_each_with_its_origin(client, people):
    tess = people["trekker"]
    client.post(
        "/inloggen", {"email": tess.email, "password": "fout-wachtwoord"}, environ_base={"REMOTE_ADDR": "192.0.2.1"}
    )
    client.post("/inloggen", {"email": tess.email, "password": PASSWORD})
    (failed,) = entries(action="user.login_failed")
    (done,) = entries(action="user.logged_in")
    assert (failed.result, failed.origin, failed.object_id) == (REFUSED, "192.0.2.1", tess.id)
    assert done.result == DONE and done.origin and "ip" not in done.data
    # A change of a record is done, and keeps no address: only security events do.
    assert all(e.result == DONE and e.origin is None for e in entries(object_type="team"))


def _rows(page: str) -> str:
    return page.split("<tbody>")[1].split("</tbody>")[0] if "<tbody>" in page else ""


def test_the_admin_filters_by_actor_object_result_and_period(client, people):
    team, tess, rosa, ada = people["team"], people["trekker"], people["resident"], people["admin"]
    client.login(rosa).get(f"/teams/{team.id}/bewerken")  # refused
    old = AuditEntry(actor_id=tess.id, action="team.old_change", object_type="team", object_id=team.id, data={})
    old.at = utcnow() - timedelta(days=60)
    db.session.add(old)
    db.session.flush()
    client.login(ada)
    everything = _rows(client.get("/beheer/logboek").get_data(as_text=True))
    assert "access.refused" in everything and "team.created" in everything and "team.old_change" not in everything
    refused = _rows(client.get("/beheer/logboek?resultaat=refused").get_data(as_text=True))
    assert "access.refused" in refused and "team.created" not in refused and "Rosa Resident" in refused
    by_tess = _rows(client.get("/beheer/logboek", query_string={"wie": "tess"}).get_data(as_text=True))
    assert "team.created" in by_tess and "access.refused" not in by_tess
    about_team = _rows(client.get(f"/beheer/logboek?soort=team&nummer={team.id}").get_data(as_text=True))
    assert "team.created" in about_team and "user.logged_in" not in about_team
    # The period is in local days: late in the evening UTC's date is already tomorrow here.
    day = to_local(old.at).date().isoformat()
    then = _rows(client.get(f"/beheer/logboek?van={day}&tot={day}").get_data(as_text=True))
    assert "team.old_change" in then and "team.created" not in then


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ({"van": "gisteren"}, "Vul een datum in, bijvoorbeeld 1-12-2026."),
        ({"van": "0001-01-01"}, "Deze datum kan niet."),
        ({"tot": "9999-12-31"}, "Deze datum kan niet."),
        ({"van": "2026-12-05", "tot": "2026-12-01"}, "De einddatum ligt voor de begindatum."),
        ({"nummer": "-4"}, "Vul een nummer van 1 of meer in."),
        ({"nummer": "99999999999999999999"}, "Vul een nummer van 1 of meer in."),
        ({"soort": "wachtwoord"}, "Kies uit de lijst."),
        ({"resultaat": "misschien"}, "Kies uit de lijst."),
    ],
)
def test_a_wrong_filter_says_why_and_the_log_is_still_shown(client, people, args, message):
    page = client.login(people["admin"]).get("/beheer/logboek", query_string=args)
    assert page.status_code == 200 and message in page.get_data(as_text=True)


def test_the_log_page_needs_few_statements_however_long_the_log(client, people, count_statements):
    client.login(people["admin"])
    few = count_statements.of_page(client, "/beheer/logboek")
    team = people["team"]
    db.session.add_all(
        AuditEntry(actor_id=people["trekker"].id, action="team.edited", object_type="team", object_id=team.id, data={})
        for _ in range(60)
    )
    db.session.flush()
    assert count_statements.of_page(client, "/beheer/logboek?pagina=2") == few
