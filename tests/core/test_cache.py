"""Issue 16, item 3: public pages are cached for anonymous visitors, answered with 304 while
the browser's copy is current, and an edit shows on the very next request: through a route,
through the ORM, or through a bulk UPDATE. Logged-in pages are never cached."""

import re
import time
from datetime import timedelta

import pytest
import sqlalchemy as sa

from app.accounts.models import User, new_session_token
from app.accounts.passwords import hash_password
from app.activities.models import Activity, ChecklistItem
from app.coaching import services as coaching
from app.coaching.models import NoteKind
from app.core import cache as cache_module
from app.core.models import utcnow
from app.core.timezone import local_today
from app.extensions import db
from app.helpdesk import services as helpdesk
from app.places.models import Neighbourhood
from app.privacy.erasure import erase_account
from tests.agenda.helpers import make_public_activity
from tests.factories import make_neighbourhood, make_team, make_template, make_user


@pytest.fixture
def team():
    hood = make_neighbourhood("Kruiskamp")
    return make_team(hood, make_user("Fatima Trekker", hood), name="Pruimengaarde Samen")


def _token(response) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', response.get_data(as_text=True)).group(1)


def test_a_second_visit_is_served_without_the_database_and_a_known_copy_gets_304(client, count_statements):
    url = f"/aanpakken/{make_template('Buurtbarbecue').slug}"
    first = client.get(url)
    assert first.status_code == 200 and "Buurtbarbecue" in first.get_data(as_text=True)
    assert first.headers["Cache-Control"] == "public, max-age=60" and "Cookie" in first.headers["Vary"]
    with count_statements() as counter:
        again = client.get(url)
        known = client.get(url, headers={"If-None-Match": first.headers["ETag"]})
    assert again.get_data() == first.get_data()
    assert known.status_code == 304 and known.get_data() == b""
    assert counter.statements == []


def test_every_visitor_gets_the_same_page_and_the_form_on_its_own_page(app, client, team):
    """Issue 28, item 1: the cached page held a form, so each visitor got a session and a
    token of their own. The page is now the same bytes for all; the sign-up form is on its
    own page, which does make a session, and its token works."""
    url = f"/activiteiten/{make_public_activity(team, 'Soep koken').id}"
    one, two = client, type(client)(app.test_client())
    first, second = one.get(url), two.get(url)
    assert first.headers["ETag"] == second.headers["ETag"] and first.get_data() == second.get_data()
    assert "Set-Cookie" not in first.headers and "Set-Cookie" not in second.headers
    form = two.get(f"{url}/aanmelden")
    assert "Set-Cookie" in form.headers and "public" not in form.headers["Cache-Control"]
    answer = two.post(
        f"{url}/aanmelden", csrf=False, data={"csrf_token": _token(form), "name": "Bea", "email": "bea@example.org"}
    )
    assert answer.status_code == 302


def _bulk_retitle(template, team, activity):
    db.session.execute(sa.update(Activity).where(Activity.id == activity.id).values(title=NEW))


NEW = "Straatfeest in de zomer"
EDITS = {
    "template": (lambda template, team, activity: setattr(template, "name", NEW), ["template", "library"]),
    "team": (lambda template, team, activity: setattr(team, "name", NEW), ["team", "activity"]),
    "activity": (lambda template, team, activity: setattr(activity, "title", NEW), ["team", "agenda", "activity"]),
    "bulk update": (_bulk_retitle, ["team", "agenda", "activity"]),
}


@pytest.mark.parametrize("what", EDITS)
def test_an_edit_shows_on_the_next_anonymous_request(client, team, what):
    template = make_template("Buurtbarbecue")
    activity = make_public_activity(team, "Soep koken")
    pages = {
        "template": f"/aanpakken/{template.slug}",
        "library": "/aanpakken",
        "team": f"/teams/{team.id}",
        "agenda": "/agenda",
        "activity": f"/activiteiten/{activity.id}",
    }
    before = {name: client.get(url) for name, url in pages.items()}
    assert all(response.status_code == 200 for response in before.values())
    edit, shown_on = EDITS[what]
    edit(template, team, activity)
    db.session.commit()
    for name in shown_on:
        after = client.get(pages[name], headers={"If-None-Match": before[name].headers["ETag"]})
        assert after.status_code == 200 and NEW in after.get_data(as_text=True), name


def test_a_logged_in_page_is_never_cached(client, team):
    member = make_user("Bea Lid")
    client.login(member)
    response = client.get(f"/teams/{team.id}")
    assert response.headers["Cache-Control"] == "no-store" and "ETag" not in response.headers
    team.name = "Nieuwe naam"
    db.session.commit()
    assert "Nieuwe naam" in client.get(f"/teams/{team.id}").get_data(as_text=True)


def test_a_page_with_a_message_for_this_visitor_is_neither_served_from_nor_put_in_the_cache(client, team):
    template = make_template("Buurtbarbecue")
    client.get(f"/aanpakken/{template.slug}")
    with client.http.session_transaction() as session:
        session["_flashes"] = [("info", "Alleen voor u")]
    assert "Alleen voor u" in client.get(f"/aanpakken/{template.slug}").get_data(as_text=True)
    assert "Alleen voor u" not in client.get(f"/aanpakken/{template.slug}").get_data(as_text=True)


def test_a_change_no_page_shows_keeps_the_cached_page(client, team, count_statements):
    trekker = db.session.scalar(sa.select(User).where(User.name == "Fatima Trekker"))
    url = f"/teams/{team.id}"
    client.get(url)
    trekker.last_seen_at = utcnow()  # written once a day for every resident who visits
    db.session.commit()
    with count_statements() as counter:
        client.get(url)
    assert counter.statements == []


def test_the_neighbourhood_pages_show_a_new_team_and_a_new_member_at_once(client, team):
    hood_id = team.neighbourhood_id
    pages = ["/buurten", f"/buurten/{hood_id}/teams"]
    for page in pages:
        client.get(page)
    make_team(db.session.get(Neighbourhood, hood_id), make_user("Gijs"), name="Tuin aan de Lindelaan")
    db.session.commit()
    assert "Tuin aan de Lindelaan" in client.get(f"/buurten/{hood_id}/teams").get_data(as_text=True)
    assert "2 teams" in client.get("/buurten").get_data(as_text=True)


def test_erasing_a_trekker_takes_their_name_off_the_cached_team_page(client, team):
    trekker = db.session.scalar(sa.select(User).where(User.name == "Fatima Trekker"))
    assert "Fatima" in client.get(f"/teams/{team.id}").get_data(as_text=True)
    erase_account(None, trekker, "")
    db.session.commit()
    assert "Fatima" not in client.get(f"/teams/{team.id}").get_data(as_text=True)


# --- issue 23 ---------------------------------------------------------------------------


def test_a_value_holding_a_separator_is_a_page_of_its_own(client, team):
    """Finding 7: the key was built from decoded values joined with "&", so the first URL
    stored its list under the key of the second, the month view."""
    hood = team.neighbourhood_id
    poisoned = client.get(f"/agenda?buurt={hood}&soort=party%26weergave%3Dmaand")
    real = client.get(f"/agenda?buurt={hood}&soort=party&weergave=maand")
    assert poisoned.status_code == real.status_code == 200
    assert real.headers["ETag"] != poisoned.headers["ETag"]
    assert "Vorige maand" in real.get_data(as_text=True) and "Vorige maand" not in poisoned.get_data(as_text=True)


def test_a_private_or_missing_page_is_never_answered_304(client, team):
    """Finding 8: the ETag was computed before the page's own checks, so a page that does
    not exist for visitors answered 304 to it (or to `If-None-Match: *`)."""
    private = make_public_activity(team, "Alleen voor het team", is_public=False)
    for url in (f"/activiteiten/{private.id}", "/activiteiten/999999", "/teams/999999", "/aanpakken/bestaat-niet"):
        first = client.get(url)
        assert first.status_code == 404
        for etag in filter(None, ("*", first.headers.get("ETag"))):
            assert client.get(url, headers={"If-None-Match": etag}).status_code == 404, (url, etag)


def test_what_a_visitor_does_not_see_leaves_the_etag_of_the_team_and_activity_page(client, team):
    """Finding 8: a coaching note or a helpdesk question changed the team page's ETag, which
    told anyone that a coordinator had written about the team (and a new password, that its
    trekker had changed it)."""
    trekker = db.session.scalar(sa.select(User).where(User.name == "Fatima Trekker"))
    coordinator = make_user("Cor Coördinator", is_coordinator=True)
    activity = make_public_activity(team, "Soep koken")
    db.session.commit()
    pages = [f"/teams/{team.id}", f"/activiteiten/{activity.id}"]
    etags = {url: client.get(url).headers["ETag"] for url in pages}
    coaching.add_note(coordinator, team, NoteKind.VISIT, local_today(), "Fatima twijfelt of ze doorgaat.")
    helpdesk.ask(trekker, team, "Sleutel buurthuis", "Wie heeft de sleutel?")
    db.session.add(ChecklistItem(activity_id=activity.id, position=9, title="Pannen lenen"))
    trekker.password_hash, trekker.session_token = hash_password("een nieuw wachtwoord"), new_session_token()
    db.session.commit()
    for url in pages:
        assert client.get(url, headers={"If-None-Match": etags[url]}).status_code == 304, url


def test_a_copy_kept_by_the_browser_for_hours_still_switches_language(client, team, monkeypatch):
    """Finding 16: an hour-old copy held an expired CSRF token, and the language switch (a
    form then) answered 400. The switch is a link now (issue 28): an old copy stays good."""
    first = client.get("/")
    later = time.time() + 5 * 3600
    monkeypatch.setattr(time, "time", lambda: later)
    assert client.get("/", headers={"If-None-Match": first.headers["ETag"]}).status_code == 304
    assert client.get("/taal/en?next=/").status_code == 302


def test_a_new_release_changes_every_key_and_etag(app, client, monkeypatch):
    """Finding 16: the ETag held no release, so after a deploy browsers kept the old pages
    (the home page, which names no tags, forever)."""
    urls = ["/", f"/aanpakken/{make_template('Buurtbarbecue').slug}"]
    etags = {url: client.get(url).headers["ETag"] for url in urls}
    monkeypatch.setitem(app.config, "RELEASE", "next")
    for url in urls:
        response = client.get(url, headers={"If-None-Match": etags[url]})
        assert response.status_code == 200 and response.headers["ETag"] != etags[url], url


def test_the_agenda_of_yesterday_is_not_served_today(client, team, monkeypatch):
    """What is upcoming changes at midnight without a write: a page is kept per day."""
    make_public_activity(team, "Soep koken")
    yesterday = client.get("/agenda")
    assert "Soep koken" in yesterday.get_data(as_text=True)
    monkeypatch.setattr(cache_module, "local_today", lambda: local_today() + timedelta(days=1))
    today = client.get("/agenda", headers={"If-None-Match": yesterday.headers["ETag"]})
    assert today.status_code == 200 and today.headers["ETag"] != yesterday.headers["ETag"]
