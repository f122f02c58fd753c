"""A mail can carry an HTML version with an inline image and attachments (issue 27: the QR
code of a check-in link). Sent through a real SMTP relay (tests/core/conftest.py) and read
back as a mail program reads it."""

from app.core.mail import Attachment, OutboxAttachment, queue_mail, send_outbox
from app.extensions import db
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
