"""Issue 15, part 4: a coordinator enters a join request or a sign-up for a resident who
asked for it. It goes through the teams' and sign-ups' own services, is marked "namens ...
door ..." wherever it shows (also on the resident's own pages), the coordinator is the actor
in the audit log with on_behalf_of the resident, and the resident is told by mail.
Issue 24, item 5: the resident is found by name among the residents of the team's
municipality, and the page shows no e-mail address."""

import pytest
import sqlalchemy as sa

from app.core.audit import AuditEntry
from app.core.mail import OutboxMail
from app.core.notifications import Notification
from app.extensions import db
from app.places.models import Municipality
from app.signups import services as signups
from app.signups.models import SignUp, SignUpStatus
from app.teams.models import Membership, MembershipState, TeamKind, TeamStatus
from tests.conftest import Client
from tests.factories import make_neighbourhood, make_team, make_user

BEHALF = "namens Rosa Resident door Cor Coördinator"


def _join(**values) -> dict:
    return {"resident_id": "", "naam": "", "channel": "phone", "asked": "y", "message": ""} | values


def _membership(team, user) -> Membership | None:
    return db.session.scalar(sa.select(Membership).where(Membership.team_id == team.id, Membership.user_id == user.id))


def _entries(action: str) -> list[AuditEntry]:
    return list(db.session.scalars(sa.select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.id)))


def _mails(to: str) -> list[OutboxMail]:
    return list(db.session.scalars(sa.select(OutboxMail).where(OutboxMail.recipient == to).order_by(OutboxMail.id)))


# --- a join request ---------------------------------------------------------------------


def test_a_coordinator_asks_to_join_for_a_resident(app, client, w):
    client.login(w.coordinator)
    response = client.post(
        f"/teams/{w.team.id}/begeleiding/namens", _join(resident_id=str(w.resident.id), message="Ze bakt graag")
    )
    assert response.location == f"/teams/{w.team.id}/begeleiding"
    membership = _membership(w.team, w.resident)
    assert (membership.state, membership.entered_by_id, membership.message) == (
        MembershipState.REQUESTED,
        w.coordinator.id,
        "Ze bakt graag",
    )
    # The audit log: the coordinator acted, for Rosa, and how she asked.
    [requested] = _entries("membership.requested")[-1:]
    assert (requested.actor_id, requested.data["user_id"], requested.data["on_behalf_of"]) == (
        w.coordinator.id,
        str(w.resident.id),
        str(w.resident.id),
    )
    [entered] = _entries("behalf.join_requested")
    assert (entered.actor_id, entered.object_id, entered.data["on_behalf_of"], entered.data["channel"]) == (
        w.coordinator.id,
        membership.id,
        str(w.resident.id),
        "phone",
    )
    # Rosa is told, in-app and by mail; the trekker as for any request.
    [told] = db.session.scalars(sa.select(Notification).where(Notification.user_id == w.resident.id)).all()
    assert told.kind == "coaching.behalf_join"
    [mail] = _mails("rosa@example.org")
    assert "Cor Coördinator" in mail.body and "Pruimengaarde Samen" in mail.body
    assert db.session.scalar(sa.select(Notification.kind).where(Notification.user_id == w.trekker.id)) == (
        "team.join_requested"
    )
    # Marked on the trekker's page, and on Rosa's own account page.
    trekker = Client(app.test_client()).login(w.trekker)
    assert BEHALF in trekker.get(f"/teams/{w.team.id}/leden").get_data(as_text=True)
    rosa = Client(app.test_client()).login(w.resident)
    assert BEHALF in rosa.get("/account").get_data(as_text=True)
    # The trekker decides as always; the mark stays with the membership.
    trekker.post(f"/teams/{w.team.id}/leden/{membership.id}/accepteren")
    assert _membership(w.team, w.resident).state == MembershipState.ACTIVE
    assert BEHALF in rosa.get("/account").get_data(as_text=True)


def test_a_coordinator_finds_the_resident_by_name_and_sees_no_addresses(client, w):
    """Issue 24, item 5: the picker listed every resident of the neighbourhood with their
    e-mail address. Now it searches by name, and shows name and neighbourhood only."""
    client.login(w.coordinator)
    before = client.get(f"/teams/{w.team.id}/begeleiding").get_data(as_text=True)
    assert "Rosa Resident" not in before and "@example.org" not in before  # nothing until a name is typed
    page = client.get(f"/teams/{w.team.id}/begeleiding?naam=rOsA").get_data(as_text=True)
    assert f'value="{w.resident.id}"' in page and "Rosa Resident, Kruiskamp" in page
    assert "@" not in page.split('id="namens-kop"')[1]
    # Already in the team, oneself or staff: not found.
    for name in ("Mo Member", "Ada Admin", "Cor"):
        page = client.get(f"/teams/{w.team.id}/begeleiding?naam={name}").get_data(as_text=True)
        assert "We vinden geen bewoner met" in page
    client.post(f"/teams/{w.team.id}/begeleiding/namens", _join(resident_id=str(w.resident.id), channel="buurthuis"))
    assert _membership(w.team, w.resident).entered_by_id == w.coordinator.id
    assert _entries("behalf.join_requested")[0].data["channel"] == "buurthuis"


def test_the_search_reaches_the_municipality_and_says_when_there_are_more(client, w):
    next_door = make_neighbourhood("Schothorst", db.session.get(Municipality, w.hood.municipality_id))
    make_user("Rosa Buurvrouw", next_door)
    elsewhere = make_user("Rosa Elders", make_neighbourhood("Elders"))  # another municipality
    client.login(w.coordinator)
    page = client.get(f"/teams/{w.team.id}/begeleiding?naam=rosa").get_data(as_text=True)
    assert "Rosa Buurvrouw, Schothorst" in page and "Rosa Elders" not in page
    response = client.post(f"/teams/{w.team.id}/begeleiding/namens", _join(resident_id=str(elsewhere.id)))
    assert "Kies een bewoner uit de lijst." in response.get_data(as_text=True)
    assert _membership(w.team, elsewhere) is None
    for n in range(20):
        make_user(f"Rosa {n:02d}", w.hood)
    page = client.get(f"/teams/{w.team.id}/begeleiding?naam=rosa").get_data(as_text=True)
    assert page.count('name="resident_id"') == 20 and "Typ meer van de naam." in page
    nobody = client.get(f"/teams/{w.team.id}/begeleiding?naam=Xanthippe").get_data(as_text=True)
    assert "We vinden geen bewoner met ‘Xanthippe’" in nobody and "Schrijf een bewoner zonder e-mail in" in nobody


def _other_people(w) -> dict:
    elsewhere = make_user("Els Elders", make_neighbourhood("Elders"), email="els@example.org")
    stopped = make_user("Stef Gestopt", w.hood, email="stef@example.org")
    stopped.deactivated_at = stopped.created_at
    unconfirmed = make_user("Nina Nieuw", w.hood, email_confirmed_at=None)
    colleague = make_user("Otto Collega", w.hood, email="otto@example.org", is_coordinator=True)
    db.session.flush()
    return {"elsewhere": elsewhere.id, "stopped": stopped.id, "unconfirmed": unconfirmed.id, "colleague": colleague.id}


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({}, "Zoek de bewoner op naam en kies hem of haar uit de lijst."),
        ({"resident_id": "elsewhere"}, "Kies een bewoner uit de lijst."),
        ({"resident_id": "999999"}, "Kies een bewoner uit de lijst."),
        ({"resident_id": "99999999999999999999"}, "Zoek de bewoner op naam en kies"),
        ({"resident_id": "x" * 5000}, "Zoek de bewoner op naam en kies"),
        ({"resident_id": "colleague"}, "Voor uzelf of een collega kunt u dit niet doen."),
        ({"resident_id": "stopped"}, "gestopt of nog niet geactiveerd"),
        ({"resident_id": "unconfirmed"}, "gestopt of nog niet geactiveerd"),
        ({"resident_id": "rosa", "asked": ""}, "Doe dit alleen als de bewoner erom vroeg."),
        ({"resident_id": "rosa", "channel": ""}, "Kies hoe de bewoner erom vroeg."),
        ({"resident_id": "rosa", "channel": "duif"}, "Kies hoe de bewoner erom vroeg."),
        ({"resident_id": "rosa", "message": "x" * 1001}, "Gebruik hoogstens 1000 tekens."),
        ({"resident_id": "member"}, "al lid van dit team of heeft zich al aangemeld"),
    ],
)
def test_a_bad_join_request_on_behalf_gets_a_message_and_changes_nothing(client, w, values, message):
    ids = _other_people(w) | {"member": w.member.id, "rosa": w.resident.id}
    values = {k: str(ids.get(v, v)) for k, v in values.items()}
    before = db.session.scalar(sa.select(sa.func.count()).select_from(Membership))
    response = client.login(w.coordinator).post(f"/teams/{w.team.id}/begeleiding/namens", _join(**values))
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Membership)) == before
    assert _entries("behalf.join_requested") == [] and db.session.scalar(sa.select(sa.func.count(OutboxMail.id))) == 0


def test_a_stopped_team_takes_no_request_on_behalf(client, w):
    w.team.status = TeamStatus.ARCHIVED
    db.session.flush()
    response = client.login(w.coordinator).post(
        f"/teams/{w.team.id}/begeleiding/namens", _join(resident_id=str(w.resident.id))
    )
    assert "Dit team is gestopt." in response.get_data(as_text=True)
    assert _membership(w.team, w.resident) is None


def test_a_junior_team_asks_the_residents_birth_year(client, w):
    junior = make_team(w.hood, make_user("Jip Jong", w.hood, birth_year=2010), kind=TeamKind.JUNIOR, birth_year=2010)
    client.login(w.coordinator)
    rosa = str(w.resident.id)
    response = client.post(f"/teams/{junior.id}/begeleiding/namens", _join(resident_id=rosa, birth_year="x"))
    assert "Vul een geboortejaar in als getal" in response.get_data(as_text=True)
    response = client.post(f"/teams/{junior.id}/begeleiding/namens", _join(resident_id=rosa))
    assert "Vul uw geboortejaar in." in response.get_data(as_text=True) and _membership(junior, w.resident) is None
    client.post(f"/teams/{junior.id}/begeleiding/namens", _join(resident_id=rosa, birth_year="2009"))
    assert _membership(junior, w.resident).entered_by_id == w.coordinator.id


# --- a sign-up ------------------------------------------------------------------------------


def _sign_up_path(w) -> str:
    return f"/teams/{w.team.id}/activiteiten/{w.activity.id}/aanmeldingen/namens"


def _sign_up_form(**values) -> dict:
    return {"resident_id": "", "naam": "", "channel": "buurthuis", "asked": "y"} | values


def _sign_up(activity, user) -> SignUp | None:
    return db.session.scalar(sa.select(SignUp).where(SignUp.activity_id == activity.id, SignUp.user_id == user.id))


def test_a_coordinator_signs_a_resident_up_and_it_shows_everywhere(app, client, w):
    client.login(w.coordinator)
    team_list = f"/teams/{w.team.id}/activiteiten/{w.activity.id}/aanmeldingen"
    assert _sign_up_path(w) in client.get(team_list).get_data(as_text=True)
    page = client.get(_sign_up_path(w) + "?naam=Rosa").get_data(as_text=True)
    assert "Er zijn nog 2 plaatsen." in page and "Rosa Resident, Kruiskamp" in page and "rosa@example.org" not in page
    response = client.post(_sign_up_path(w), _sign_up_form(resident_id=str(w.resident.id)))
    assert response.location == team_list
    sign_up = _sign_up(w.activity, w.resident)
    assert (sign_up.status, sign_up.entered_by_id, sign_up.email) == (
        SignUpStatus.CONFIRMED,
        w.coordinator.id,
        "rosa@example.org",
    )
    [placed] = [e for e in _entries("signup.placed") if e.object_id == sign_up.id]
    assert (placed.actor_id, placed.data["on_behalf_of"]) == (w.coordinator.id, str(w.resident.id))
    [entered] = _entries("behalf.signed_up")
    assert (entered.actor_id, entered.data["on_behalf_of"], entered.data["channel"]) == (
        w.coordinator.id,
        str(w.resident.id),
        "buurthuis",
    )
    # One message to Rosa that says who did it (not a second, plain confirmation).
    kinds = db.session.scalars(sa.select(Notification.kind).where(Notification.user_id == w.resident.id)).all()
    assert kinds == ["coaching.behalf_signup"]
    [mail] = _mails("rosa@example.org")
    assert "Cor Coördinator" in mail.body and "Er is een plaats voor u." in mail.body
    # The team's list and check-in page, and Rosa's own activity page.
    trekker = Client(app.test_client()).login(w.trekker)
    assert BEHALF in trekker.get(team_list).get_data(as_text=True)
    rosa = Client(app.test_client()).login(w.resident)
    assert BEHALF in rosa.get(f"/activiteiten/{w.activity.id}").get_data(as_text=True)
    # Rosa signs off herself as anyone would.
    rosa.post(f"/activiteiten/{w.activity.id}/afmelden")
    assert _sign_up(w.activity, w.resident).status == SignUpStatus.CANCELLED


def test_capacity_and_the_waitlist_hold_for_a_sign_up_on_behalf(client, w):
    for name in ("Ali", "Bo"):
        signups.sign_up_resident(make_user(name, w.hood), w.activity)
    client.login(w.coordinator)
    assert "De activiteit is vol." in client.get(_sign_up_path(w)).get_data(as_text=True)
    client.post(_sign_up_path(w), _sign_up_form(resident_id=str(w.resident.id)))
    assert _sign_up(w.activity, w.resident).status == SignUpStatus.WAITLISTED
    kinds = db.session.scalars(sa.select(Notification.kind).where(Notification.user_id == w.resident.id)).all()
    assert kinds == ["coaching.behalf_waitlist"]
    # The resident's own sign-up later carries no mark: the coordinator's mark is cleared.
    signups.sign_off(_sign_up(w.activity, w.resident))
    signups.sign_up_resident(w.resident, w.activity)
    assert _sign_up(w.activity, w.resident).entered_by_id is None


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({}, "Zoek de bewoner op naam en kies hem of haar uit de lijst."),
        ({"resident_id": "999999"}, "Kies een bewoner uit de lijst."),
        ({"resident_id": "rosa", "asked": ""}, "Doe dit alleen als de bewoner erom vroeg."),
        ({"resident_id": "rosa", "channel": "duif"}, "Kies hoe de bewoner erom vroeg."),
        ({"resident_id": "rosa", "naam": "x" * 101}, "Gebruik hoogstens 100 tekens."),
    ],
)
def test_a_bad_sign_up_on_behalf_gets_a_message_and_changes_nothing(client, w, values, message):
    values = {k: str(w.resident.id) if v == "rosa" else v for k, v in values.items()}
    response = client.login(w.coordinator).post(_sign_up_path(w), _sign_up_form(**values))
    assert response.status_code == 200 and message in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(SignUp)) == 0
    assert db.session.scalar(sa.select(sa.func.count(OutboxMail.id))) == 0


def test_twice_or_for_a_closed_activity_gets_a_message(client, w):
    client.login(w.coordinator)
    client.post(_sign_up_path(w), _sign_up_form(resident_id=str(w.resident.id)))
    again = client.post(_sign_up_path(w), _sign_up_form(resident_id=str(w.resident.id)))
    assert "Deze bewoner is al aangemeld voor deze activiteit." in again.get_data(as_text=True)
    w.activity.is_public = False
    db.session.flush()
    other = make_user("Olga", w.hood, email="olga@example.org")
    closed = client.post(_sign_up_path(w), _sign_up_form(resident_id=str(other.id)))
    assert "kan niemand zich nu aanmelden" in closed.get_data(as_text=True) and _sign_up(w.activity, other) is None
