"""Each signal on the coordinator's dashboard: make its situation, see the signal, resolve
the situation the way people would, and see the signal go."""

import re
from datetime import timedelta

import pytest
import sqlalchemy as sa

from app.activities.models import Activity, ActivityStatus
from app.coaching import services as coaching
from app.coaching.models import NoteKind
from app.coordination.models import SignalKind
from app.core.models import utcnow
from app.core.timezone import local_today
from app.extensions import db
from app.helpdesk import services as helpdesk
from app.money.requests.models import Advice, Outcome, RequestStatus, VoucherLine
from app.money.review import services as review
from app.money.settlement import services as settlement
from app.teams import services as teams
from app.teams.models import MemberRole, Membership, TeamStatus
from tests.factories import add_member, make_fund, make_neighbourhood, make_request, make_team, make_user
from tests.vouchers.helpers import page_of
from tests.vouchers_review.conftest import PDF, bring_to, w  # noqa: F401 - w is a fixture


def shown(client, coordinator, kind: SignalKind, team, subject_id: int = 0) -> bool:
    """The signal is in the coordinator's list (each signal has its own snooze link)."""
    db.session.commit()  # cached pages and values show what was committed
    page = client.login(coordinator).get(f"/coordinatie/signalen?signaal={kind.value}").get_data(as_text=True)
    return f"/coordinatie/signalen/{kind.value}/{team.id}/{subject_id}/uitstellen" in page


@pytest.fixture
def hood():
    return make_neighbourhood("Kruiskamp")


@pytest.fixture
def coordinator(hood):
    return make_user("Cor Coördinator", hood, is_coordinator=True)


def test_accountability_overdue(client, w):  # noqa: F811
    request = bring_to(w, RequestStatus.PAID_OUT)
    assert not shown(client, w.coordinator, SignalKind.ACCOUNTABILITY_OVERDUE, w.team, request.id)
    request.accountability_due_on = local_today() - timedelta(days=1)  # the deadline passed
    db.session.flush()
    assert shown(client, w.coordinator, SignalKind.ACCOUNTABILITY_OVERDUE, w.team, request.id)

    activity = db.session.get(Activity, request.activity_id)
    activity.status, activity.starts_at = ActivityStatus.DONE, utcnow() - timedelta(days=40)
    line = db.session.scalar(sa.select(VoucherLine).where(VoucherLine.request_id == request.id))
    settlement.add_receipt(w.trekker, w.team, request, PDF, "Bon")
    settlement.account(w.trekker, w.team, request, {line.id: 150_00}, "Gedaan", 12)
    db.session.flush()
    assert not shown(client, w.coordinator, SignalKind.ACCOUNTABILITY_OVERDUE, w.team, request.id)


def test_awarded_money_waiting_for_payout(client, w):  # noqa: F811
    request = bring_to(w, RequestStatus.AWARDED)
    assert shown(client, w.coordinator, SignalKind.PAYOUT_WAITING, w.team, request.id)

    settlement.pay_out(w.coordinator, request)
    assert not shown(client, w.coordinator, SignalKind.PAYOUT_WAITING, w.team, request.id)


def test_accountability_waiting_for_its_check(client, w):  # noqa: F811
    request = bring_to(w, RequestStatus.ACCOUNTED)
    assert shown(client, w.coordinator, SignalKind.ACCOUNTABILITY_CHECK, w.team, request.id)

    settlement.review(w.coordinator, request, False, "De bon van de koffie ontbreekt.")  # back to the team
    assert not shown(client, w.coordinator, SignalKind.ACCOUNTABILITY_CHECK, w.team, request.id)
    line = db.session.scalar(sa.select(VoucherLine).where(VoucherLine.request_id == request.id))
    settlement.account(w.trekker, w.team, request, {line.id: 150_00}, "Met de bon erbij", 24)
    assert shown(client, w.coordinator, SignalKind.ACCOUNTABILITY_CHECK, w.team, request.id)
    settlement.review(w.coordinator, request, True, "")
    assert not shown(client, w.coordinator, SignalKind.ACCOUNTABILITY_CHECK, w.team, request.id)


def _awarded(w, days_ago: int):  # noqa: F811
    request = make_request(w.team, w.trekker, w.fund, amount_cents=100_00)
    for user in (w.chair, w.rik):
        review.assess(user, request, Advice.AWARD, None, "Goed plan")
    review.decide(w.chair, request, Outcome.AWARDED, 0, "")
    request.decided_at = utcnow() - timedelta(days=days_ago)
    return request


def _accounted(w, days_ago: int):  # noqa: F811
    request = _awarded(w, days_ago + 20)
    settlement.pay_out(w.coordinator, request)
    activity = db.session.get(Activity, request.activity_id)
    activity.status, activity.starts_at = ActivityStatus.DONE, utcnow() - timedelta(days=days_ago + 1)
    line = db.session.scalar(sa.select(VoucherLine).where(VoucherLine.request_id == request.id))
    settlement.add_receipt(w.trekker, w.team, request, PDF, "Bon")
    accountability = settlement.account(w.trekker, w.team, request, {line.id: 80_00}, "Gedaan", 12)
    accountability.submitted_at = utcnow() - timedelta(days=days_ago)
    return request


def test_three_payouts_and_two_checks_show_on_the_dashboard_with_their_age_and_what_to_do(client, w):  # noqa: F811
    """Issue 24, item 8: the walk-through saw no signal for any of them."""
    waiting = [_awarded(w, days) for days in (1, 4, 9)]
    to_check = [_accounted(w, days) for days in (2, 6)]
    w.request.submitted_at = utcnow() - timedelta(days=60)  # and a decision that waits too long
    db.session.commit()
    page = page_of(client.login(w.coordinator).get("/coordinatie"))
    figures = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", page))
    assert "Geld wacht op uitbetaling: 3" in figures and "Verantwoording wacht op controle: 2" in figures
    assert "Maak het toegekende geld over naar het team en leg de uitbetaling vast." in page
    assert "Keur de verantwoording goed of stuur haar terug." in page
    for request in waiting:
        assert f'href="/vouchers/{request.id}/uitbetaling"' in page
    for request in to_check:
        assert f'href="/vouchers/{request.id}/controle"' in page
    # Each says which request it is about, with the amount.
    assert page.count("Aanvraag voor Buurtfeest: € 100,00") == 5
    # The oldest first within a kind, each with its age.
    oldest, newest = (page.index(f"/payout_waiting/{w.team.id}/{r.id}/") for r in (waiting[2], waiting[0]))
    assert oldest < newest and "(9 dagen)" in page and "(6 dagen)" in page
    # Money waiting comes before people and teams waiting.
    assert page.index("/payout_waiting/") < page.index("/accountability_check/") < page.index("/decision_pending/")


def test_a_money_signal_can_be_snoozed_like_the_others(client, w):  # noqa: F811
    request = bring_to(w, RequestStatus.AWARDED)
    db.session.commit()
    url = f"/coordinatie/signalen/payout_waiting/{w.team.id}/{request.id}/uitstellen"
    until = (local_today() + timedelta(days=7)).isoformat()
    response = client.login(w.coordinator).post(
        url, {"until": until, "reason": "Het team wacht op een rekeningnummer."}
    )
    assert response.status_code == 302
    assert not shown(client, w.coordinator, SignalKind.PAYOUT_WAITING, w.team, request.id)


def test_decision_pending_too_long(client, app, w):  # noqa: F811
    request = w.request
    assert not shown(client, w.coordinator, SignalKind.DECISION_PENDING, w.team, request.id)
    request.submitted_at = utcnow() - timedelta(days=app.config["SIGNAL_DECISION_PENDING_DAYS"] + 1)
    db.session.flush()
    assert shown(client, w.coordinator, SignalKind.DECISION_PENDING, w.team, request.id)

    for user in (w.chair, w.rik):
        review.assess(user, request, Advice.AWARD, None, "Goed plan")
    review.decide(w.chair, request, Outcome.AWARDED, 0, "")
    db.session.flush()
    assert not shown(client, w.coordinator, SignalKind.DECISION_PENDING, w.team, request.id)


def test_question_unanswered_too_long(client, app, hood, coordinator):
    trekker = make_user("Tess Trekker", hood)
    team = make_team(hood, trekker)
    question = helpdesk.ask(trekker, team, "Sleutel buurthuis", "Wie heeft de sleutel van het buurthuis?")
    db.session.flush()
    assert not shown(client, coordinator, SignalKind.QUESTION_UNANSWERED, team, question.id)
    days = app.config["SIGNAL_QUESTION_UNANSWERED_DAYS"]
    question.awaiting_answer_since = utcnow() - timedelta(days=days + 1)
    db.session.flush()
    assert shown(client, coordinator, SignalKind.QUESTION_UNANSWERED, team, question.id)

    helpdesk.reply(coordinator, team, question, "De beheerder, Jan. Hij is er op dinsdag.")
    db.session.flush()
    assert not shown(client, coordinator, SignalKind.QUESTION_UNANSWERED, team, question.id)


def test_team_without_a_trekker(client, hood, coordinator):
    trekker, mo = make_user("Tess Trekker", hood), make_user("Mo Buur", hood)
    team = make_team(hood, trekker)
    add_member(team, mo)
    assert not shown(client, coordinator, SignalKind.NO_TREKKER, team)
    # The only trekker's membership ends (an erased account, or a coordinator's correction).
    db.session.execute(sa.delete(Membership).where(Membership.user_id == trekker.id))
    assert shown(client, coordinator, SignalKind.NO_TREKKER, team)

    db.session.execute(sa.update(Membership).where(Membership.user_id == mo.id).values(role=MemberRole.TREKKER))
    assert not shown(client, coordinator, SignalKind.NO_TREKKER, team)


def test_team_below_its_funds_minimum_size(client, hood, coordinator):
    trekker = make_user("Tess Trekker", hood)
    team = make_team(hood, trekker)
    add_member(team, make_user("Sam Helper", hood), MemberRole.SUPPORTER)  # a helper does not count
    assert not shown(client, coordinator, SignalKind.BELOW_MINIMUM, team)  # no fund: no minimum
    make_fund(hood, coordinator, min_team_size=3)
    assert shown(client, coordinator, SignalKind.BELOW_MINIMUM, team)

    add_member(team, make_user("Mo Buur", hood))
    add_member(team, make_user("Ida Buur", hood))
    assert not shown(client, coordinator, SignalKind.BELOW_MINIMUM, team)
    small = make_team(hood, make_user("Kim Trekker", hood))  # counted per team, not over all teams
    assert shown(client, coordinator, SignalKind.BELOW_MINIMUM, small)


def test_starting_team_without_support_contact(client, app, hood, coordinator):
    team = make_team(hood, make_user("Tess Trekker", hood))
    assert team.status == TeamStatus.STARTING
    assert not shown(client, coordinator, SignalKind.NO_SUPPORT_CONTACT, team)  # just started
    team.created_at = utcnow() - timedelta(days=app.config["SIGNAL_NO_CONTACT_DAYS"] + 1)
    db.session.flush()
    assert shown(client, coordinator, SignalKind.NO_SUPPORT_CONTACT, team)

    coaching.add_note(coordinator, team, NoteKind.VISIT, local_today(), "Kennisgemaakt in het buurthuis.")
    db.session.flush()
    assert not shown(client, coordinator, SignalKind.NO_SUPPORT_CONTACT, team)


def test_dormant_and_heading_dormant(client, app, hood, coordinator):
    trekker = make_user("Tess Trekker", hood)
    team = make_team(hood, trekker)
    heading_days, dormant_days = app.config["SIGNAL_HEADING_DORMANT_DAYS"], app.config["TEAM_DORMANT_AFTER_DAYS"]
    assert not shown(client, coordinator, SignalKind.HEADING_DORMANT, team)

    team.last_activity_at = utcnow() - timedelta(days=heading_days + 1)
    db.session.flush()
    assert shown(client, coordinator, SignalKind.HEADING_DORMANT, team)
    assert not shown(client, coordinator, SignalKind.DORMANT, team)

    team.last_activity_at = utcnow() - timedelta(days=dormant_days + 1)
    assert teams.mark_dormant_teams() == 1
    assert shown(client, coordinator, SignalKind.DORMANT, team)
    assert not shown(client, coordinator, SignalKind.HEADING_DORMANT, team)  # one signal at a time

    teams.touch(trekker, team)  # the team plans something: awake again
    db.session.flush()
    assert not shown(client, coordinator, SignalKind.DORMANT, team)
    assert not shown(client, coordinator, SignalKind.HEADING_DORMANT, team)


def test_signals_are_ordered_by_urgency_and_filtered_per_neighbourhood(client, app, w):  # noqa: F811
    other_hood = make_neighbourhood("Pruimengaarde")
    quiet = make_team(other_hood, make_user("Ola Oost", other_hood), name="Stille Straat")
    quiet.last_activity_at = utcnow() - timedelta(days=app.config["SIGNAL_HEADING_DORMANT_DAYS"] + 5)
    request = bring_to(w, RequestStatus.PAID_OUT)
    request.accountability_due_on = local_today() - timedelta(days=3)
    db.session.flush()

    page = client.login(w.coordinator).get("/coordinatie").get_data(as_text=True)
    money = page.index(f"/coordinatie/signalen/accountability_overdue/{w.team.id}/{request.id}/uitstellen")
    drifting = page.index(f"/coordinatie/signalen/heading_dormant/{quiet.id}/0/uitstellen")
    assert money < drifting  # money before teams drifting

    page = client.get(f"/coordinatie?buurt={w.team.neighbourhood_id}").get_data(as_text=True)
    assert f"/heading_dormant/{quiet.id}/" not in page
    assert f"/accountability_overdue/{w.team.id}/" in page
