"""Issue 27 item 2: a public activity has a poster to print, with a QR code that a phone
reads as the link to the activity's public page (decoded here with a real decoder). The
one-A4 check is a browser test (tests/e2e/test_poster_story.py)."""

from datetime import timedelta

import pytest

from app.activities.models import ActivityStatus
from app.core.models import utcnow
from app.evaluations.models import Evaluation, Photo
from app.extensions import db
from tests.agenda.helpers import make_public_activity
from tests.factories import make_neighbourhood, make_team, make_user
from tests.qr import codes_on_page


@pytest.fixture
def team():
    hood = make_neighbourhood("Kruiskamp")
    return make_team(hood, make_user("Fatima", hood), name="Pruimengaarde Samen")


def test_the_poster_has_the_activitys_facts_and_a_qr_code_to_its_public_page(client, team):
    activity = make_public_activity(team, "Burendag", location="Binnentuin", description="Neem een stoel mee.")
    response = client.get(f"/activiteiten/{activity.id}/poster")
    assert response.status_code == 200
    text = response.get_data(as_text=True)
    assert codes_on_page(text) == [f"https://buurtmakers.test/activiteiten/{activity.id}"]
    for fact in ("Burendag", "Binnentuin", "Pruimengaarde Samen nodigt u uit", "Neem een stoel mee."):
        assert fact in text
    assert "https://buurtmakers.test/activiteiten/" in text  # the link in words, for who has no camera
    assert "css/poster.css" in text


def test_the_poster_shows_a_photo_only_with_consent(client, team):
    activity = make_public_activity(team, "Burendag", utcnow() - timedelta(days=3), status=ActivityStatus.EVALUATED)
    db.session.add(Evaluation(activity_id=activity.id, story="Gezellig.", story_public=True))
    hidden = Photo(activity_id=activity.id, file_name="zonder.png", consent=False)
    db.session.add(hidden)
    db.session.flush()
    text = client.get(f"/activiteiten/{activity.id}/poster").get_data(as_text=True)
    assert f"/fotos/{hidden.id}" not in text
    shown = Photo(activity_id=activity.id, file_name="met.png", consent=True)
    db.session.add(shown)
    other = make_public_activity(team, "Tweede keer", utcnow() - timedelta(days=2), status=ActivityStatus.EVALUATED)
    db.session.add(Evaluation(activity_id=other.id, story="Weer gezellig.", story_public=True))
    consented = Photo(activity_id=other.id, file_name="ook-met.png", consent=True)
    db.session.add(consented)
    db.session.flush()
    text = client.get(f"/activiteiten/{other.id}/poster").get_data(as_text=True)
    assert f'src="/fotos/{consented.id}"' in text and 'loading="eager"' in text


def test_a_cancelled_activity_says_so_on_its_poster(client, team):
    activity = make_public_activity(team, "Burendag", status=ActivityStatus.CANCELLED)
    assert "Gaat niet door" in client.get(f"/activiteiten/{activity.id}/poster").get_data(as_text=True)


def test_a_team_only_plan_has_no_poster(client, team):
    plan = make_public_activity(team, "Alleen voor ons", is_public=False)
    assert client.get(f"/activiteiten/{plan.id}/poster").status_code == 404
    assert client.get("/activiteiten/999999/poster").status_code == 404
