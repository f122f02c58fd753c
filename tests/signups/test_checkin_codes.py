"""Issue 27 item 6: each sign-up has a short personal code; the mail that gives a place
carries it with a QR code of a check-in link. At the door the team types the code, or opens
the link (the phone's camera reads the QR code) and checks the person in with a button. The
link works for the team and staff only; a GET changes nothing."""

import re

import sqlalchemy as sa

from app.accounts.models import User
from app.core import codes
from app.core.audit import AuditEntry
from app.core.mail import OutboxAttachment
from app.core.notifications import Notification
from app.extensions import db
from app.signups import checkin
from app.signups.models import SignUp, SignUpStatus
from app.teams.models import MemberRole, Membership, Team
from tests.factories import add_member, make_user
from tests.qr import codes_on_page, decode_png
from tests.signups.helpers import last_mail, public_activity, signed_up_visitor

CODE = re.compile(rf"^[{codes.ALPHABET}]{{6}}$")


def _link(activity, sign_up) -> str:
    return f"/teams/{activity.team_id}/activiteiten/{activity.id}/binnen/{sign_up.checkin_code}"


def test_the_mail_that_gives_a_place_carries_the_code_and_a_qr_code_of_the_check_in_link(client):
    activity, sign_up = signed_up_visitor(client)
    assert CODE.match(sign_up.checkin_code)
    mail = last_mail("vera@example.org")
    assert "Er is een plaats voor u." in mail.body
    assert codes.shown(sign_up.checkin_code) in mail.body
    link = "https://buurtmakers.test" + _link(activity, sign_up)
    assert link in mail.body  # a text-only mail program still has the code and the link
    assert 'src="cid:inchecken.png"' in mail.html and codes.shown(sign_up.checkin_code) in mail.html
    attachments = db.session.scalars(
        sa.select(OutboxAttachment).where(OutboxAttachment.mail_id == mail.id).order_by(OutboxAttachment.id)
    )
    image, calendar = attachments  # and the activity for the phone's calendar (item 3)
    assert image.inline and image.mimetype == "image/png" and calendar.mimetype == "text/calendar"
    assert decode_png(image.content) == [link]


def test_the_first_mail_asks_to_confirm_and_has_no_code_yet(client):
    _team, _tess, activity = public_activity()
    client.post(f"/activiteiten/{activity.id}/aanmelden", {"name": "Vera Visser", "email": "vera@example.org"})
    mail = last_mail("vera@example.org")
    assert "bevestigen" in mail.body and "binnenkomst" not in mail.body and mail.html is None


def test_a_resident_finds_the_code_in_the_message_and_on_the_activity_page(client, ctx):
    _team, _tess, activity = public_activity()
    resident = make_user("Rosa Resident")
    client.login(resident)
    client.post(f"/activiteiten/{activity.id}/aanmelden")
    sign_up = db.session.scalar(sa.select(SignUp).where(SignUp.user_id == resident.id))
    note = db.session.scalar(sa.select(Notification).where(Notification.user_id == resident.id))
    assert codes.shown(sign_up.checkin_code) in note.text
    page = client.get(f"/activiteiten/{activity.id}").get_data(as_text=True)
    assert codes.shown(sign_up.checkin_code) in page
    assert codes_on_page(page) == ["https://buurtmakers.test" + _link(activity, sign_up)]


def test_codes_are_unique_in_their_activity(monkeypatch):
    _team, _tess, activity = public_activity()
    taken = SignUp(activity_id=activity.id, name="A", email=None, status=SignUpStatus.CONFIRMED, token="t-a")
    taken.checkin_code = "AAAAAA"
    db.session.add(taken)
    db.session.flush()
    offered = iter(["AAAAAA", "AAAAAA", "CCCCCC"])
    monkeypatch.setattr(checkin, "new_code", lambda: next(offered))
    assert checkin.free_code(activity.id) == "CCCCCC"


def test_the_team_types_the_code_as_it_reads_it(client):
    activity, sign_up = signed_up_visitor(client)
    team_id, tess = activity.team_id, _trekker(activity)
    client.login(tess)
    typed = codes.shown(sign_up.checkin_code).lower().replace(" ", "-")  # "k7m-4qx"
    url = f"/teams/{team_id}/activiteiten/{activity.id}/aanmeldingen/code"
    response = client.post(url, {"code": typed})
    assert response.status_code == 302 and response.location.endswith(f"#a-{sign_up.id}")
    assert sign_up.checked_in_at is not None
    first = sign_up.checked_in_at
    client.post(url, {"code": sign_up.checkin_code})  # twice is the same as once (no toggle)
    assert sign_up.checked_in_at == first
    entries = db.session.scalars(sa.select(AuditEntry).where(AuditEntry.action == "signup.checked_in")).all()
    assert [entry.data.get("by_code") for entry in entries] == ["True"]  # the log keeps values as text


def test_a_wrong_code_gets_a_clear_message_and_changes_nothing(client):
    activity, sign_up = signed_up_visitor(client)
    client.login(_trekker(activity))
    url = f"/teams/{activity.team_id}/activiteiten/{activity.id}/aanmeldingen/code"
    for typed, message in (
        ("", "Vul de code in."),
        ("ZZZZZZ", "Deze code hoort bij niemand van deze activiteit."),
        ("x" * 30, "20"),
    ):
        page = client.post(url, {"code": typed}).get_data(as_text=True)
        assert message in page, typed
    assert sign_up.checked_in_at is None


def test_someone_on_the_waitlist_is_not_checked_in_by_code(client):
    _team, tess, activity = public_activity()
    activity.capacity = 1
    signed_up_visitor(client, activity, "eerst@example.org")
    _activity, waiting = signed_up_visitor(client, activity, "later@example.org")
    assert waiting.status == SignUpStatus.WAITLISTED
    client.login(tess)
    url = f"/teams/{activity.team_id}/activiteiten/{activity.id}/aanmeldingen/code"
    assert "geen plaats" in client.post(url, {"code": waiting.checkin_code}).get_data(as_text=True)
    assert waiting.checked_in_at is None


def test_the_check_in_link_opens_for_the_team_and_checks_in_with_a_button(client):
    activity, sign_up = signed_up_visitor(client)
    link = _link(activity, sign_up)
    client.login(_trekker(activity))
    page = client.get(link).get_data(as_text=True)
    assert "Vera Visser" in page and "Zet Vera Visser op binnen" in page
    assert sign_up.checked_in_at is None  # opening the link changed nothing
    response = client.post(link)
    assert response.status_code == 302 and sign_up.checked_in_at is not None
    assert "staat al op binnen" in client.get(link).get_data(as_text=True)


def test_the_check_in_link_refuses_anyone_but_the_team_and_staff(client):
    activity, sign_up = signed_up_visitor(client)
    link = _link(activity, sign_up)
    response = client.get(link)
    assert response.status_code == 302 and "/inloggen" in response.location  # the visitor: log in first
    resident = make_user("Rosa Resident")
    assert client.login(resident).post(link).status_code == 403
    assert sign_up.checked_in_at is None
    coordinator = make_user("Cor", is_coordinator=True)
    assert client.login(coordinator).post(link).status_code == 302 and sign_up.checked_in_at is not None


def test_a_member_may_check_in_and_a_code_of_another_activity_does_not_exist_here(client):
    activity, sign_up = signed_up_visitor(client)
    team = _team_of(activity)
    member = make_user("Mo Member")
    add_member(team, member)
    _other_team, _tess, other = public_activity("Ander feest")
    client.login(member)
    unknown = client.get(f"/teams/{team.id}/activiteiten/{activity.id}/binnen/ZZZZZZ")
    assert unknown.location == f"/teams/{team.id}/activiteiten/{activity.id}/aanmeldingen"
    listed = client.get(unknown.location).get_data(as_text=True)
    assert "Deze code hoort bij niemand van deze activiteit." in listed
    # Another team's activity does not exist under this team.
    assert client.get(f"/teams/{team.id}/activiteiten/{other.id}/binnen/{sign_up.checkin_code}").status_code == 404
    assert client.get(_link(activity, sign_up)).status_code == 200
    assert sign_up.checked_in_at is None


def _team_of(activity) -> Team:
    return db.session.get(Team, activity.team_id)


def _trekker(activity) -> User:
    return db.session.scalar(
        sa.select(User)
        .join(Membership, Membership.user_id == User.id)
        .where(Membership.team_id == activity.team_id, Membership.role == MemberRole.TREKKER)
    )
