"""Issue 24, item 14: trying the demo. In development the mails the app sends are on a page,
with working links, linked from the "look in your mail" page; production has no such page."""

import re

import pytest

from app import create_app
from app.core.mail import queue_mail
from tests.conftest import Client


@pytest.fixture
def trying(app):
    """The app as `make run` configures it (MAIL_PREVIEW on), on the test's database."""
    return Client(
        create_app(
            "test", SQLALCHEMY_DATABASE_URI=app.config["SQLALCHEMY_DATABASE_URI"], MAIL_PREVIEW=True
        ).test_client()
    )


def test_the_mails_sent_are_listed_newest_first_with_working_links(trying, ctx):
    queue_mail("vera@example.org", "Eerste", "Hallo")
    queue_mail(
        "vera@example.org", "Activeer uw account", "Open deze link:\nhttps://buurtmakers.test/account-activeren/abc"
    )
    page = trying.get("/uitproberen/mails").get_data(as_text=True)
    assert page.index("Activeer uw account") < page.index("Eerste")
    assert re.search(r'<a href="https://buurtmakers.test/account-activeren/abc"[^>]*>', page)


def test_the_look_in_your_mail_page_and_every_page_lead_to_the_mails(trying):
    page = trying.get("/registreren/kijk-in-uw-mail").get_data(as_text=True)
    assert page.count('href="/uitproberen/mails"') == 2  # the page's own link, and the banner on every page
    assert 'href="/uitproberen/mails"' in trying.get("/").get_data(as_text=True)


def test_without_the_preview_there_is_no_mail_page_and_no_link(client):
    assert client.get("/uitproberen/mails").status_code == 404
    assert "/uitproberen/mails" not in client.get("/registreren/kijk-in-uw-mail").get_data(as_text=True)
