"""Issue 27, item 4: every mail of a kind carries a one-click way out of that kind, as a link
in the text and as RFC 8058 headers, which works without logging in (the one-click POST of a
mail client has no CSRF token) and cannot be forged for another person."""

import pytest
import sqlalchemy as sa
from itsdangerous import URLSafeSerializer

from app.core.mail_preferences import (
    KIND_OF,
    UNSUBSCRIBE_SALT,
    Choice,
    MailKind,
    choices_of,
    unsubscribe_token,
)
from app.core.notifications import _TEXTS, notify
from app.extensions import db
from app.privacy.erasure import erase_account
from tests.factories import make_neighbourhood, make_user
from tests.mailing.helpers import EXAMPLE, VALUES, mails_to, way_out_path

ONE_CLICK = {"List-Unsubscribe": "One-Click"}


@pytest.fixture
def hood():
    return make_neighbourhood()


def _person(hood, kind: MailKind):
    return make_user("Fenna Jansen", hood, is_coordinator=kind == MailKind.SIGNALS)


@pytest.mark.parametrize("kind", list(MailKind))
def test_one_click_from_a_mail_client_stops_that_kind_and_only_that_kind(client, hood, kind):
    fenna = _person(hood, kind)
    notify(fenna, EXAMPLE[kind], "/account", **VALUES)
    (mail,) = mails_to(fenna.email)
    path = way_out_path(mail)
    response = client.post(path, ONE_CLICK, csrf=False)  # as a mail client sends it: no login, no token
    assert response.status_code == 200 and "geen mail meer" in response.get_data(as_text=True)
    assert choices_of(fenna.id) == dict.fromkeys(MailKind, Choice.NOW) | {kind: Choice.NEVER}
    notify(fenna, EXAMPLE[kind], "/account", **VALUES)
    assert len(mails_to(fenna.email)) == 1  # stopped; the message itself is in the app


def test_every_kind_of_message_carries_the_way_out_of_its_own_kind(hood):
    cor = make_user("Cor Coördinator", hood, is_coordinator=True)
    for kind in sorted(_TEXTS):
        notify(cor, kind, "/account", **VALUES)
    mails = mails_to(cor.email)
    assert len(mails) == len(_TEXTS)
    for kind, mail in zip(sorted(_TEXTS), mails, strict=True):
        assert way_out_path(mail) == f"/afmelden/{unsubscribe_token(cor.id, KIND_OF[kind])}"


def test_the_link_shows_a_page_first_and_changes_nothing_until_the_button(client, hood):
    fenna = _person(hood, MailKind.HELPDESK)
    path = f"/afmelden/{unsubscribe_token(fenna.id, MailKind.HELPDESK)}"
    page = client.get(path).get_data(as_text=True)
    assert "Antwoorden en vragen bij de helpdesk" in page and '<form method="post"' in page
    assert choices_of(fenna.id)[MailKind.HELPDESK] == Choice.NOW  # a mail scanner's GET changes nothing
    # Without the one-click body, a POST needs the page's form token: no forged form elsewhere.
    assert client.post(path, {}, csrf=False).status_code == 400
    assert choices_of(fenna.id)[MailKind.HELPDESK] == Choice.NOW
    assert client.post(path, {}).status_code == 200  # the button on the page
    assert client.post(path, ONE_CLICK, csrf=False).status_code == 200  # twice is once
    assert choices_of(fenna.id)[MailKind.HELPDESK] == Choice.NEVER


def _refused(client, path: str) -> None:
    for answer in (client.get(path), client.post(path, ONE_CLICK, csrf=False)):
        assert answer.status_code == 404 and "Deze link werkt niet" in answer.get_data(as_text=True)


def test_a_forged_or_altered_token_is_refused_and_changes_nothing(client, hood, app):
    fenna, piet = _person(hood, MailKind.SIGNUPS), make_user("Piet", hood)
    token = unsubscribe_token(fenna.id, MailKind.SIGNUPS)
    payload, signature = token.rsplit(".", 1)
    forged = {
        "another signature": f"{payload}.{signature[::-1]}",
        "another key": URLSafeSerializer("guessed-key", salt=UNSUBSCRIBE_SALT).dumps([piet.id, "signups"]),
        "another salt (a reset link's)": URLSafeSerializer(app.config["SECRET_KEY"], salt="reset").dumps(
            [piet.id, "signups"]
        ),
        "piet's id with fenna's signature": URLSafeSerializer(app.config["SECRET_KEY"], salt=UNSUBSCRIBE_SALT)
        .dumps([piet.id, "signups"])
        .rsplit(".", 1)[0]
        + f".{signature}",
        "a kind that does not exist": URLSafeSerializer(app.config["SECRET_KEY"], salt=UNSUBSCRIBE_SALT).dumps(
            [piet.id, "everything"]
        ),
        "not a token": "afmelden",
    }
    for _what, bad in forged.items():
        _refused(client, f"/afmelden/{bad}")
    assert choices_of(fenna.id) == choices_of(piet.id) == dict.fromkeys(MailKind, Choice.NOW)
    client.post(f"/afmelden/{token}", ONE_CLICK, csrf=False)  # fenna's own token: only fenna's choice
    assert (
        choices_of(piet.id)[MailKind.SIGNUPS] == Choice.NOW and choices_of(fenna.id)[MailKind.SIGNUPS] == Choice.NEVER
    )


def test_the_link_of_an_erased_account_leads_nowhere(client, hood):
    fenna = _person(hood, MailKind.SIGNUPS)
    token = unsubscribe_token(fenna.id, MailKind.SIGNUPS)
    erase_account(None, fenna, "")
    _refused(client, f"/afmelden/{token}")
    assert db.session.scalar(sa.text("select count(*) from mail_preference")) == 0
