"""Erasure reaches every text others wrote about the person: a team's description, a public
story, a decision's motivation, and the messages and mails that name her by her first name.
Pages a visitor had in the cache show her no longer either."""

from datetime import timedelta

import sqlalchemy as sa

from app.activities.models import Activity, ActivityStatus
from app.core.mail import OutboxMail
from app.core.models import utcnow
from app.evaluations import services as evaluations
from app.extensions import db
from app.money.requests.models import Advice, Outcome
from app.money.review import services as review
from app.privacy.erasure import ERASED_NAME
from app.privacy.registry import gaps
from app.teams import services as teams
from tests.conftest import Client
from tests.factories import PASSWORD, make_user
from tests.privacy.test_erasure import _found_anywhere
from tests.vouchers_review.conftest import advise_twice, page, w  # noqa: F401 - w is a fixture

FENNA, ADDRESS = "Fenna Peters", "fenna@example.org"
NAMED = f"{FENNA} ({ADDRESS})"


def _public_story(w, text: str) -> Activity:  # noqa: F811
    activity = db.session.get(Activity, w.request.activity_id)
    activity.is_public, activity.status, activity.starts_at = True, ActivityStatus.DONE, utcnow() - timedelta(days=2)
    details = {"participants": 12, "new_contacts": 3, "went_well": "", "could_be_better": "", "story_public": True}
    evaluations.save_evaluation(w.trekker, w.team, activity, details | {"story": text})
    return activity


def test_after_erasure_no_public_page_message_or_mail_names_her(app, client, w):  # noqa: F811
    fenna = make_user(FENNA, w.hood, email=ADDRESS)
    client.login(fenna).post(f"/teams/{w.team.id}/aanmelden", {"message": ""})  # "Fenna wil meedoen"
    team = w.team
    teams.update_team(w.trekker, team, team.name, team.area, team.themes, team.question, f"Samen met {NAMED}.")
    activity = _public_story(w, f"{NAMED} bakte taart voor de hele straat.")
    advise_twice(w, Advice.LOWER, 150_00, "De verf kan goedkoper")
    review.decide(w.chair, w.request, Outcome.PARTLY_AWARDED, 150_00, f"{FENNA} heeft al verf over.")
    pages = (
        f"/teams/{team.id}",
        f"/activiteiten/{activity.id}",
        "/wat-bewoners-samen-doen",
        f"/buurtbudget/{w.fund.id}",
    )
    visitor = Client(app.test_client())
    for url in pages:  # the visitor's view, now also in the cache
        assert FENNA in page(visitor.get(url)), url
    search = f"/buurten/{w.hood.id}/teams?q=fenna"
    assert team.name in page(visitor.get(search))

    erased = client.login(fenna).post("/account/verwijderen", {"password": PASSWORD, "understood": "y"})
    assert erased.status_code == 302

    for url in pages:
        text = page(visitor.get(url))
        assert "Fenna" not in text and ADDRESS not in text, url
    assert ERASED_NAME in page(visitor.get(f"/teams/{team.id}"))
    assert team.name not in page(visitor.get(search))
    messages = page(client.login(w.trekker).get("/account/berichten"))
    assert "Fenna" not in messages and f"{ERASED_NAME} wil meedoen met {team.name}" in messages
    mails = db.session.execute(sa.select(OutboxMail.subject, OutboxMail.body)).all()
    assert mails and not [mail for mail in mails if "Fenna" in mail.subject + mail.body]
    assert _found_anywhere("Fenna", ADDRESS) == []


def test_the_first_name_goes_as_a_whole_word_in_texts_about_her_only(client, w):  # noqa: F811
    """Bas asks to join: the message about him loses "Bas", not the "Bas" in "Basisschool";
    a text not about him keeps the word (another Bas may be meant)."""
    bas = make_user("Bas Bakker", w.hood)
    team = w.team
    teams.update_team(w.trekker, team, "Basisschool De Linde", team.area, team.themes, team.question, "Bas helpt mee.")
    client.login(bas).post(f"/teams/{team.id}/aanmelden", {"message": ""})
    client.post("/account/verwijderen", {"password": PASSWORD, "understood": "y"})

    messages = page(client.login(w.trekker).get("/account/berichten"))
    assert f"{ERASED_NAME} wil meedoen met Basisschool De Linde" in messages
    db.session.expire_all()
    assert team.description == "Bas helpt mee."


def test_a_free_text_column_that_is_neither_scrubbed_nor_explained_is_reported():
    throwaway = sa.MetaData()
    sa.Table(
        "team",
        throwaway,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("description", sa.Text),  # scrubbed
        sa.Column("motto", sa.Text),
        sa.Column("slogan", sa.String(300)),
        sa.Column("code", sa.String(20)),  # short: a code, not a text
    )
    sa.Table("poster", throwaway, sa.Column("id", sa.Integer, primary_key=True), sa.Column("text", sa.Text))
    assert gaps(throwaway, complete=False) == [
        "poster.text (free text: scrub it or say why not)",
        "team.motto (free text: scrub it or say why not)",
        "team.slogan (free text: scrub it or say why not)",
    ]
