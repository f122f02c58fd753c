"""Issue 24, item 6: a form whose token expired comes back on its page with everything typed
and a fresh token, for every form of the app (one error handler); nothing is saved. A post
from another site still ends on the error page."""

import re

import pytest
import sqlalchemy as sa

from app.activities.models import Activity
from app.extensions import db
from app.helpdesk.models import QuestionMessage
from tests.factories import make_neighbourhood, make_team, make_user
from tests.helpdesk.helpers import ask, thread_url

pytestmark = pytest.mark.usefixtures("ctx")

EXPIRED = "Deze pagina stond te lang open. Er is nog niets bewaard, maar wat u invulde staat er nog"


@pytest.fixture
def expired(app, monkeypatch):
    """Every token is too old (Flask-WTF reads the limit when it checks a token)."""
    monkeypatch.setitem(app.config, "WTF_CSRF_TIME_LIMIT", -1)


@pytest.fixture
def team_and_trekker():
    hood = make_neighbourhood()
    tess = make_user("Tess", hood)
    return make_team(hood, tess), tess


def _token(page: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)


def test_an_expired_form_comes_back_with_the_input_and_a_fresh_token(
    client, app, monkeypatch, team_and_trekker, expired
):
    team, tess = team_and_trekker
    typed = {"title": "Burendag", "kind": "party", "description": "Koffie en taart in de binnentuin.", "is_public": "y"}
    response = client.login(tess).post(f"/teams/{team.id}/activiteiten/nieuw", typed)
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and EXPIRED in page
    assert 'value="Burendag"' in page and "Koffie en taart in de binnentuin.</textarea>" in page
    assert re.search(r'<option selected value="party">|<option value="party" selected>', page)
    assert re.search(r'<input[^>]* checked [^>]*id="is_public"', page)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Activity)) == 0
    # The token on the page is a fresh one: sent again (within the limit), the form is saved.
    monkeypatch.setitem(app.config, "WTF_CSRF_TIME_LIMIT", 3600)
    again = client.post(f"/teams/{team.id}/activiteiten/nieuw", typed | {"csrf_token": _token(page)}, csrf=False)
    assert again.status_code == 302
    assert db.session.scalar(sa.select(Activity.title)) == "Burendag"


def test_a_form_posted_elsewhere_comes_back_on_the_page_it_was_on(client, app, monkeypatch, team_and_trekker):
    """The reply form posts to its own address; the thread it was on comes back with it."""
    team, tess = team_and_trekker
    _response, question = ask(client, tess, team)
    monkeypatch.setitem(app.config, "WTF_CSRF_TIME_LIMIT", -1)
    thread = thread_url(question)
    response = client.post(
        f"{thread}/reageren",
        {"body": "Wij hebben nog een vraag over de bonnen."},
        headers={"Referer": f"http://localhost{thread}"},
    )
    page = response.get_data(as_text=True)
    assert EXPIRED in page and "Wij hebben nog een vraag over de bonnen.</textarea>" in page
    assert db.session.scalar(sa.select(sa.func.count()).select_from(QuestionMessage)) == 1  # the question only


def test_a_post_from_another_site_gets_the_error_page(client, team_and_trekker):
    _team, tess = team_and_trekker
    elsewhere = client.login(tess).post("/uitloggen", {}, csrf=False, headers={"Referer": "https://elders.nl/teams"})
    assert elsewhere.status_code == 400 and "Dat lukte niet" in elsewhere.get_data(as_text=True)
