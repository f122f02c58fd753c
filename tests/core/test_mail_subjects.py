"""Issue 23, finding 4: a subject built from people's text was longer than its column, so on
PostgreSQL a payout, a helpdesk question, a sign-up, a cancellation and a join request
answered 500. Every kind of mail is built here from the longest inputs the forms allow."""

from datetime import timedelta

import pytest
import sqlalchemy as sa

from app.activities.models import Activity, ActivityStatus
from app.core.mail import OutboxMail
from app.core.models import utcnow
from app.core.notifications import _TEXTS, notify
from app.extensions import db
from app.signups.services import sign_up_visitor
from tests.factories import make_activity, make_neighbourhood, make_team, make_user
from tests.vouchers_review.conftest import awarded, w  # noqa: F401 - w is a fixture

SUBJECT_MAX = OutboxMail.__table__.c.subject.type.length


def longest(words: str, length: int) -> str:
    """Text of exactly `length` characters, in words, as a person might type it."""
    return (words * (length // len(words) + 1))[:length]


TITLE = longest("Groot buurtfeest op het plein ", 150)  # activity titles hold 150
NAME = longest("Johanna Wilhelmina van den Berg ", 100)  # names of people and teams hold 100
SUBJECT = longest("Vraag over de sleutel van het buurthuis ", 200)  # helpdesk subjects hold 200
REASON = longest("Het stormt.\nDe tent kan niet op. ", 1000)  # cancellation reasons hold 1000
COMMENT = longest("De bon van de bakker ontbreekt.\n", 4000)  # a coordinator's comment holds 4000
# The values every kind of message is given: each takes those it names.
VALUES = {
    "title": TITLE,
    "activity": TITLE,
    "team": NAME,
    "name": NAME,
    "coordinator": NAME,
    "subject": SUBJECT,
    "reason": REASON,
    "comment": COMMENT,
    "motivation": COMMENT,
    "outcome": "awarded",
    "amount": 9_999_999_99,
    "day": "31-12-2026",
    "erase_on": "2026-12-31",
    "days": 9999,
}


def subjects_of(recipient: str) -> list[str]:
    return list(
        db.session.scalars(
            sa.select(OutboxMail.subject).where(OutboxMail.recipient == recipient).order_by(OutboxMail.id)
        )
    )


def assert_fits(subject: str) -> None:
    assert len(subject) <= SUBJECT_MAX and subject == " ".join(subject.split())


@pytest.fixture
def long_world():
    hood = make_neighbourhood()
    tess = make_user(NAME, hood)
    team = make_team(hood, tess, name=NAME)
    activity = make_activity(team, tess, status=ActivityStatus.PLANNED)
    activity.title, activity.is_public, activity.capacity = TITLE, True, 1
    activity.starts_at = utcnow() + timedelta(days=7)
    db.session.flush()
    return team, tess, activity


def test_every_kind_of_mail_from_the_longest_inputs_is_stored_and_sent(app, relay, long_world):
    inbox = relay("starttls")
    reader = make_user(NAME, email="lezer@example.org")
    assert len(_TEXTS) >= 25  # every kind of message the features registered
    for kind in sorted(_TEXTS):
        notify(reader, kind, "/teams/1", **VALUES)
        db.session.flush()  # on PostgreSQL a subject too long for its column failed right here
    _team, _tess, activity = long_world
    sign_up_visitor(activity, NAME, "bezoeker@example.org")  # the confirmation mail a visitor gets
    db.session.flush()

    subjects = subjects_of("lezer@example.org") + subjects_of("bezoeker@example.org")
    assert len(subjects) == len(_TEXTS) + 1
    for subject in subjects:
        assert_fits(subject)
    assert any(subject.endswith("…") for subject in subjects)
    result = app.test_cli_runner().invoke(args=["outbox", "send"])
    assert result.output.strip() == f"{len(subjects)} mail(s) sent, 0 failed"
    # (the mail library's folding of a long non-ASCII header may double a space on the way)
    assert [" ".join(subject.split()) for subject in inbox.subjects] == subjects


def test_a_waitlisted_sign_up_and_a_cancellation_with_a_long_reason(client, long_world):
    team, tess, activity = long_world
    first, second = make_user("Ali", email="ali@example.org"), make_user("Bo", email="bo@example.org")
    assert client.login(first).post(f"/activiteiten/{activity.id}/aanmelden").status_code == 302
    assert client.login(second).post(f"/activiteiten/{activity.id}/aanmelden").status_code == 302  # waitlisted
    response = client.login(tess).post(f"/teams/{team.id}/activiteiten/{activity.id}/afzeggen", {"reason": REASON})
    assert response.status_code == 302
    assert db.session.get(Activity, activity.id).status == ActivityStatus.CANCELLED
    for subject in subjects_of("ali@example.org") + subjects_of("bo@example.org"):
        assert_fits(subject)
    assert subjects_of("bo@example.org")[0].startswith(TITLE[:100].strip())  # "... is vol. U staat op de wachtlijst."


def test_a_long_helpdesk_question_and_a_join_request_with_long_names(client, long_world):
    team, tess, _activity = long_world
    coordinator = make_user("Cor", is_coordinator=True, email="cor@example.org")
    response = client.login(tess).post(
        f"/teams/{team.id}/vragen/stellen", {"subject": SUBJECT, "body": "Wie weet het?"}
    )
    assert response.status_code == 302
    (asked,) = subjects_of(coordinator.email)
    assert_fits(asked) and asked.endswith("…")

    joiner = make_user(NAME, email="joiner@example.org")
    assert client.login(joiner).post(f"/teams/{team.id}/aanmelden", {"message": "Ik doe mee"}).status_code == 302
    (requested,) = subjects_of(tess.email)
    assert_fits(requested) and requested.startswith(NAME.strip())


def test_a_payout_for_an_activity_with_a_long_title(client, w):  # noqa: F811
    db.session.get(Activity, w.request.activity_id).title = TITLE
    request = awarded(w)
    response = client.login(w.coordinator).post(f"/vouchers/{request.id}/uitbetalen")
    assert response.status_code == 302
    assert_fits(subjects_of(w.trekker.email)[-1])
