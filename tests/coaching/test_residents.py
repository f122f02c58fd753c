"""Issue 24, item 5: acting for a resident needed an account with an e-mail address, so the
people the feature exists for were turned away. A coordinator now registers a resident
without e-mail (name, neighbourhood, a phone number or address, the consent recorded), acts
for them in every flow (a join request, a sign-up, a helpdesk question), and later hands
them an account of their own through the usual activation mail."""

import re

import pytest
import sqlalchemy as sa

from app.accounts.models import User
from app.coaching.models import AssistedRegistration
from app.core.audit import AuditEntry
from app.core.mail import OutboxMail
from app.core.notifications import Notification
from app.extensions import db
from app.helpdesk.models import Question
from app.signups.models import SignUp, SignUpStatus
from app.teams.models import Membership, MembershipState
from tests.conftest import Client
from tests.factories import make_user

NEW = "/begeleiding/bewoners-zonder-email/nieuw"
CONSENT_START = "Buurtmakers bewaart uw naam, uw buurt en uw telefoonnummer of adres."


def _registration(**values) -> dict:
    return {"name": "Gerda de Vries", "neighbourhood_id": "", "contact": "033 123 45 67", "consent": "y"} | values


def _register(client, w, name="Gerda de Vries", query="") -> User:
    response = client.post(NEW + query, _registration(name=name, neighbourhood_id=str(w.hood.id)))
    assert response.status_code == 302, response.get_data(as_text=True)
    return db.session.scalar(sa.select(User).where(User.name == name))


def _mail_count() -> int:
    return db.session.scalar(sa.select(sa.func.count(OutboxMail.id)))


def _page(response) -> str:
    return response.get_data(as_text=True)


def test_a_coordinator_registers_a_resident_without_email_and_acts_for_them_everywhere(app, client, w):
    client.login(w.coordinator)
    coaching = f"/teams/{w.team.id}/begeleiding"
    # Not found by name: the page offers to register the resident, and comes back after.
    page = _page(client.get(f"{coaching}?naam=Gerda"))
    assert "We vinden geen bewoner met ‘Gerda’" in page
    assert f'href="{NEW}?team={w.team.id}"' in page
    form = _page(client.get(f"{NEW}?team={w.team.id}"))
    assert CONSENT_START in form
    assert f'<option selected value="{w.hood.id}">' in form  # the team's neighbourhood
    mails_before = _mail_count()
    response = client.post(f"{NEW}?team={w.team.id}", _registration(neighbourhood_id=str(w.hood.id)))
    gerda = db.session.scalar(sa.select(User).where(User.name == "Gerda de Vries"))
    assert response.location == f"{coaching}?naam=Gerda+de+Vries&gekozen={gerda.id}#namens-kop"
    assert (gerda.email, gerda.email_confirmed_at, gerda.neighbourhood_id) == (None, None, w.hood.id)
    registration = db.session.scalar(sa.select(AssistedRegistration).where(AssistedRegistration.user_id == gerda.id))
    assert (registration.contact, registration.registered_by_id) == ("033 123 45 67", w.coordinator.id)
    assert registration.consent_text.startswith(CONSENT_START) and registration.consented_at is not None
    # Back on the team's page she is found and picked, without an address.
    page = _page(client.get(response.location))
    assert re.search(rf'value="{gerda.id}"[^>]*checked|checked[^>]*value="{gerda.id}"', page)
    assert "Gerda de Vries, Kruiskamp (zonder e-mail)" in page

    # A join request: the trekkers decide; Gerda is told in-app, nobody mails her.
    response = client.post(
        f"{coaching}/namens", {"resident_id": str(gerda.id), "naam": "Gerda", "channel": "phone", "asked": "y"}
    )
    assert response.status_code == 302
    membership = db.session.scalar(sa.select(Membership).where(Membership.user_id == gerda.id))
    assert (membership.state, membership.entered_by_id) == (MembershipState.REQUESTED, w.coordinator.id)
    flashed = _page(client.get(coaching))
    assert "De bewoner heeft geen e-mail: laat het hem of haar zelf weten." in flashed
    trekker = Client(app.test_client()).login(w.trekker)
    assert "geen e-mail, bereikbaar via de coördinator" in _page(trekker.get(f"/teams/{w.team.id}/leden"))
    trekker.post(f"/teams/{w.team.id}/leden/{membership.id}/accepteren")
    assert db.session.get(Membership, membership.id).state == MembershipState.ACTIVE

    # A sign-up, for her and for a second resident without e-mail: both take a place.
    henk = _register(client, w, "Henk Zonder Mail")
    sign_up_url = f"/teams/{w.team.id}/activiteiten/{w.activity.id}/aanmeldingen/namens"
    for person in (gerda, henk):
        form = {"resident_id": str(person.id), "naam": person.name, "channel": "buurthuis", "asked": "y"}
        assert client.post(sign_up_url, form).status_code == 302
    places = db.session.scalars(sa.select(SignUp).where(SignUp.activity_id == w.activity.id)).all()
    assert {(s.user_id, s.email, s.status) for s in places} == {
        (gerda.id, None, SignUpStatus.CONFIRMED),
        (henk.id, None, SignUpStatus.CONFIRMED),
    }
    again = client.post(sign_up_url, {"resident_id": str(gerda.id), "channel": "phone", "asked": "y"})
    assert "Deze bewoner is al aangemeld voor deze activiteit." in _page(again)

    # A helpdesk question, picked by name from the team's members.
    client.post(
        f"/teams/{w.team.id}/vragen/namens-een-bewoner",
        {"resident_id": str(gerda.id), "subject": "Een vraag over de burendag", "body": "Gerda belde."},
    )
    assert db.session.scalar(sa.select(Question.asked_by_id).where(Question.entered_by_id == w.coordinator.id)) == (
        gerda.id
    )
    # In-app messages wait for her; not one mail went to an account without an address.
    kinds = set(db.session.scalars(sa.select(Notification.kind).where(Notification.user_id == gerda.id)))
    assert {"coaching.behalf_join", "coaching.behalf_signup", "question.asked_for_you"} <= kinds
    recipients = set(db.session.scalars(sa.select(OutboxMail.recipient).where(OutboxMail.id > 0)))
    assert None not in recipients and _mail_count() > mails_before  # the trekker and helpdesk were mailed

    # The coordinator's page about her shows the contact and the consent: who, when, what.
    page = _page(client.get(f"/begeleiding/bewoners-zonder-email/{gerda.id}"))
    assert "033 123 45 67" in page and CONSENT_START in page
    assert "vastgelegd door Cor Coördinator" in page
    assert "Gerda de Vries" in _page(client.get("/begeleiding/bewoners-zonder-email?naam=gerda"))

    # The hand-over: an address, the usual activation mail, a password of her own.
    response = client.post(f"/begeleiding/bewoners-zonder-email/{gerda.id}/account", {"email": " Gerda@Example.org "})
    assert response.status_code == 302
    assert db.session.get(User, gerda.id).email == "gerda@example.org"
    [mail] = db.session.scalars(sa.select(OutboxMail).where(OutboxMail.recipient == "gerda@example.org")).all()
    assert mail.subject == "Activeer uw account bij Buurtmakers" and "Cor Coördinator" in mail.body
    link = re.search(r"https://buurtmakers\.test(/account-activeren/\S+)", mail.body).group(1)
    visitor = Client(app.test_client())
    chosen = visitor.post(link)
    assert "/wachtwoord-herstellen/" in chosen.location
    assert db.session.get(User, gerda.id).email_confirmed_at is not None
    done = visitor.post(
        chosen.location, {"password": "fiets paraplu zonnig", "password_repeat": "fiets paraplu zonnig"}
    )
    assert done.location == "/account"
    gerda_page = _page(visitor.get("/account"))
    assert "gerda@example.org" in gerda_page and "Pruimengaarde Samen" in gerda_page
    messages = _page(visitor.get("/account/berichten"))
    assert "heeft Cor Coördinator u aangemeld bij Pruimengaarde Samen" in messages
    # She logs in as anyone does; the coordinator's page says she has an account now.
    again = Client(app.test_client())
    response = again.post("/inloggen", {"email": "gerda@example.org", "password": "fiets paraplu zonnig"})
    assert response.location == "/account"
    page = _page(client.get(f"/begeleiding/bewoners-zonder-email/{gerda.id}"))
    assert "De bewoner heeft een eigen account en logt zelf in." in page and "Account geven" not in page
    actions = set(db.session.scalars(sa.select(AuditEntry.action).where(AuditEntry.object_id == gerda.id)))
    assert {"user.registered_by_coordinator", "user.handed_over", "user.activated"} <= actions


def test_a_registration_from_an_activity_goes_back_to_its_sign_up(client, w):
    client.login(w.coordinator)
    query = f"?team={w.team.id}&activiteit={w.activity.id}"
    assert "Daarna gaat u terug naar Burendag" in _page(client.get(NEW + query))
    response = client.post(NEW + query, _registration(neighbourhood_id=str(w.hood.id)))
    gerda = db.session.scalar(sa.select(User).where(User.name == "Gerda de Vries"))
    assert response.location == (
        f"/teams/{w.team.id}/activiteiten/{w.activity.id}/aanmeldingen/namens?naam=Gerda+de+Vries&gekozen={gerda.id}"
    )
    # From the list of residents without e-mail: to the resident's own page.
    response = client.post(NEW, _registration(name="Henk Zonder Mail", neighbourhood_id=str(w.hood.id)))
    henk = db.session.scalar(sa.select(User).where(User.name == "Henk Zonder Mail"))
    assert response.location == f"/begeleiding/bewoners-zonder-email/{henk.id}"
    # A team or activity in the link that does not exist (or nonsense) is no way in.
    assert client.get(f"{NEW}?team=999999").status_code == 404
    assert client.get(f"{NEW}?team={w.team.id}&activiteit=999999").status_code == 404
    assert client.get(f"{NEW}?team=99999999999999999999").status_code == 200


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"name": ""}, "Vul de naam van de bewoner in."),
        ({"name": "\u200b"}, "Een naam moet letters of cijfers bevatten."),
        ({"name": "x" * 101}, "Gebruik hoogstens 100 tekens."),
        ({"neighbourhood_id": ""}, "Kies de buurt van de bewoner."),
        ({"neighbourhood_id": "999999"}, "Deze buurt kennen we niet."),
        ({"contact": ""}, "Vul een telefoonnummer of adres in, zodat u de bewoner kunt bereiken."),
        ({"contact": "x" * 201}, "Gebruik hoogstens 200 tekens."),
        ({"contact": "033\n123"}, "Deze tekst moet op één regel."),
        ({"consent": ""}, "Schrijf de bewoner alleen in als hij of zij het ermee eens is."),
    ],
)
def test_a_bad_registration_gets_a_message_and_changes_nothing(client, w, values, message):
    values = {"neighbourhood_id": str(w.hood.id)} | values
    users = db.session.scalar(sa.select(sa.func.count(User.id)))
    response = client.login(w.coordinator).post(NEW, _registration(**values))
    assert response.status_code == 200 and message in _page(response)
    assert "Er is iets niet goed ingevuld" in _page(response)
    assert db.session.scalar(sa.select(sa.func.count(User.id))) == users
    assert db.session.scalar(sa.select(sa.func.count(AssistedRegistration.id))) == 0


@pytest.mark.parametrize(
    ("email", "message"),
    [
        ("", "Vul het e-mailadres van de bewoner in."),
        ("geen-adres", "Dit is geen geldig e-mailadres."),
        ("a@" + "x" * 260 + ".nl", "Dit is geen geldig e-mailadres."),
        ("ROSA@example.org", "Er is al een account met dit e-mailadres."),
    ],
)
def test_a_bad_hand_over_gets_a_message_and_changes_nothing(client, w, email, message):
    client.login(w.coordinator)
    gerda = _register(client, w)
    mails = _mail_count()
    response = client.post(f"/begeleiding/bewoners-zonder-email/{gerda.id}/account", {"email": email})
    assert response.status_code == 200 and message in _page(response)
    assert db.session.get(User, gerda.id).email is None and _mail_count() == mails


def test_handing_over_again_replaces_the_address_and_kills_the_first_link(app, client, w):
    """A mistyped address got the first mail: its link must not open the account."""
    client.login(w.coordinator)
    gerda = _register(client, w)
    url = f"/begeleiding/bewoners-zonder-email/{gerda.id}/account"
    client.post(url, {"email": "gerda@exmaple.org"})
    client.post(url, {"email": "gerda@example.org"})
    assert db.session.get(User, gerda.id).email == "gerda@example.org"
    [typo] = db.session.scalars(sa.select(OutboxMail.body).where(OutboxMail.recipient == "gerda@exmaple.org"))
    link = re.search(r"https://buurtmakers\.test(/account-activeren/\S+)", typo).group(1)
    stranger = Client(app.test_client())
    response = stranger.post(link)
    assert response.location == "/inloggen"
    assert db.session.get(User, gerda.id).email_confirmed_at is None
    # Once she has an account of her own, there is nothing to hand over.
    gerda = db.session.get(User, gerda.id)
    gerda.email_confirmed_at = gerda.created_at
    response = client.post(url, {"email": "ander@example.org"})
    assert "Deze bewoner heeft al een eigen account." in _page(response)


def test_only_registered_residents_have_a_page(client, w):
    client.login(w.coordinator)
    assert client.get(f"/begeleiding/bewoners-zonder-email/{w.resident.id}").status_code == 404
    assert client.post(f"/begeleiding/bewoners-zonder-email/{w.resident.id}/account", {}).status_code == 404
    assert client.get("/begeleiding/bewoners-zonder-email/999999").status_code == 404


def test_the_dashboard_and_the_privacy_page_lead_to_residents_without_email(client, w):
    client.login(w.coordinator)
    assert 'href="/begeleiding/bewoners-zonder-email"' in _page(client.get("/coordinatie"))
    assert 'href="/begeleiding/bewoners-zonder-email"' in _page(client.get("/beheer/privacyverzoeken"))
    gerda = _register(client, w)
    page = _page(client.get(f"/beheer/privacyverzoeken/{gerda.id}"))
    assert "Deze bewoner heeft geen e-mailadres." in page and "None" not in page


def test_a_stopped_resident_without_email_is_not_acted_for(client, w):
    client.login(w.coordinator)
    gerda = _register(client, w)
    gerda.deactivated_at = gerda.created_at
    response = client.post(
        f"/teams/{w.team.id}/begeleiding/namens", {"resident_id": str(gerda.id), "channel": "phone", "asked": "y"}
    )
    assert "gestopt of nog niet geactiveerd" in _page(response)
    assert db.session.scalar(sa.select(Membership).where(Membership.user_id == gerda.id)) is None


def test_the_resident_list_shows_no_one_else(client, w):
    make_user("Gewone Bewoner", w.hood)
    client.login(w.coordinator)
    _register(client, w)
    page = _page(client.get("/begeleiding/bewoners-zonder-email"))
    assert "Gerda de Vries" in page and "Gewone Bewoner" not in page and "Rosa Resident" not in page
    assert "We vinden geen ingeschreven bewoner met ‘Henk’" in _page(
        client.get("/begeleiding/bewoners-zonder-email?naam=Henk")
    )
