"""Issue 27, item 5: the neighbourhood letter "Wat gebeurt er in mijn buurt". Anyone asks for
it with an address; nothing is sent until the link in the first mail is followed; a weekly
mail lists the coming public activities and the new public stories, and none goes out when
there are none; one click ends it. The addresses follow the retention rules and are in the
data download of the account they belong to."""

import json
import re
import zipfile
from datetime import timedelta
from io import BytesIO

import pytest
import sqlalchemy as sa

from app.activities.models import ActivityStatus
from app.core.mail import OutboxMail
from app.core.models import utcnow
from app.evaluations.models import Evaluation
from app.extensions import db
from app.letter.models import LetterSubscription
from app.privacy.erasure import erase_account
from app.privacy.export import export_account
from app.privacy.retention import purge
from tests.agenda.helpers import make_public_activity
from tests.factories import make_neighbourhood, make_team, make_user
from tests.mailing.helpers import mails_to

ONE_CLICK = {"List-Unsubscribe": "One-Click"}


@pytest.fixture
def hood():
    return make_neighbourhood("Kruiskamp")


@pytest.fixture
def team(hood):
    return make_team(hood, make_user("Tess", hood), name="Pruimengaarde Samen")


def _subscriptions() -> list[LetterSubscription]:
    return list(db.session.scalars(sa.select(LetterSubscription).order_by(LetterSubscription.id)))


def _path(mail: OutboxMail, start: str) -> str:
    return re.search(rf"https://buurtmakers\.test({start}\S*)", mail.body).group(1)


def _send(app) -> str:
    result = app.test_cli_runner().invoke(args=["letter", "send"])
    assert result.exit_code == 0, result.output
    return result.output.strip().splitlines()[-1]


def _subscribed(client, hood, email: str = "vera@example.org") -> LetterSubscription:
    client.post(f"/buurten/{hood.id}/buurtbrief", {"email": email})
    client.post(_path(mails_to(email)[-1], "/buurtbrief/"))
    (subscription,) = [s for s in _subscriptions() if s.email == email]
    return subscription


def test_a_visitor_asks_for_it_and_gets_nothing_until_the_link_is_followed(app, client, hood, team):
    make_public_activity(team, "Burendag")
    page = client.get(f"/buurten/{hood.id}/buurtbrief").get_data(as_text=True)
    assert "Wat gebeurt er in mijn buurt: Kruiskamp" in page
    response = client.post(f"/buurten/{hood.id}/buurtbrief", {"email": " Vera@Example.org "})
    assert response.status_code == 302
    (asked,) = mails_to("vera@example.org")
    assert asked.subject == "Bevestig de buurtbrief van Kruiskamp"
    (subscription,) = _subscriptions()
    assert subscription.confirmed_at is None
    assert _send(app) == "0 letter(s) queued" and len(mails_to("vera@example.org")) == 1
    link = _path(asked, "/buurtbrief/")
    assert client.get(link).status_code == 200 and subscription.confirmed_at is None  # a mail scanner's GET
    assert client.post(link).location == f"/buurten/{hood.id}/agenda"
    assert subscription.confirmed_at is not None
    assert _send(app) == "1 letter(s) queued"


def test_the_weekly_letter_lists_what_is_coming_and_the_new_stories_and_not_twice(app, client, hood, team):
    vera = _subscribed(client, hood)
    soon = make_public_activity(team, "Burendag", location="Binnentuin")
    make_public_activity(team, "Over twee maanden", utcnow() + timedelta(days=60))
    make_public_activity(team, "Alleen voor het team", is_public=False)
    elsewhere = make_team(make_neighbourhood("Nieuwland"), make_user("Nora"), name="Nieuwland Samen")
    make_public_activity(elsewhere, "Feest in Nieuwland")
    done = make_public_activity(team, "Snoeidag", utcnow() - timedelta(days=3), status=ActivityStatus.DONE)
    db.session.add(Evaluation(activity_id=done.id, story="We snoeiden twintig bomen samen.", story_public=True))
    old = make_public_activity(team, "Vorig jaar", utcnow() - timedelta(days=300), status=ActivityStatus.DONE)
    db.session.add(Evaluation(activity_id=old.id, story="Lang geleden.", story_public=True))
    db.session.flush()
    db.session.execute(
        sa.update(Evaluation).where(Evaluation.activity_id == old.id).values(updated_at=utcnow() - timedelta(days=200))
    )

    assert _send(app) == "1 letter(s) queued"
    letter = mails_to(vera.email)[-1]
    assert letter.subject == "Wat gebeurt er in mijn buurt: Kruiskamp"
    assert (
        f"Burendag (Pruimengaarde Samen, Binnentuin)\n  https://buurtmakers.test/activiteiten/{soon.id}" in letter.body
    )
    assert "We snoeiden twintig bomen samen." in letter.body
    for absent in ("Over twee maanden", "Alleen voor het team", "Feest in Nieuwland", "Lang geleden"):
        assert absent not in letter.body
    way_out = f"https://buurtmakers.test/buurtbrief/{vera.token}/afmelden"
    assert letter.headers == {"List-Unsubscribe": f"<{way_out}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}
    assert way_out in letter.body
    assert _send(app) == "0 letter(s) queued"  # the same week again: nothing


def test_no_letter_when_there_is_nothing_to_tell(app, client, hood, team):
    vera = _subscribed(client, hood)
    make_public_activity(team, "Gaat niet door", status=ActivityStatus.CANCELLED)
    assert _send(app) == "0 letter(s) queued"
    assert len(mails_to(vera.email)) == 1  # the confirmation only
    make_public_activity(team, "Burendag")
    assert _send(app) == "1 letter(s) queued"  # it waited for something to tell


def test_one_click_from_the_mail_client_ends_it_and_deletes_the_address(app, client, hood, team):
    vera = _subscribed(client, hood)
    path = f"/buurtbrief/{vera.token}/afmelden"
    page = client.get(path).get_data(as_text=True)
    assert "vera@example.org" in page and _subscriptions() != []  # shows what is kept, changes nothing
    assert client.post(path, {}, csrf=False).status_code == 400 and _subscriptions() != []  # a forged form
    response = client.post(path, ONE_CLICK, csrf=False)
    assert response.status_code == 200 and "Buurtbrief gestopt" in response.get_data(as_text=True)
    assert _subscriptions() == []
    assert client.post(path, ONE_CLICK, csrf=False).status_code == 200  # a second click: the same answer
    make_public_activity(team, "Burendag")
    assert _send(app) == "0 letter(s) queued"


def test_asking_twice_sends_a_new_link_and_a_subscriber_is_told_they_have_it(client, hood):
    client.post(f"/buurten/{hood.id}/buurtbrief", {"email": "vera@example.org"})
    client.post(f"/buurten/{hood.id}/buurtbrief", {"email": "vera@example.org"})
    first, second = mails_to("vera@example.org")
    assert _path(first, "/buurtbrief/") != _path(second, "/buurtbrief/")
    assert client.get(_path(first, "/buurtbrief/")).status_code == 302  # only the newest link works
    client.post(_path(second, "/buurtbrief/"))
    client.post(f"/buurten/{hood.id}/buurtbrief", {"email": "vera@example.org"})
    told = mails_to("vera@example.org")[-1]
    assert told.subject == "U krijgt de buurtbrief van Kruiskamp al" and told.headers["List-Unsubscribe"]
    assert len(_subscriptions()) == 1


@pytest.mark.parametrize(
    ("email", "message"),
    [
        ("", "Vul uw e-mailadres in."),
        ("vera-at-example.org", "Dit is geen geldig e-mailadres."),
        ("v" * 250 + "@example.org", "254"),
    ],
)
def test_a_wrong_address_gets_a_message_and_nothing_is_stored_or_sent(client, hood, email, message):
    response = client.post(f"/buurten/{hood.id}/buurtbrief", {"email": email})
    assert response.status_code == 200 and message in response.get_data(as_text=True)
    assert _subscriptions() == [] and db.session.scalar(sa.select(sa.func.count()).select_from(OutboxMail)) == 0


def test_a_neighbourhood_that_does_not_exist_and_a_link_that_does_not_work(client):
    assert client.get("/buurten/999999/buurtbrief").status_code == 404
    assert client.post("/buurten/999999/buurtbrief", {"email": "vera@example.org"}).status_code == 404
    assert client.get("/buurtbrief/geen-token").status_code == 302
    assert client.post("/buurtbrief/geen-token").status_code == 302


def test_mails_to_one_inbox_are_limited_from_any_client_address(app, client, hood):
    limit = int(app.config["MAILS_PER_ADDRESS_LIMIT"].split()[0])
    answers = [
        client.post(
            f"/buurten/{hood.id}/buurtbrief",
            {"email": "Vera+brief@Example.org" if n % 2 else "vera@example.org"},
            environ_base={"REMOTE_ADDR": f"198.51.100.{n}"},
        ).status_code
        for n in range(limit + 2)
    ]
    assert answers == [302] * limit + [429] * 2
    assert len(mails_to("vera@example.org")) + len(mails_to("vera+brief@example.org")) == limit


def test_an_unconfirmed_address_goes_after_the_retention_period_a_confirmed_one_stays(app, client, hood):
    kept = _subscribed(client, hood, "vera@example.org")
    client.post(f"/buurten/{hood.id}/buurtbrief", {"email": "wim@example.org"})
    hours = app.config["RETENTION_UNCONFIRMED_LETTER_HOURS"]
    assert purge(utcnow() + timedelta(hours=hours - 1))["unconfirmed letter addresses deleted"] == 0
    assert purge(utcnow() + timedelta(hours=hours + 1))["unconfirmed letter addresses deleted"] == 1
    assert [s.email for s in _subscriptions()] == [kept.email]


def test_the_letters_of_an_account_are_in_its_data_download_and_go_with_it(client, hood):
    fenna = make_user("Fenna Jansen", hood, email="fenna@example.org")
    _subscribed(client, hood, "fenna@example.org")
    _subscribed(client, hood, "someone-else@example.org")
    data = json.loads(zipfile.ZipFile(BytesIO(export_account(fenna, fenna))).read("gegevens.json"))
    assert [row["email"] for row in data["letter_subscription"]] == ["fenna@example.org"]
    assert "token" not in data["letter_subscription"][0]
    assert "Buurtbrieven die u krijgt" in client.login(fenna).get("/account/gegevens").get_data(as_text=True)
    erase_account(fenna, fenna, "")
    assert [s.email for s in _subscriptions()] == ["someone-else@example.org"]


def test_a_confirmation_without_its_form_token_changes_nothing(client, hood):
    client.post(f"/buurten/{hood.id}/buurtbrief", {"email": "vera@example.org"})
    link = _path(mails_to("vera@example.org")[-1], "/buurtbrief/")
    assert client.post(link, {}, csrf=False).status_code in (200, 400)
    assert _subscriptions()[0].confirmed_at is None
