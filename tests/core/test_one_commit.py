"""One commit per request (issue 28, item 5): a read commits nothing, a write commits once,
and the last-seen day is a short transaction of its own after the response."""

from datetime import timedelta

import pytest
import sqlalchemy as sa
from sqlalchemy import orm

from app.core.models import utcnow
from app.extensions import db
from tests.factories import PASSWORD, make_neighbourhood, make_team, make_user
from tests.vouchers.helpers import money_world, request_form


class Commits:
    """The transactions committed while open, each as the statements it ran: those that wrote,
    and the reads (which end with a commit of nothing, core.transactions)."""

    def __init__(self):
        self.committed: list[list[str]] = []
        self.reads: list[list[str]] = []
        self._running: list[str] = []

    def __enter__(self):
        sa.event.listen(db.engine, "before_cursor_execute", self._executed)
        sa.event.listen(orm.Session, "after_commit", self._committed)
        sa.event.listen(orm.Session, "after_soft_rollback", self._rolled_back)
        return self

    def __exit__(self, *exc):
        sa.event.remove(db.engine, "before_cursor_execute", self._executed)
        sa.event.remove(orm.Session, "after_commit", self._committed)
        sa.event.remove(orm.Session, "after_soft_rollback", self._rolled_back)

    def _executed(self, _conn, _cursor, statement, *args):
        if not statement.startswith(("SAVEPOINT", "RELEASE", "ROLLBACK")):
            self._running.append(statement)

    def _committed(self, session):
        if session.in_nested_transaction():  # a savepoint released: still the same transaction
            return
        (self.committed if _writes(self._running) else self.reads).append(self._running)
        self._running = []

    def _rolled_back(self, _session, previous):
        if not previous.nested:  # back to a savepoint: the transaction goes on, what came before stays
            self._running = []


@pytest.fixture
def hood():
    return make_neighbourhood()


@pytest.fixture
def anna(hood):
    return make_user("Anna", hood)


def _writes(transaction: list[str]) -> list[str]:
    return [s for s in transaction if s.lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))]


def test_a_read_commits_no_write(client, hood, anna):
    team = make_team(hood, anna)
    client.login(anna)
    for url in ("/", "/account", f"/teams/{team.id}", f"/teams/{team.id}/leden"):
        with Commits() as commits:
            assert client.get(url).status_code == 200
        assert commits.committed == [], url
        assert len(commits.reads) == 1, url


def test_the_first_visit_of_the_day_writes_the_last_seen_day_alone(client, anna):
    anna.last_seen_at = utcnow() - timedelta(days=1)
    with Commits() as commits:
        assert client.login(anna).get("/account").status_code == 200
    # After the page, in a transaction that holds nothing else (not even the reads of the page).
    [[update]] = commits.committed
    assert update.startswith('UPDATE "user" SET last_seen_at')


def test_a_write_commits_once(client, anna):
    other = make_neighbourhood("Liendert")
    client.login(anna)
    with Commits() as commits:
        assert client.post("/account", {"name": "Anna B", "neighbourhood_id": other.id}).status_code == 302
    # The form's page for the CSRF token is a read: the post is the only commit.
    assert len(commits.committed) == 1
    assert {s.split()[0].upper() for s in _writes(commits.committed[0])} >= {"UPDATE", "INSERT"}  # and its audit


def test_a_failed_login_commits_its_audit_entry_once(client, anna):
    with Commits() as commits:
        response = client.post("/inloggen", {"email": anna.email, "password": "niet-goed-genoeg"})
    assert response.status_code == 200
    [refusal] = commits.committed
    assert [s for s in _writes(refusal) if "audit" in s]


def test_a_login_before_activation_sends_the_mail_again_in_one_commit(client, hood):
    bram = make_user("Bram", hood, email_confirmed_at=None)
    with Commits() as commits:
        response = client.post("/inloggen", {"email": bram.email, "password": PASSWORD})
    assert "nog niet geactiveerd" in response.get_data(as_text=True)
    [resent] = commits.committed
    assert [s for s in _writes(resent) if "outbox" in s]


@pytest.mark.parametrize(
    ("rows", "motivation", "status"),
    [
        ([("food", "Koek", "25")], "Voor de buurt.", "submitted"),
        # The submit breaks a rule: its part is undone, the draft is kept, in the same commit.
        ([("food", "Koek", "25")], "", "draft"),
    ],
)
def test_the_request_forms_save_and_submit_commit_once(client, rows, motivation, status):
    world = money_world()
    client.login(world.trekker)
    with Commits() as commits:
        response = client.post(
            f"/teams/{world.team.id}/vouchers/nieuw", request_form(world, *rows, motivation=motivation, send=True)
        )
    assert response.status_code == (302 if status == "submitted" else 200)
    [transaction] = commits.committed
    writes = _writes(transaction)
    assert [s for s in writes if s.startswith("INSERT INTO voucher_request ")]
    statuses = [s for s in writes if s.startswith("UPDATE voucher_request SET status")]
    assert len(statuses) == (1 if status == "submitted" else 0)
    assert db.session.scalar(sa.text("SELECT status FROM voucher_request")) == status
