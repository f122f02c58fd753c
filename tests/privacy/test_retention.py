"""`flask privacy purge` with the clock set forward: for each rule, rows just past the period
go (or change) and rows just inside it stay; a second run at the same time changes nothing
in any table."""

import secrets
from datetime import UTC, date, datetime, time, timedelta

import pytest
import sqlalchemy as sa

from app.accounts.models import User
from app.activities.models import ActivityStatus
from app.core.audit import AuditEntry
from app.core.mail import OutboxMail
from app.core.models import Base, utcnow
from app.evaluations import images
from app.evaluations.models import Photo
from app.extensions import db
from app.money.models import LedgerEntry
from app.money.requests.models import Accountability, Assessment, Decision, Receipt, RequestStatus, VoucherRequest
from app.privacy.retention import AUDIT_KEPT_DETAILS, months_before, purge
from app.signups.models import SignUp, SignUpStatus
from app.teams.models import MembershipState
from tests.factories import add_member, make_activity, make_neighbourhood, make_team, make_user
from tests.vouchers.helpers import png
from tests.vouchers_review.conftest import bring_to, w  # noqa: F401 - w is a fixture

MINUTE = timedelta(minutes=1)


def snapshot() -> dict[str, list[tuple]]:
    """Every row of every table, so that "nothing else changed" means nothing."""
    return {
        table.name: sorted(map(tuple, db.session.execute(sa.select(table))), key=repr)
        for table in Base.metadata.sorted_tables
    }


def purge_twice(now: datetime) -> dict[str, int]:
    """Run the purge at `now`, then again: the second run must find nothing to do."""
    done = purge(now)
    db.session.expire_all()
    before = snapshot()
    again = purge(now)
    db.session.expire_all()
    assert set(again.values()) == {0}, again
    assert snapshot() == before
    return {label: count for label, count in done.items() if count}


def months_after(moment: datetime, months: int) -> datetime:
    """The inverse of months_before for the days every month has."""
    index = moment.year * 12 + moment.month - 1 + months
    return moment.replace(year=index // 12, month=index % 12 + 1)


@pytest.fixture
def hood():
    return make_neighbourhood("Kruiskamp")


@pytest.fixture
def activity(hood):
    trekker = make_user("Tess Trekker", hood)
    activity = make_activity(make_team(hood, trekker), trekker, status=ActivityStatus.PLANNED)
    activity.is_public, activity.starts_at = True, utcnow() + timedelta(days=3)
    activity.ends_at = activity.starts_at + timedelta(hours=2)
    db.session.flush()
    return activity


def sign_up(activity, name: str, status=SignUpStatus.CONFIRMED, user=None, **kw) -> SignUp:
    row = SignUp(
        activity_id=activity.id,
        user_id=user.id if user else None,
        name=name,
        email=user.email if user else f"{name.lower()}@bezoeker.example",
        status=status,
        token=secrets.token_urlsafe(24),
        **kw,
    )
    db.session.add(row)
    db.session.flush()
    return row


def names(model, column, *where) -> set:
    return set(db.session.scalars(sa.select(column).where(*where)))


def test_a_visitor_sign_up_nobody_confirmed_goes_after_48_hours(app, activity):
    now = utcnow() + timedelta(days=1)
    limit = timedelta(hours=app.config["RETENTION_UNCONFIRMED_SIGNUP_HOURS"])
    sign_up(activity, "Oud", SignUpStatus.PENDING, created_at=now - limit - MINUTE)
    sign_up(activity, "Vers", SignUpStatus.PENDING, created_at=now - limit + MINUTE)
    sign_up(activity, "Bevestigd", created_at=now - limit - timedelta(days=5))

    assert purge_twice(now) == {"unconfirmed visitor sign-ups deleted": 1}
    assert names(SignUp, SignUp.name) == {"Vers", "Bevestigd"}


def test_a_visitor_sign_up_goes_a_month_after_the_activity_and_a_residents_stays(app, activity, hood):
    sign_up(activity, "Bezoeker")
    sign_up(activity, "Bewoner", user=make_user("Bea Bewoner", hood))
    after = activity.ends_at + timedelta(days=app.config["RETENTION_VISITOR_SIGNUP_DAYS"])

    assert purge_twice(after - MINUTE) == {}
    assert purge_twice(after + MINUTE) == {"visitor sign-ups deleted": 1}
    assert names(SignUp, SignUp.name) == {"Bewoner"}


def test_a_sent_mail_goes_a_month_after_sending_and_an_unsent_one_stays(app):
    now = utcnow() + timedelta(days=60)
    limit = timedelta(days=app.config["RETENTION_SENT_MAIL_DAYS"])
    for subject, sent_at in (("oud", now - limit - MINUTE), ("vers", now - limit + MINUTE), ("wacht", None)):
        db.session.add(OutboxMail(recipient="a@b.example", subject=subject, body="Hallo", sent_at=sent_at))
    db.session.flush()

    assert purge_twice(now) == {"sent mails deleted": 1}
    assert names(OutboxMail, OutboxMail.subject) == {"vers", "wacht"}


def test_an_account_never_activated_goes_when_its_link_expired(app, hood):
    now = utcnow() + timedelta(days=30)
    limit = timedelta(days=app.config["RETENTION_UNACTIVATED_ACCOUNT_DAYS"])
    make_user("Oud Onbevestigd", hood, email_confirmed_at=None, created_at=now - limit - MINUTE)
    make_user("Vers Onbevestigd", hood, email_confirmed_at=None, created_at=now - limit + MINUTE)
    make_user("Al Actief", hood, created_at=now - limit - MINUTE)

    assert purge_twice(now) == {"unactivated accounts deleted": 1}
    assert names(User, User.name) == {"Vers Onbevestigd", "Al Actief"}


def test_an_unactivated_account_someone_acted_for_is_erased_instead_of_deleted(app, hood):
    now = utcnow() + timedelta(days=30)
    limit = timedelta(days=app.config["RETENTION_UNACTIVATED_ACCOUNT_DAYS"])
    resident = make_user("Oud Onbevestigd", hood, email_confirmed_at=None, created_at=now - limit - MINUTE)
    add_member(make_team(hood, make_user("Tess Trekker", hood)), resident, state=MembershipState.REQUESTED)

    assert purge_twice(now) == {"unactivated accounts deleted": 1}
    assert "Oud Onbevestigd" not in names(User, User.name)
    assert db.session.get(User, resident.id).erased_at is not None


def warning_mails(user) -> int:
    return db.session.scalar(
        sa.select(sa.func.count()).where(OutboxMail.recipient == user.email, OutboxMail.subject.contains("verwijderd"))
    )


def test_an_inactive_account_is_warned_once_then_erased_after_the_grace_period(app, hood):
    seen = utcnow()
    idle = make_user("Ina Inactief", hood, last_seen_at=seen)
    later = make_user("Lea Later", hood, last_seen_at=seen + 2 * MINUTE)
    warned_at = months_after(seen, app.config["RETENTION_INACTIVE_ACCOUNT_MONTHS"]) + MINUTE

    assert purge_twice(warned_at) == {"inactive accounts warned": 1}
    assert idle.inactivity_warned_at == warned_at and later.inactivity_warned_at is None
    assert warning_mails(idle) == 1
    grace = timedelta(days=app.config["RETENTION_INACTIVE_WARNING_DAYS"])
    body = db.session.scalar(sa.select(OutboxMail.body).where(OutboxMail.recipient == idle.email))
    assert "Log dan voor die dag in" in body

    assert purge_twice(warned_at + grace - MINUTE) == {"inactive accounts warned": 1}  # Lea's turn
    assert warning_mails(idle) == 1 and idle.erased_at is None
    assert purge_twice(warned_at + grace + MINUTE)["inactive accounts erased"] == 1
    assert idle.erased_at is not None and later.erased_at is None


def test_logging_in_after_the_warning_keeps_the_account(app, hood, client):
    seen = utcnow()
    user = make_user("Ina Inactief", hood, last_seen_at=seen)
    warned_at = months_after(seen, app.config["RETENTION_INACTIVE_ACCOUNT_MONTHS"]) + MINUTE
    purge(warned_at)
    assert user.inactivity_warned_at is not None

    assert client.login(user).get("/").status_code == 200
    db.session.expire_all()
    assert user.inactivity_warned_at is None
    assert user.last_seen_at > seen

    purge(warned_at + timedelta(days=app.config["RETENTION_INACTIVE_WARNING_DAYS"] + 1))
    assert user.erased_at is None


def test_the_last_seen_date_is_written_once_a_day(hood, client, count_statements):
    user = make_user("Vera Vandaag", hood, last_seen_at=utcnow() - timedelta(days=1))
    client.login(user)
    with count_statements() as first:
        client.get("/")
    with count_statements() as second:
        client.get("/")
    updates = [s for s in first.statements if s.lstrip().upper().startswith("UPDATE")]
    assert len(updates) == 1 and "last_seen_at" in updates[0]
    assert not [s for s in second.statements if s.lstrip().upper().startswith("UPDATE")]
    db.session.expire_all()
    assert user.last_seen_at.date() == utcnow().date()


def test_an_audit_entry_loses_who_and_personal_details_after_the_period(app, hood):
    actor = make_user("Cor Coördinator", hood)
    now = utcnow() + timedelta(days=1)
    cutoff = months_before(now, app.config["RETENTION_AUDIT_MONTHS"])
    details = {"status": "active", "ip": "192.0.2.7", "name": "Anna de Boer", "reason": "Anna vroeg het"}
    for action, at in (("team.old", cutoff - MINUTE), ("team.new", cutoff + MINUTE)):
        entry = AuditEntry(at=at, actor_id=actor.id, action=action, object_type="team", object_id=1, data=details)
        entry.origin = "192.0.2.7"
        db.session.add(entry)
    db.session.flush()
    assert "status" in AUDIT_KEPT_DETAILS

    assert purge_twice(now) == {"audit entries pseudonymised": 1}
    rows = {
        e.action: (e.actor_id, e.origin, e.data)
        for e in db.session.scalars(sa.select(AuditEntry).where(AuditEntry.action.like("team.%")))
    }
    assert rows == {"team.old": (None, None, {"status": "active"}), "team.new": (actor.id, "192.0.2.7", details)}


def financial_people(request_id: int) -> tuple:
    return (
        db.session.scalar(sa.select(VoucherRequest.created_by_id).where(VoucherRequest.id == request_id)),
        set(db.session.scalars(sa.select(Decision.decided_by_id).where(Decision.request_id == request_id))),
        db.session.execute(
            sa.select(Accountability.submitted_by_id, Accountability.reviewed_by_id).where(
                Accountability.request_id == request_id
            )
        ).one_or_none(),
        set(db.session.scalars(sa.select(Receipt.uploaded_by_id).where(Receipt.request_id == request_id))),
        set(db.session.scalars(sa.select(Assessment.user_id).where(Assessment.request_id == request_id))),
    )


def test_financial_records_are_anonymised_seven_years_after_the_fund_year(app, w):  # noqa: F811
    w.fund.period_end = date(utcnow().year + 1, 3, 1)
    request = bring_to(w, RequestStatus.SETTLED)
    db.session.flush()
    ledger = sorted(map(tuple, db.session.execute(sa.select(LedgerEntry.__table__))))
    people = financial_people(request.id)
    assert people[0] == w.trekker.id and w.chair.id in people[4]
    years = app.config["RETENTION_FINANCIAL_YEARS"]
    last_day = datetime.combine(w.fund.period_end.replace(year=w.fund.period_end.year + years), time(23), UTC)

    # Seven years on, the other rules have their own work (warnings, the audit): not counted here.
    assert "financial records anonymised" not in purge_twice(last_day)
    assert financial_people(request.id) == people
    assert purge_twice(last_day + timedelta(days=1))["financial records anonymised"] == 7
    assert financial_people(request.id) == (None, {None}, (None, None), {None}, set())
    # The money is exactly as it was.
    assert sorted(map(tuple, db.session.execute(sa.select(LedgerEntry.__table__)))) == ledger
    assert db.session.scalar(sa.select(VoucherRequest.awarded_cents).where(VoucherRequest.id == request.id)) == 200_00


def test_the_command_prints_what_each_rule_did(app):
    result = app.test_cli_runner().invoke(args=["privacy", "purge"])
    assert result.exit_code == 0, result.output
    assert "0 sent mails deleted" in result.output and "0 financial records anonymised" in result.output


def test_an_account_whose_erasure_fails_leaves_the_others_erased_and_every_file_in_place(app, storage, hood):
    """One item failing (here the database refuses one account's erasure, as a full disk or a
    bug would) rolls back that item alone: the accounts before and after it are erased and
    their photos gone, its own rows and photo stay together, and the run says it failed."""
    now, grace = utcnow(), timedelta(days=app.config["RETENTION_INACTIVE_WARNING_DAYS"])
    warned_at = now - grace - timedelta(days=1)
    people = [
        make_user(name, hood, last_seen_at=warned_at - timedelta(days=800), inactivity_warned_at=warned_at)
        for name in ("Ina Inactief", "Olle Oud", "Ukkie Uit")
    ]
    trekker = make_user("Tess Trekker", hood)
    activity = make_activity(make_team(hood, trekker), trekker, status=ActivityStatus.DONE)
    photos = [
        Photo(activity_id=activity.id, uploaded_by_id=person.id, file_name=images.store(png(), ".png"))
        for person in people
    ]
    db.session.add_all(photos)
    db.session.flush()
    kept = [(person.id, photo.id, photo.file_name) for person, photo in zip(people, photos, strict=True)]
    failing = people[1].id
    db.session.execute(sa.text(FAILING_ERASURE.format(user_id=failing)))

    result = app.test_cli_runner().invoke(args=["privacy", "purge"])
    assert result.exit_code == 1
    assert "2 inactive accounts erased" in result.output and "1 failed, rolled back alone" in result.output
    db.session.expire_all()
    for user_id, photo_id, file_name in kept:
        erased = user_id != failing
        assert (db.session.get(User, user_id).erased_at is not None) is erased
        assert (db.session.get(Photo, photo_id) is None) is erased
        assert (images.read(file_name) is None) is erased


# A trigger that refuses to erase one account: the database's own failure, within the test's
# transaction (rolled back with it).
FAILING_ERASURE = """
CREATE FUNCTION refuse_erasure() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION 'no space left on device'; END $$;
CREATE TRIGGER refuse_erasure BEFORE UPDATE ON "user" FOR EACH ROW
WHEN (OLD.id = {user_id} AND NEW.erased_at IS NOT NULL) EXECUTE FUNCTION refuse_erasure();
"""
