"""Issue 27, item 4: per kind of notification a person chooses a mail at once, a daily digest
or no mail; the in-app message stays whatever they choose, and mails about the account itself
always go."""

import re

import sqlalchemy as sa

from app.core.mail_preferences import KIND_OF, Choice, MailKind, MailPreference, choices_of
from app.core.notifications import _TEXTS, Notification, notify
from app.extensions import db
from tests.factories import make_neighbourhood, make_user
from tests.mailing.helpers import EXAMPLE, VALUES, mails_to, way_out_path


def test_every_kind_of_message_belongs_to_a_kind_of_mail():
    assert set(_TEXTS) == set(KIND_OF)


def _choose(user, **choices) -> None:
    db.session.add_all(MailPreference(user_id=user.id, kind=k, choice=c) for k, c in choices.items())
    db.session.flush()


def test_the_choice_decides_the_mail_and_the_message_in_the_app_always_stays():
    fenna = make_user("Fenna Jansen", make_neighbourhood())
    _choose(fenna, helpdesk=Choice.DIGEST, vouchers=Choice.NEVER)
    for kind in (MailKind.SIGNUPS, MailKind.HELPDESK, MailKind.VOUCHERS):
        notify(fenna, EXAMPLE[kind], "/account", **VALUES)
    (mail,) = mails_to(fenna.email)  # only the kind left at its default: at once
    assert mail.subject == "U bent aangemeld voor Burendag. Er is een plaats voor u."
    assert way_out_path(mail).startswith("/afmelden/")
    messages = db.session.scalars(sa.select(Notification).where(Notification.user_id == fenna.id)).all()
    waiting = {message.kind: message.digest_pending for message in messages}
    assert waiting == {
        EXAMPLE[MailKind.SIGNUPS]: False,
        EXAMPLE[MailKind.HELPDESK]: True,
        EXAMPLE[MailKind.VOUCHERS]: False,
    }


def test_account_mails_always_go_whatever_is_chosen(client):
    fenna = make_user("Fenna Jansen", make_neighbourhood())
    _choose(fenna, **dict.fromkeys(MailKind, Choice.NEVER))
    client.post("/wachtwoord-vergeten", {"email": fenna.email})
    (reset,) = mails_to(fenna.email)
    assert "/wachtwoord-herstellen/" in reset.body and reset.headers == {}


def test_a_resident_sets_the_choices_on_the_account_page(client):
    fenna = make_user("Fenna Jansen", make_neighbourhood())
    page = client.login(fenna).get("/account/mails").get_data(as_text=True)
    assert "Welke mails wilt u krijgen?" in page and "Signalen voor coördinatoren" not in page
    assert "/account/mails" in client.get("/account").get_data(as_text=True)
    wanted = {
        "signups": "now",
        "join_requests": "digest",
        "vouchers": "never",
        "helpdesk": "digest",
        "reminders": "now",
    }
    response = client.post("/account/mails", wanted)
    assert response.status_code == 302
    assert choices_of(fenna.id) == {MailKind(k): Choice(v) for k, v in wanted.items()} | {MailKind.SIGNALS: Choice.NOW}
    page = client.get("/account/mails").get_data(as_text=True)
    assert re.search(r'<input checked[^>]*id="join_requests-1"', page)  # shown as chosen


def test_a_coordinator_also_chooses_for_the_signals(client):
    cor = make_user("Cor Coördinator", make_neighbourhood(), is_coordinator=True)
    assert "Signalen voor coördinatoren" in client.login(cor).get("/account/mails").get_data(as_text=True)


def test_a_choice_that_does_not_exist_or_is_missing_gets_a_message_and_changes_nothing(client):
    fenna = make_user("Fenna Jansen", make_neighbourhood())
    client.login(fenna)
    good = {
        "signups": "never",
        "join_requests": "never",
        "vouchers": "never",
        "helpdesk": "never",
        "reminders": "never",
    }
    bad = {
        "Ongeldige keuze.": good | {"signups": "soms"},
        "Kies hoe u deze berichten wilt krijgen.": {k: v for k, v in good.items() if k != "helpdesk"},
    }
    for message, form in bad.items():
        response = client.post("/account/mails", form)
        assert response.status_code == 200 and message in response.get_data(as_text=True)
        assert db.session.scalar(sa.select(sa.func.count()).select_from(MailPreference)) == 0
