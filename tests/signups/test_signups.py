"""Issue 13, part 4: sign-ups with places, a waitlist, confirmation by mail, sign-off and
check-in."""

import re
from datetime import timedelta

import pytest
import sqlalchemy as sa

from app.activities.models import ActivityStatus
from app.core.audit import AuditEntry
from app.core.mail import OutboxMail
from app.core.models import utcnow
from app.core.notifications import Notification
from app.extensions import db
from app.signups.models import SignUp, SignUpStatus
from tests.factories import add_member, make_activity, make_neighbourhood, make_team, make_user


@pytest.fixture
def world():
    hood = make_neighbourhood()
    tess = make_user("Tess", hood)
    team = make_team(hood, tess, name="Pruimengaarde Samen")
    activity = make_activity(team, tess, status=ActivityStatus.PLANNED)
    activity.title, activity.is_public, activity.capacity = "Burendag", True, 2
    activity.starts_at = utcnow() + timedelta(days=7)
    db.session.flush()
    return team, tess, activity


def _status(email: str) -> SignUpStatus | None:
    return db.session.scalar(sa.select(SignUp.status).where(SignUp.email == email))


def _mail(to: str) -> OutboxMail:
    return db.session.scalar(sa.select(OutboxMail).where(OutboxMail.recipient == to).order_by(OutboxMail.id.desc()))


def _link(mail: OutboxMail, path: str) -> str:
    return re.search(rf"https://buurtmakers\.test({path}\S*)", mail.body).group(1)


def test_a_visitor_signs_up_and_confirms_through_the_mail(client, world):
    _team, _tess, activity = world
    page = client.get(f"/activiteiten/{activity.id}/aanmelden").get_data(as_text=True)
    assert "Aanmelden voor Burendag" in page
    response = client.post(
        f"/activiteiten/{activity.id}/aanmelden", {"name": "Vera Visser", "email": "Vera@Example.org"}
    )
    assert response.location == f"/activiteiten/{activity.id}"
    assert _status("vera@example.org") == SignUpStatus.PENDING  # no place before the link is used
    link = _link(_mail("vera@example.org"), "/aanmelding/")
    assert client.get(link).status_code == 200 and _status("vera@example.org") == SignUpStatus.PENDING
    client.post(link)
    assert _status("vera@example.org") == SignUpStatus.CONFIRMED
    assert "Er is een plaats voor u." in _mail("vera@example.org").body


def test_signing_up_twice_sends_a_mail_that_says_so_and_the_page_says_the_same_to_everyone(client, world):
    """Issue 24, item 14: the page said "look in your mail" the second time, and no mail came.
    Now one comes that says what happened; the page is the same for anyone (no address is
    revealed to another visitor), and the sign-up is unchanged."""
    _team, _tess, activity = world
    form = {"name": "Vera Visser", "email": "vera@example.org"}
    client.post(f"/activiteiten/{activity.id}/aanmelden", form)
    client.post(_link(_mail("vera@example.org"), "/aanmelding/"))
    again = client.post(f"/activiteiten/{activity.id}/aanmelden", form, follow_redirects=True)
    assert "Kijk in uw mail" in again.get_data(as_text=True)
    mail = _mail("vera@example.org")
    assert mail.subject == "U bent al aangemeld voor Burendag"
    assert "u staat er al op" in mail.body and f"/activiteiten/{activity.id}" in mail.body
    assert _status("vera@example.org") == SignUpStatus.CONFIRMED


def test_bad_sign_up_input_gets_a_message_per_field_and_stores_nothing(client, world):
    _team, _tess, activity = world
    page = client.post(f"/activiteiten/{activity.id}/aanmelden", {"name": "\u200b", "email": "geen"})
    text = page.get_data(as_text=True)
    assert "Een naam moet letters of cijfers bevatten." in text and "Dit is geen geldig e-mailadres." in text
    assert db.session.scalar(sa.select(sa.func.count()).select_from(SignUp)) == 0


def test_a_full_activity_has_a_waitlist_and_a_freed_place_goes_to_the_first_who_is_told(app, client, world):
    _team, _tess, activity = world
    people = [make_user(name, email=f"{name.lower()}@example.org") for name in ("Ali", "Bo", "Cas", "Dee")]
    for person in people:
        type(client)(app.test_client()).login(person).post(f"/activiteiten/{activity.id}/aanmelden")
    assert [_status(p.email) for p in people] == [
        SignUpStatus.CONFIRMED,
        SignUpStatus.CONFIRMED,
        SignUpStatus.WAITLISTED,
        SignUpStatus.WAITLISTED,
    ]
    client.login(people[0]).post(f"/activiteiten/{activity.id}/afmelden")
    assert [_status(p.email) for p in people] == [
        SignUpStatus.CANCELLED,
        SignUpStatus.CONFIRMED,
        SignUpStatus.CONFIRMED,
        SignUpStatus.WAITLISTED,
    ]
    note = db.session.scalars(
        sa.select(Notification).where(Notification.user_id == people[2].id).order_by(Notification.id.desc())
    ).first()
    assert note.kind == "signup.promoted"
    assert "Er is een plaats vrijgekomen bij Burendag" in _mail("cas@example.org").subject


def test_a_visitor_signs_off_through_the_link_in_the_mail(client, world):
    _team, _tess, activity = world
    client.post(f"/activiteiten/{activity.id}/aanmelden", {"name": "Vera", "email": "vera@example.org"})
    client.post(_link(_mail("vera@example.org"), "/aanmelding/"))
    off = _link(_mail("vera@example.org"), "/aanmelding/")
    assert off.endswith("/afmelden")
    assert client.get(off).status_code == 200 and _status("vera@example.org") == SignUpStatus.CONFIRMED
    client.post(off)
    assert _status("vera@example.org") == SignUpStatus.CANCELLED


@pytest.mark.parametrize("change", ["private", "idea", "started", "cancelled"])
def test_no_sign_up_when_the_activity_is_not_open(client, world, change):
    _team, _tess, activity = world
    if change == "private":
        activity.is_public = False
    elif change == "idea":
        activity.status = ActivityStatus.IDEA
    elif change == "started":
        activity.starts_at = utcnow() - timedelta(hours=1)
    else:
        activity.status = ActivityStatus.CANCELLED
    db.session.flush()
    response = client.login(make_user("Ali")).post(f"/activiteiten/{activity.id}/aanmelden")
    assert response.status_code in (302, 404)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(SignUp)) == 0


def test_visitors_sign_ups_are_rate_limited(app, client, world):
    _team, _tess, activity = world
    limit = int(app.config["SIGNUP_RATE_LIMIT"].split()[0])
    answers = [
        client.post(
            f"/activiteiten/{activity.id}/aanmelden", {"name": "Massa", "email": f"m{n}@example.org"}
        ).status_code
        for n in range(limit + 1)
    ]
    assert answers[:limit] == [302] * limit and answers[-1] == 429


def test_sign_up_mails_to_one_inbox_are_limited_from_any_client_address(app, client, world):
    """Issue 23, finding 10: 15 sign-ups from 15 client addresses put 15 confirmation mails in
    one inbox. Now the mailbox typed has its own limit, as registration and reset have; a
    "+tag" or capitals reach the same inbox and count with it."""
    _team, _tess, activity = world
    limit = int(app.config["MAILS_PER_ADDRESS_LIMIT"].split()[0])
    typed = ["fenna@example.org"] * (limit - 1) + ["Fenna+buurt@Example.org"] * 15
    answers = [
        client.post(
            f"/activiteiten/{activity.id}/aanmelden",
            {"name": "Fenna", "email": email},
            environ_base={"REMOTE_ADDR": f"198.51.100.{n}"},
        ).status_code
        for n, email in enumerate(typed[:15])
    ]
    assert answers == [302] * limit + [429] * (15 - limit)
    mails = db.session.scalar(sa.select(sa.func.count()).where(OutboxMail.recipient.ilike("fenna%@example.org")))
    assert mails == limit
    # Another inbox, and a resident signing up with one click, are not held up by it.
    other = client.post(f"/activiteiten/{activity.id}/aanmelden", {"name": "Mo", "email": "mo@example.org"})
    assert other.status_code == 302
    assert client.login(make_user("Ali")).post(f"/activiteiten/{activity.id}/aanmelden").status_code == 302


def test_the_team_sees_the_list_and_checks_people_in(client, world):
    team, tess, activity = world
    mo = make_user("Mo")
    add_member(team, mo)
    ali = make_user("Ali Amrani", email="ali@example.org")
    client.login(ali).post(f"/activiteiten/{activity.id}/aanmelden")
    sign_up = db.session.scalar(sa.select(SignUp))
    page = client.login(mo).get(f"/teams/{team.id}/activiteiten/{activity.id}/aanmeldingen").get_data(as_text=True)
    assert "Ali Amrani" in page and "nog niet binnen" in page
    client.post(f"/teams/{team.id}/activiteiten/{activity.id}/aanmeldingen/{sign_up.id}/binnen")
    assert sign_up.checked_in_at is not None
    assert "1 binnen" in client.get(f"/teams/{team.id}/activiteiten/{activity.id}/aanmeldingen").get_data(as_text=True)


def test_the_team_sees_a_visitors_sign_up_that_is_not_yet_confirmed(client, world):
    """Issue 24, item 15: a visitor who has not opened the mail's link was invisible."""
    team, tess, activity = world
    client.post(f"/activiteiten/{activity.id}/aanmelden", {"name": "Vera Visser", "email": "vera@example.org"})
    page = client.login(tess).get(f"/teams/{team.id}/activiteiten/{activity.id}/aanmeldingen").get_data(as_text=True)
    unconfirmed = page[page.index("Nog niet bevestigd") :]
    assert "Vera Visser — nog niet bevestigd" in unconfirmed
    assert "vera@example.org" not in page


def test_a_walk_in_is_added_at_the_door_by_name_even_when_full(client, world):
    """Issue 24, item 15: someone who came without signing up is added by name, with a place
    and checked in; no mail goes anywhere, and moving the activity later mails nobody new."""
    team, tess, activity = world
    activity.capacity = 0
    db.session.flush()
    url = f"/teams/{team.id}/activiteiten/{activity.id}/aanmeldingen"
    client.login(tess).post(f"{url}/binnenloper", {"name": "Henk van de overkant"})
    [walk_in] = db.session.scalars(sa.select(SignUp)).all()
    assert (walk_in.name, walk_in.email, walk_in.status) == ("Henk van de overkant", None, SignUpStatus.CONFIRMED)
    assert walk_in.checked_in_at is not None and walk_in.entered_by_id == tess.id
    page = client.get(url).get_data(as_text=True)
    assert "Henk van de overkant" in page and "1 binnen" in page
    assert db.session.scalar(sa.select(sa.func.count()).select_from(OutboxMail)) == 0
    client.post(f"/teams/{team.id}/activiteiten/{activity.id}/afzeggen", {"reason": "Regen."})
    assert db.session.scalar(sa.select(sa.func.count()).select_from(OutboxMail)) == 0
    # Without a name, the list comes back with the message.
    page = client.post(f"{url}/binnenloper", {"name": " "}).get_data(as_text=True)
    assert "Vul de naam in van wie binnenkwam." in page and "Met een plaats" in page


def test_cancelling_or_moving_the_activity_tells_everyone_signed_up(app, client, world, ctx):
    team, tess, activity = world
    ali = make_user("Ali", email="ali@example.org")
    client.login(ali).post(f"/activiteiten/{activity.id}/aanmelden")
    visitor = type(client)(app.test_client())
    visitor.post(f"/activiteiten/{activity.id}/aanmelden", {"name": "Vera", "email": "vera@example.org"})
    visitor.post(_link(_mail("vera@example.org"), "/aanmelding/"))

    form = {
        "title": "Burendag",
        "kind": "party",
        "starts_at": (activity.starts_at + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M"),
        "location": "Buurthuis",
    }
    client.login(tess).post(f"/teams/{team.id}/activiteiten/{activity.id}/bewerken", form)
    assert "is veranderd" in _mail("vera@example.org").subject
    client.post(f"/teams/{team.id}/activiteiten/{activity.id}/afzeggen", {"reason": "Storm voorspeld."})
    assert "Burendag gaat niet door. De reden: Storm voorspeld." == _mail("vera@example.org").subject
    kinds = db.session.scalars(
        sa.select(Notification.kind).where(Notification.user_id == ali.id).order_by(Notification.id)
    ).all()
    assert kinds == ["signup.confirmed", "signup.changed", "signup.cancelled"]


def test_sign_ups_sign_offs_promotions_and_check_ins_are_audited(app, client, world):
    team, tess, activity = world
    people = [make_user(name, email=f"{name.lower()}@example.org") for name in ("Ali", "Bo", "Cas")]
    for person in people:
        type(client)(app.test_client()).login(person).post(f"/activiteiten/{activity.id}/aanmelden")
    client.login(people[0]).post(f"/activiteiten/{activity.id}/afmelden")
    second = db.session.scalar(sa.select(SignUp).where(SignUp.email == "bo@example.org"))
    client.login(tess).post(f"/teams/{team.id}/activiteiten/{activity.id}/aanmeldingen/{second.id}/binnen")
    actions = db.session.scalars(sa.select(AuditEntry.action).where(AuditEntry.object_type == "signup")).all()
    assert actions.count("signup.placed") == 3
    assert {"signup.signed_off", "signup.promoted", "signup.checked_in"} <= set(actions)


def test_an_unknown_link_leads_home_with_a_message(client):
    for path in ("/aanmelding/onbekend", "/aanmelding/onbekend/afmelden"):
        response = client.get(path, follow_redirects=True)
        assert "Deze link werkt niet (meer)." in response.get_data(as_text=True)
