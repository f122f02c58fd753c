"""Acceptance: the public pages over the demo data show no e-mail address and no last name of
any demo user (everything after the first name), nor of the guests who signed up. Fetched
as a visitor: the impact page, the Buurtbudget pages, the agenda with every public activity
and the iCalendar feeds, the neighbourhoods, their team lists and every team page, and the
API's lists."""

import re

import pytest
import sqlalchemy as sa

from app.accounts.models import User
from app.activities.models import Activity
from app.extensions import db
from app.money.models import Fund
from app.places.models import Neighbourhood
from app.signups.models import SignUp
from app.teams.models import Team
from seeds.demo import build_demo


@pytest.fixture
def demo(app, ctx, tmp_path, monkeypatch):
    monkeypatch.setitem(app.config, "UPLOAD_FOLDER", str(tmp_path))  # the receipt and the photo
    build_demo()
    db.session.flush()


def _ids(model, *where) -> list[int]:
    return list(db.session.scalars(sa.select(model.id).where(*where).order_by(model.id)))


def public_urls() -> list[str]:
    urls = ["/", "/wat-bewoners-samen-doen", "/buurtbudget", "/agenda", "/agenda?weergave=maand", "/buurten"]
    urls += [f"/buurtbudget/{fund_id}" for fund_id in _ids(Fund)]
    for hood_id in _ids(Neighbourhood):
        urls += [f"/buurten/{hood_id}/teams", f"/buurten/{hood_id}/agenda", f"/buurten/{hood_id}/agenda.ics"]
    for team_id in _ids(Team):
        urls += [f"/teams/{team_id}", f"/teams/{team_id}/agenda.ics"]
    for activity_id in _ids(Activity, Activity.is_public):
        urls += [f"/activiteiten/{activity_id}", f"/activiteiten/{activity_id}.ics"]
    urls += ["/api/v1/activities", "/api/v1/neighbourhoods", "/api/v1/funds"]
    urls += [f"/api/v1/funds/{fund_id}/decisions" for fund_id in _ids(Fund)]
    return urls


def people() -> list[tuple[str, str]]:
    """(name, e-mail) of every demo user and every guest who signed up."""
    users = db.session.execute(sa.select(User.name, User.email)).all()
    guests = db.session.execute(sa.select(SignUp.name, SignUp.email)).all()
    return [(name, email) for name, email in [*users, *guests]]


def last_name(name: str) -> str:
    return name.split(" ", 1)[1] if " " in name else ""


def test_public_pages_show_no_email_address_and_no_last_name(client, demo):
    persons = people()
    assert len(persons) > 15 and all(last_name(name) for name, _email in persons)
    urls = public_urls()
    assert len(urls) > 20
    leaks = [leak for url in urls for leak in _leaks(client, url, persons)]
    assert leaks == []
    # The check finds what it looks for: the members page shows the trekker's full name.
    trekker = db.session.scalar(sa.select(User).where(User.email == "trekker@example.org"))
    client.login(trekker)
    team_id = _ids(Team)[0]
    members = f"/teams/{team_id}/leden"
    assert (members, trekker.name) in _leaks(client, members, persons)


def _leaks(client, url: str, persons) -> list[tuple[str, str]]:
    response = client.get(url)
    assert response.status_code == 200, url
    text = response.get_data(as_text=True)
    found = []
    for name, email in persons:
        if email.lower() in text.lower():
            found.append((url, email))
        # A whole word in the text, as written: 'Bakker' in a page, not 'bakkerij'.
        if re.search(rf"(?<!\w){re.escape(last_name(name))}(?!\w)", text):
            found.append((url, name))
    return found


def test_the_demo_story_and_its_photo_are_on_the_impact_page(client, demo):
    text = client.get("/wat-bewoners-samen-doen").get_data(as_text=True)
    assert "Zestien buren kookten samen soep" in text and "Pruimengaarde Samen" in text
    assert re.search(r'<img src="/fotos/\d+"', text)
