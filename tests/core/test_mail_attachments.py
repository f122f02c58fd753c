"""A mail as a real SMTP relay (tests/core/conftest.py) receives it, read back as a mail
program reads it (issue 27): an HTML version with an inline image and attachments (the QR
code of a check-in link), the activity's .ics attachment (text/calendar; method=PUBLISH),
and the one-click headers of RFC 8058."""

from datetime import timedelta

from app.core.mail import Attachment, OutboxAttachment, queue_mail, send_outbox
from app.core.models import utcnow
from app.core.notifications import notify
from app.extensions import db
from tests.agenda.helpers import make_public_activity
from tests.calendar.readers import with_icaljs, with_vobject
from tests.factories import make_neighbourhood, make_team, make_user
from tests.mailing.helpers import VALUES
from tests.qr import decode_png
from tests.signups.helpers import signed_up_visitor

PNG = b"\x89PNG\r\n\x1a\n not really"


def test_a_mail_with_an_html_version_shows_its_inline_image_and_carries_its_attachments(app, relay):
    inbox = relay("starttls")
    queue_mail(
        "vera@example.org",
        "Uw aanmelding",
        "Hallo Vera,\n\nUw code: K7M 4QX",
        html='<p>Hallo Vera,</p><p><img src="cid:inchecken.png" alt="QR-code"></p>',
        attachments=[
            Attachment("inchecken.png", "image/png", PNG, inline=True),
            Attachment("burendag.ics", "text/calendar", b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"),
        ],
    )
    db.session.commit()
    assert send_outbox().sent == 1
    (message,) = inbox.messages
    assert message.get_body(("plain",)).get_content().startswith("Hallo Vera,")
    html = message.get_body(("html",))
    assert 'src="cid:inchecken.png"' in html.get_content()
    # The image sits with the HTML (multipart/related), under the id the HTML names.
    related = next(part for part in message.walk() if part.get_content_type() == "multipart/related")
    image = next(part for part in related.iter_parts() if part.get_content_type() == "image/png")
    assert image["Content-ID"] == "<inchecken.png>" and image.get_content() == PNG
    (ics,) = list(message.iter_attachments())
    assert ics.get_filename() == "burendag.ics" and b"BEGIN:VCALENDAR" in ics.get_content().encode()


def test_a_text_mail_keeps_an_image_as_a_plain_attachment(app, relay):
    inbox = relay("starttls")
    queue_mail("vera@example.org", "Tekst", "Alleen tekst", attachments=[Attachment("code.png", "image/png", PNG)])
    db.session.commit()
    send_outbox()
    (message,) = inbox.messages
    assert message.get_body(("html",)) is None
    assert [part.get_filename() for part in message.iter_attachments()] == ["code.png"]


def test_attachments_go_when_their_mail_goes(app):
    mail = queue_mail("vera@example.org", "Weg", "x", attachments=[Attachment("a.png", "image/png", PNG)])
    db.session.flush()
    db.session.execute(db.delete(type(mail)).where(type(mail).id == mail.id))
    assert db.session.scalar(db.select(db.func.count()).select_from(OutboxAttachment)) == 0


def test_the_qr_code_of_a_sign_up_mail_scans_after_the_trip_through_the_relay(app, relay, client):
    inbox = relay("starttls")
    activity, sign_up = signed_up_visitor(client)
    db.session.commit()
    send_outbox()
    message = inbox.messages[-1]
    image = next(part for part in message.walk() if part.get_content_type() == "image/png")
    link = f"https://buurtmakers.test/teams/{activity.team_id}/activiteiten/{activity.id}/binnen/{sign_up.checkin_code}"
    assert decode_png(image.get_content()) == [link]
    assert link in message.get_body(("plain",)).get_content()


def _send(app) -> None:
    result = app.test_cli_runner().invoke(args=["outbox", "send"])
    assert result.exit_code == 0, result.output


def test_a_mail_goes_out_with_its_one_click_headers_and_a_plain_account_mail_without(app, client, relay):
    inbox = relay("starttls")
    fenna = make_user("Fenna Jansen", make_neighbourhood(), email="fenna@example.org")
    notify(fenna, "question.answered", "/account", **VALUES)
    client.post("/wachtwoord-vergeten", {"email": "fenna@example.org"})
    _send(app)
    answered, reset = inbox.messages
    assert answered["List-Unsubscribe"].startswith("<https://buurtmakers.test/afmelden/")
    assert answered["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert answered["List-Unsubscribe"][1:-1] in answered.get_content()
    assert reset["List-Unsubscribe"] is None  # about the account itself: always sent, no way out


def test_the_activity_goes_out_as_an_ics_attachment_that_calendar_apps_read(app, client, relay):
    inbox = relay("starttls")
    hood = make_neighbourhood()
    team = make_team(hood, make_user("Tess", hood), name="Pruimengaarde Samen")
    activity = make_public_activity(team, "Burendag", utcnow().replace(microsecond=0) + timedelta(days=7))
    client.login(make_user("Rosa", hood)).post(f"/activiteiten/{activity.id}/aanmelden")
    db.session.flush()
    _send(app)
    (mail,) = inbox.messages
    assert "Er is een plaats voor u." in mail.get_body(("plain",)).get_content()
    (attachment,) = mail.iter_attachments()
    assert attachment.get_content_type() == "text/calendar"
    assert attachment.get_param("method") == "PUBLISH" and attachment.get_filename() == "activiteit.ics"
    ics = attachment.get_content()
    (event,) = with_vobject(ics)
    assert event.uid.value == f"activity-{activity.id}@buurtmakers.test"
    assert with_icaljs(ics)["events"][0]["url"] == f"https://buurtmakers.test/activiteiten/{activity.id}"
