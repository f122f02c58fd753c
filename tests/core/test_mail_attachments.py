"""Issue 27, items 3 and 4, as a real relay receives them: the one-click headers of RFC 8058
and the activity's .ics attachment (text/calendar; method=PUBLISH) go out with the mail."""

from datetime import timedelta

from app.core.models import utcnow
from app.core.notifications import notify
from app.extensions import db
from tests.agenda.helpers import make_public_activity
from tests.calendar.readers import with_icaljs, with_vobject
from tests.factories import make_neighbourhood, make_team, make_user
from tests.mailing.helpers import VALUES


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
