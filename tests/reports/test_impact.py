"""The public impact page 'Wat bewoners samen doen': totals per neighbourhood (teams,
activities that took place, participants, money awarded as the Buurtbudget page counts it),
and the stories teams made public with only the photos people agreed to. For everyone,
with the same statements however many teams and stories there are."""

import re

import sqlalchemy as sa

from app.activities.models import ActivityStatus
from app.evaluations.models import Evaluation, Photo
from app.extensions import db
from app.money import ledger
from app.teams.models import Team, TeamStatus
from tests.factories import make_activity
from tests.reports.conftest import ago, page


def _row(text: str, label: str) -> list[str]:
    """A neighbourhood's card: its figures in the order of the page."""
    card = re.search(rf"<h3[^>]*>{re.escape(label)}</h3>(.*?)</dl>", text, re.S).group(1)
    return [cell.strip() for cell in re.findall(r"<dd>(.*?)</dd>", card, re.S)]


def _story(team, user, title: str, *, public=True, story="Het was gezellig.", activity_public=True, photos=()):
    activity = make_activity(team, user, status=ActivityStatus.EVALUATED, actual_participants=5)
    activity.title, activity.is_public, activity.starts_at = title, activity_public, ago(3)
    db.session.add(Evaluation(activity_id=activity.id, story=story, story_public=public))
    for n, consent in enumerate(photos):
        db.session.add(Photo(activity_id=activity.id, file_name=f"foto-{activity.id}-{n}.png", consent=consent))
    db.session.flush()
    return activity


def test_totals_per_neighbourhood(client, reports_world):
    text = page(client.get("/wat-bewoners-samen-doen"))
    assert "<h1>Wat bewoners samen doen</h1>" in text
    kruiskamp = reports_world.hoods[0]
    teams = db.session.scalar(
        sa.select(sa.func.count(Team.id)).where(
            Team.neighbourhood_id == kruiskamp.id, Team.status != TeamStatus.ARCHIVED
        )
    )
    awarded = ledger.balances(reports_world.funds[0]).awarded
    # 5 activities took place (one without a time), 43 took part; € 290 awarded, € 40 back.
    assert _row(text, "Kruiskamp (Amersfoort)") == [str(teams), "5", "43", "€ 250,00"]
    assert awarded == 250_00
    assert _row(text, "Alle buurten samen")[1:3] == ["7", "84"]


def test_the_figures_are_cards_that_fit_a_phone(client, reports_world):
    """Issue 24, item 15: a five-column table scrolled sideways on a phone."""
    text = page(client.get("/wat-bewoners-samen-doen"))
    per_hood = text[text.index('id="per-buurt"') : text.index('id="verhalen"')]
    assert "<table" not in per_hood and '<ul class="cards"' in per_hood


def test_only_public_stories_with_consented_photos(client, reports_world):
    team, user = reports_world.team_a, reports_world.trekkers[0]
    shown = _story(team, user, "Burendag", photos=(True, False))
    _story(team, user, "Geheim overleg", public=False)
    _story(team, user, "Besloten feest", activity_public=False)
    _story(team, user, "Lege terugblik", story="   ")
    text = page(client.get("/wat-bewoners-samen-doen"))
    assert "Burendag" in text and f"/activiteiten/{shown.id}" in text and team.name in text
    for hidden in ("Geheim overleg", "Besloten feest", "Lege terugblik"):
        assert hidden not in text
    consented, refused = db.session.scalars(sa.select(Photo.id).where(Photo.activity_id == shown.id).order_by(Photo.id))
    assert f"/fotos/{consented}" in text and f"/fotos/{refused}" not in text
    assert text.count('id="verhaal-') == 2  # the heading and its section: ids stay unique


def test_the_page_needs_the_same_statements_for_few_and_many(client, reports_world, count_statements):
    team, user = reports_world.team_a, reports_world.trekkers[0]
    _story(team, user, "Het eerste verhaal", photos=(True,))
    counts = []
    for round_ in range(2):
        db.session.commit()  # cached pages and values show what was committed
        with count_statements() as counter:
            assert client.get("/wat-bewoners-samen-doen").status_code == 200
        counts.append(len(counter.statements))
        for n in range(8):
            _story(team, user, f"Verhaal {round_}-{n}", photos=(True, True))
    assert counts[0] == counts[1], counts
