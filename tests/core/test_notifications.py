"""In-app messages with a mail copy: what teams already do tells the people concerned."""

import sqlalchemy as sa

from app.core.mail import OutboxMail
from app.core.notifications import Notification
from app.extensions import db
from app.teams.models import MemberRole, MembershipState
from tests.factories import add_member, make_neighbourhood, make_team, make_user


def _notes(user) -> list[Notification]:
    return list(db.session.scalars(sa.select(Notification).where(Notification.user_id == user.id)))


def _mail_to(user) -> OutboxMail:
    return db.session.scalar(sa.select(OutboxMail).where(OutboxMail.recipient == user.email))


def test_a_join_request_tells_every_trekker_in_app_and_by_mail(client, ctx):
    hood = make_neighbourhood()
    tess, lin, piet = make_user("Tess", hood), make_user("Lin", hood), make_user("Piet Jansen", hood)
    team = make_team(hood, tess, name="Pruimengaarde Samen")
    add_member(team, lin, MemberRole.TREKKER)
    client.login(piet).post(f"/teams/{team.id}/aanmelden", {"message": ""})
    for trekker in (tess, lin):
        (note,) = _notes(trekker)
        assert note.link == f"/teams/{team.id}/leden"
        assert "Piet wil meedoen met Pruimengaarde Samen" in note.text
        mail = _mail_to(trekker)
        assert "Piet wil meedoen" in mail.body and f"https://buurtmakers.test/teams/{team.id}/leden" in mail.body
    page = client.login(tess).get("/account/berichten").get_data(as_text=True)
    assert "Piet wil meedoen met Pruimengaarde Samen" in page and "Nieuw:" in page
    assert "Berichten" in page and "(1 nieuw)" in page
    client.post("/account/berichten")
    assert "(1 nieuw)" not in client.get("/account/berichten").get_data(as_text=True)


def test_the_resident_hears_whether_the_request_was_accepted_or_declined(client, ctx):
    hood = make_neighbourhood()
    tess, mo, bo = make_user("Tess", hood), make_user("Mo", hood), make_user("Bo", hood)
    team = make_team(hood, tess, name="Pruimengaarde Samen")
    accepted = add_member(team, mo, MemberRole.MEMBER, MembershipState.REQUESTED)
    declined = add_member(team, bo, MemberRole.MEMBER, MembershipState.REQUESTED)
    client.login(tess).post(f"/teams/{team.id}/leden/{accepted.id}/accepteren")
    client.post(f"/teams/{team.id}/leden/{declined.id}/afwijzen")
    assert "U doet nu mee met Pruimengaarde Samen" in _notes(mo)[0].text
    assert "niet aangenomen" in _notes(bo)[0].text
    assert _mail_to(mo) is not None and _mail_to(bo) is not None


def test_a_message_of_a_retired_kind_reads_as_a_plain_message(client, ctx):
    tess = make_user("Tess", make_neighbourhood())
    db.session.add(Notification(user_id=tess.id, kind="team.kind_that_was_retired", data={"team": "X"}))
    response = client.login(tess).get("/account/berichten")
    assert response.status_code == 200
    assert "U heeft een bericht van Buurtmakers." in response.get_data(as_text=True)
