"""Issue 27, item 4: `flask digest send` mails each person who chose a digest one mail with
what is new, grouped by team (the team with the newest message first), newest first within
a team; nobody gets an empty one, and nothing goes out twice, when the job runs twice or
when two runs meet."""

import threading
from datetime import timedelta

import pytest
import sqlalchemy as sa

from app.core.mail import OutboxMail
from app.core.mail_preferences import Choice, MailKind, MailPreference, unsubscribe_token
from app.core.models import utcnow
from app.core.notifications import Notification, notify
from app.extensions import db
from app.mailing.digest import send_digests
from tests.factories import make_neighbourhood, make_team, make_user
from tests.live import arrange, count_rows, migrated_app
from tests.mailing.helpers import VALUES, mails_to, way_out_path

NOW = utcnow()

# A week of messages: (days ago, team, kind, the words of its text).
WEEK = [
    (7, "A", "team.join_requested", "Fenna wil meedoen met Pruimengaarde Samen"),
    (6, "B", "voucher.paid", "Het geld voor Burendag"),
    (4, None, "team.request_declined", "Pruimengaarde Samen"),
    (3, "A", "question.answered", "De sleutel"),
    (2, "B", "signup.confirmed", "U bent aangemeld voor Burendag"),
    (1, "A", "evaluation.reminder", "Burendag"),
    (0, "B", "voucher.settled", "is goedgekeurd"),
    (0, "A", "team.request_accepted", "Welkom"),
]


def _choose(user, choice: Choice) -> None:
    db.session.add_all(MailPreference(user_id=user.id, kind=kind, choice=choice) for kind in MailKind)
    db.session.flush()


def _a_week_for(user, teams: dict) -> None:
    for days, team, kind, _words in WEEK:
        message = notify(user, kind, "/account", team_id=teams[team].id if team else None, **VALUES)
        db.session.flush()
        message.created_at = NOW - timedelta(days=days, minutes=len(WEEK) - WEEK.index((days, team, kind, _words)))
    db.session.flush()


def _digest(app) -> str:
    result = app.test_cli_runner().invoke(args=["digest", "send"])
    assert result.exit_code == 0, result.output
    return result.output.strip().splitlines()[-1]


@pytest.fixture
def people():
    hood = make_neighbourhood()
    fenna, piet, sanne = make_user("Fenna Jansen", hood), make_user("Piet", hood), make_user("Sanne", hood)
    teams = {
        None: None,
        "A": make_team(hood, make_user("Tess", hood), name="Pruimengaarde Samen"),
        "B": make_team(hood, make_user("Tom", hood), name="Flat Lindelaan"),
    }
    _choose(fenna, Choice.DIGEST)
    _choose(sanne, Choice.DIGEST)  # chose it, but nothing happened for her this week
    _a_week_for(fenna, teams)
    _a_week_for(piet, teams)  # at once, as by default
    return fenna, piet, sanne


def test_a_week_of_messages_comes_as_one_mail_grouped_by_team_newest_first(app, people):
    fenna, piet, sanne = people
    assert _digest(app) == "1 digest(s) queued"
    (digest,) = mails_to(fenna.email)
    assert digest.subject == f"Uw overzicht van Buurtmakers: {len(WEEK)} nieuwe berichten"
    body = digest.body
    blocks = body.split("\n\n")
    headings = [
        block.splitlines()[0] for block in blocks if block.splitlines()[1:2] and set(block.splitlines()[1]) == {"-"}
    ]
    assert headings == ["Pruimengaarde Samen", "Flat Lindelaan", "Overige berichten"]  # by their newest message
    for team, heading in (("A", "Pruimengaarde Samen"), ("B", "Flat Lindelaan"), (None, "Overige berichten")):
        block = next(block for block in blocks if block.startswith(heading + "\n"))
        expected = [words for _days, of, _kind, words in WEEK if of == team][::-1]  # newest first
        found = [line for line in block.splitlines()[2:] if not line.startswith("    ")]
        assert len(found) == len(expected)
        assert all(words in line for words, line in zip(expected, found, strict=True)), (expected, found)
    assert way_out_path(digest) == f"/afmelden/{unsubscribe_token(fenna.id, 'digest')}"
    assert len(mails_to(piet.email)) == len(WEEK)  # Piet got each at once, and no digest
    assert mails_to(sanne.email) == []  # nothing new: no mail at all


def test_running_it_again_sends_nothing_more_and_new_messages_come_the_next_day(app, people):
    fenna, _piet, _sanne = people
    _digest(app)
    assert _digest(app) == "0 digest(s) queued"
    assert len(mails_to(fenna.email)) == 1
    notify(fenna, "voucher.settled", "/account", **VALUES)
    assert _digest(app) == "1 digest(s) queued"
    latest = mails_to(fenna.email)[-1]
    assert latest.subject == "Uw overzicht van Buurtmakers: 1 nieuw bericht"
    assert "Burendag" in latest.body and "Welkom" not in latest.body


def test_a_kind_switched_off_since_stays_out_and_nobody_gets_an_empty_mail(app, client, people):
    fenna, _piet, _sanne = people
    client.post(f"/afmelden/{unsubscribe_token(fenna.id, 'digest')}", {"List-Unsubscribe": "One-Click"}, csrf=False)
    assert set(db.session.scalars(sa.select(MailPreference.choice).where(MailPreference.user_id == fenna.id))) == {
        Choice.NEVER
    }
    assert _digest(app) == "0 digest(s) queued"
    assert mails_to(fenna.email) == []
    assert db.session.scalar(sa.select(sa.func.count()).where(Notification.digest_pending)) == 0
    assert db.session.scalar(sa.select(sa.func.count()).where(Notification.user_id == fenna.id)) == len(WEEK)


@pytest.fixture
def committed():
    with migrated_app("digest") as (app, url):
        yield app


@pytest.mark.no_db_transaction
def test_two_runs_at_once_mail_every_message_once(committed):
    app = committed

    def build():
        hood = make_neighbourhood()
        team = make_team(hood, make_user("Tess", hood), name="Pruimengaarde Samen")
        for n in range(20):
            person = make_user(f"Buur {n}", hood)
            _choose(person, Choice.DIGEST)
            for _ in range(3):
                notify(person, "voucher.settled", "/account", team_id=team.id, **VALUES)

    arrange(app, build)
    barrier, errors = threading.Barrier(2), []

    def run():
        try:
            with app.app_context():
                barrier.wait(10)
                send_digests()  # without the job's lock: the rows' own locks must hold
                db.session.commit()
                db.session.remove()
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert errors == []
    assert count_rows(app, sa.select(sa.func.count()).select_from(OutboxMail)) == 20
    assert count_rows(app, sa.select(sa.func.count(sa.distinct(OutboxMail.recipient)))) == 20
    assert count_rows(app, sa.select(sa.func.count()).where(Notification.digest_pending)) == 0
