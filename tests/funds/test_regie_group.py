"""A coordinator appoints residents to a fund's regie-group for a term and changes a seat's
role or term; the group has one chair and no municipal staff."""

from datetime import timedelta

import pytest
import sqlalchemy as sa

from app.core.timezone import local_today
from app.extensions import db
from app.money.models import RegieMember, RegieRole
from tests.factories import make_fund, make_neighbourhood, make_user, seat
from tests.funds.conftest import page


def seats(fund) -> dict[int, tuple]:
    rows = db.session.execute(
        sa.select(RegieMember.user_id, RegieMember.role, RegieMember.starts_on, RegieMember.ends_on).where(
            RegieMember.fund_id == fund.id
        )
    )
    return {user_id: (role, start, end) for user_id, role, start, end in rows}


def appoint_form(email, role="member", start=None, end=None):
    today = local_today()
    return {
        "email": email,
        "role": role,
        "starts_on": (start or today).isoformat(),
        "ends_on": (end or today + timedelta(days=365)).isoformat(),
    }


def test_the_coordinator_appoints_a_resident_by_e_mail_address(client, w):
    client.login(w.coordinator)
    group = page(client.get(f"/fondsen/{w.fund.id}/regiegroep"))
    assert "Carla Voorzitter" in group and "Voorzitter," in group and "Rik Regie" in group
    response = client.post(f"/fondsen/{w.fund.id}/regiegroep", appoint_form(f"  {w.rosa.email.upper()} "))
    assert response.status_code == 302
    assert seats(w.fund)[w.rosa.id][0] == RegieRole.MEMBER
    assert "Rosa Resident zit nu in de regiegroep." in page(client.get(response.location))


BAD = [
    (lambda w: appoint_form("niemand@example.org"), "Er is geen account met dit e-mailadres."),
    (lambda w: appoint_form(""), "Vul het e-mailadres in van de bewoner die u wilt benoemen."),
    (lambda w: appoint_form(w.coordinator.email), "Medewerkers van de gemeente zitten niet in de regiegroep."),
    (
        lambda w: appoint_form(w.rosa.email, "chair"),
        "Dit buurtbudget heeft al een voorzitter. Maak die eerst gewoon lid.",
    ),
    (lambda w: appoint_form(w.rik.email), "Deze bewoner zit al in de regiegroep."),
    (lambda w: appoint_form(w.rosa.email, ""), "Kies de rol: voorzitter, plaatsvervanger of lid."),
    (
        lambda w: appoint_form(w.rosa.email, end=local_today() - timedelta(days=1)),
        "De termijn eindigt voor ze begint. Kijk de datums na.",
    ),
    (lambda w: appoint_form(w.rosa.email) | {"ends_on": "volgend jaar"}, "Vul de laatste dag van de termijn in."),
]


@pytest.mark.parametrize(("form", "message"), BAD, ids=[m for _f, m in BAD])
def test_a_refused_appointment_says_why_and_seats_nobody(client, w, form, message):
    client.login(w.coordinator)
    before = seats(w.fund)
    response = client.post(f"/fondsen/{w.fund.id}/regiegroep", form(w))
    assert response.status_code == 200
    assert message in page(response)
    assert seats(w.fund) == before


def seat_form(seat_id, role, start, end):
    prefix = f"zetel{seat_id}-"
    return {prefix + "role": role, prefix + "starts_on": start.isoformat(), prefix + "ends_on": end.isoformat()}


def test_a_term_ended_early_takes_the_fund_away_from_the_next_day_on(client, w):
    client.login(w.coordinator)
    today = local_today()
    start = today - timedelta(days=10)
    response = client.post(
        f"/fondsen/{w.fund.id}/regiegroep/{w.member_seat.id}", seat_form(w.member_seat.id, "deputy", start, today)
    )
    assert response.status_code == 302
    assert seats(w.fund)[w.rik.id] == (RegieRole.DEPUTY, start, today)
    client.login(w.rik)
    assert client.get(f"/fondsen/{w.fund.id}").status_code == 200  # still today
    db.session.get(RegieMember, w.member_seat.id).ends_on = today - timedelta(days=1)
    assert client.get(f"/fondsen/{w.fund.id}").status_code == 403


def test_a_refused_change_says_why_on_the_seat_and_changes_nothing(client, w):
    client.login(w.coordinator)
    today = local_today()
    before = seats(w.fund)
    url = f"/fondsen/{w.fund.id}/regiegroep/{w.member_seat.id}"
    for form, message in (
        (seat_form(w.member_seat.id, "chair", today, today), "Dit buurtbudget heeft al een voorzitter."),
        (seat_form(w.member_seat.id, "member", today, today - timedelta(days=1)), "De termijn eindigt voor ze begint."),
        (seat_form(w.member_seat.id, "", today, today), "Kies de rol: voorzitter, plaatsvervanger of lid."),
    ):
        response = client.post(url, form)
        assert response.status_code == 200 and message in page(response)
        assert seats(w.fund) == before


def test_a_seat_of_another_fund_does_not_exist_here(client, w):
    other = make_fund(make_neighbourhood("Liendert"), w.coordinator)
    their_seat = seat(other, w.coordinator, make_user("Lies Liendert"))
    client.login(w.coordinator)
    today = local_today()
    response = client.post(
        f"/fondsen/{w.fund.id}/regiegroep/{their_seat.id}", seat_form(their_seat.id, "member", today, today)
    )
    assert response.status_code == 404
    assert db.session.get(RegieMember, their_seat.id).ends_on != today


def test_regie_members_do_not_manage_their_group(client, w):
    client.login(w.chair)
    assert client.post(f"/fondsen/{w.fund.id}/regiegroep", appoint_form(w.rosa.email)).status_code == 403
    assert w.rosa.id not in seats(w.fund)
