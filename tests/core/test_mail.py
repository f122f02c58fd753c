"""Issue 23, finding 2: one line break in a subject stopped all outgoing mail. Now a mail that
fails is marked, tried again later and given up in the end, and the mails behind it go out;
the sender reaches a relay over STARTTLS, implicit TLS or plainly, against a real SMTP server."""

import ssl
from datetime import timedelta

import pytest
import sqlalchemy as sa

from app.activities.models import ActivityStatus
from app.core.mail import OutboxMail
from app.core.models import utcnow
from app.extensions import db
from tests.factories import make_activity, make_neighbourhood, make_team, make_user


def send(app, expect_exit: int = 0) -> str:
    result = app.test_cli_runner().invoke(args=["outbox", "send"])
    assert result.exit_code == expect_exit, result.output
    return result.output


def queued(recipient: str, subject: str = "Hallo", **kw) -> OutboxMail:
    """A row as any version of the app may have left it in the outbox."""
    mail = OutboxMail(recipient=recipient, subject=subject, body="Beste buur,\n\nTot zaterdag!", **kw)
    db.session.add(mail)
    db.session.flush()
    return mail


def test_a_mail_the_library_refuses_does_not_stop_the_mails_behind_it(app, relay):
    inbox = relay("starttls")
    old = queued("ali@example.org", "Bevestig uw aanmelding voor Buurtfeest\u2028Deel twee")  # queued before the fix
    refused = queued("rob@example.org\nBcc: iedereen@example.org")  # the mail library refuses this header
    behind = [queued("cas@example.org"), queued("dee@example.org")]

    assert send(app).strip() == "3 mail(s) sent, 1 failed"
    assert inbox.recipients == ["ali@example.org", "cas@example.org", "dee@example.org"]
    assert inbox.subjects[0] == "Bevestig uw aanmelding voor Buurtfeest Deel twee"
    assert all(mail.sent_at is not None for mail in [old, *behind])
    assert refused.sent_at is None and refused.tries == 1 and refused.last_error.startswith("ValueError")
    assert refused.next_try_at > utcnow()


def test_the_activity_from_the_attack_gets_its_sign_up_mail_out(app, client, relay):
    inbox = relay("starttls")
    hood = make_neighbourhood()
    tess = make_user("Tess", hood)
    activity = make_activity(make_team(hood, tess), tess, status=ActivityStatus.PLANNED)
    # As stored before one-line fields refused line breaks.
    activity.title, activity.is_public, activity.capacity = "Buurtfeest\u2028Deel twee", True, 10
    activity.starts_at = utcnow() + timedelta(days=7)
    db.session.flush()
    for name in ("Vera", "Wim"):
        response = client.post(
            f"/activiteiten/{activity.id}/aanmelden", {"name": name, "email": f"{name.lower()}@example.org"}
        )
        assert response.status_code == 302

    assert send(app).strip() == "2 mail(s) sent, 0 failed"
    assert inbox.subjects == ["Bevestig uw aanmelding voor Buurtfeest Deel twee"] * 2
    assert inbox.recipients == ["vera@example.org", "wim@example.org"]


def test_a_failing_mail_waits_longer_each_time_and_is_given_up_after_the_set_number_of_tries(
    app, client, relay, monkeypatch
):
    monkeypatch.setitem(app.config, "OUTBOX_MAX_TRIES", 3)
    inbox = relay("starttls", refuse={"weg@example.org"})
    gone = queued("weg@example.org")
    waits = []
    for tries in (1, 2, 3):
        queued(f"buur{tries}@example.org")
        assert send(app).strip() == "1 mail(s) sent, 1 failed"
        assert gone.tries == tries and "550" in gone.last_error
        if gone.next_try_at:
            waits.append(round((gone.next_try_at - utcnow()) / timedelta(minutes=1)))
            assert send(app).strip() == "0 mail(s) sent, 0 failed"  # not due yet
            gone.next_try_at = utcnow() - timedelta(seconds=1)  # ... until its time has come
    assert waits == [5, 10]
    assert gone.gave_up_at is not None and gone.next_try_at is None
    assert send(app).strip() == "0 mail(s) sent, 0 failed"  # given up: never tried again
    assert inbox.recipients == ["buur1@example.org", "buur2@example.org", "buur3@example.org"]

    listing = app.test_cli_runner().invoke(args=["outbox", "failed"]).output
    assert f"#{gone.id} to weg@example.org" in listing and "3 tries, given up" in listing
    assert "550" in listing and listing.strip().endswith("1 failed mail(s)")
    admin = make_user("Beheer", is_admin=True)
    page = client.login(admin).get("/beheer/gebruikers").get_data(as_text=True)
    assert "1 mail kon niet worden verstuurd." in page


@pytest.mark.parametrize(("security", "login"), [("starttls", True), ("tls", True), ("none", False)])
def test_the_sender_reaches_the_relay_the_municipality_has(app, relay, security, login):
    inbox = relay(security, login=login)
    queued("ali@example.org", "Welkom")
    assert send(app).strip() == "1 mail(s) sent, 0 failed"
    assert inbox.subjects == ["Welkom"] and inbox.messages[0]["From"] == app.config["MAIL_SENDER"]
    assert inbox.logins == (["buurtmakers"] if login else [])


@pytest.mark.parametrize(
    ("start", "error"),
    [
        ({"security": "starttls", "trust": False}, ssl.SSLCertVerificationError),  # a certificate nobody vouches for
        ({"security": "tls", "trust": False}, ssl.SSLCertVerificationError),
        ({"security": "none"}, "SMTPNotSupportedError"),  # STARTTLS asked, the relay offers none: not in the clear
    ],
)
def test_an_untrusted_or_unencrypted_relay_gets_nothing_and_no_mail_loses_a_try(app, relay, monkeypatch, start, error):
    relay(**start)
    monkeypatch.setitem(app.config, "MAIL_SECURITY", "starttls" if start["security"] == "none" else start["security"])
    mail = queued("ali@example.org")
    result = app.test_cli_runner().invoke(args=["outbox", "send"])
    assert result.exit_code != 0
    if isinstance(error, str):
        assert type(result.exception).__name__ == error
    else:
        assert isinstance(result.exception, error)
    assert mail.sent_at is None and mail.tries == 0  # the relay's fault, not the mail's


def test_an_unreachable_relay_ends_the_run_without_using_up_tries(app, relay, monkeypatch):
    relay("starttls")
    monkeypatch.setitem(app.config, "MAIL_PORT", 1)  # nothing listens there
    mail = queued("ali@example.org")
    assert app.test_cli_runner().invoke(args=["outbox", "send"]).exit_code != 0
    assert mail.tries == 0 and mail.next_try_at is None


def test_a_relay_that_hangs_up_ends_the_run_and_the_next_run_goes_on_behind_that_mail(app, relay):
    inbox = relay("starttls", hang_up={"bo@example.org"})
    first, hung_up, behind = queued("ali@example.org"), queued("bo@example.org"), queued("cas@example.org")
    assert app.test_cli_runner().invoke(args=["outbox", "send"]).exit_code != 0  # cron hears of it
    assert first.sent_at is not None and hung_up.tries == 1 and "421" in hung_up.last_error
    assert behind.sent_at is None and behind.tries == 0  # not tried: no fault of its own
    assert send(app).strip() == "1 mail(s) sent, 0 failed"  # the next run: the one behind goes out
    assert inbox.recipients == ["ali@example.org", "cas@example.org"]


def test_given_up_mail_goes_after_the_retention_period_like_sent_mail(app):
    from app.privacy.retention import sent_mails

    days = app.config["RETENTION_SENT_MAIL_DAYS"]
    old = utcnow() - timedelta(days=days + 1)
    queued("weg@example.org", tries=8, gave_up_at=old, last_error="550")
    waiting = queued("later@example.org", tries=1, next_try_at=old, last_error="451")
    assert sent_mails(utcnow()) == 1
    assert db.session.scalars(sa.select(OutboxMail.id)).all() == [waiting.id]
