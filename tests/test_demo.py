"""`flask seed demo`: the demo is built through the services, shows a voucher request in
every state with the ledger that belongs to it, and is safe to run twice."""

import pytest
import sqlalchemy as sa

from app.accounts.models import User
from app.accounts.services import find_user_by_email
from app.accounts.sessions import user_of
from app.activities.models import Activity
from app.core.scope import staff_for
from app.extensions import db
from app.money import ledger
from app.money.models import Fund, LedgerEntry, RegieMember, RegieRole
from app.money.requests.models import AWARDED, Advice, Assessment, RequestStatus, VoucherRequest
from app.money.requests.policy import recused
from app.money.requests.services import COUNTED, team_size
from app.money.settlement import services as settlement
from app.places.models import Municipality, Neighbourhood
from app.teams.models import Team
from seeds.demo import DEMO_PASSWORD, build_demo
from seeds.demo_funds import TOTAL_CENTS
from tests.conftest import session_on

PAID = (RequestStatus.PAID_OUT, RequestStatus.ACCOUNTED, RequestStatus.SETTLED)


@pytest.fixture(scope="module")
def demo(app, module_transaction, tmp_path_factory):
    """Built once: the module's tests each read it in a savepoint of their own."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setitem(app.config, "UPLOAD_FOLDER", str(tmp_path_factory.mktemp("demo")))  # the receipt and the photo
        with session_on(app, module_transaction):
            logins = build_demo()
            db.session.commit()
        yield logins


def _hood(name: str) -> Neighbourhood:
    return db.session.scalar(sa.select(Neighbourhood).where(Neighbourhood.name == name))


def _fund(name: str) -> Fund:
    return db.session.scalar(sa.select(Fund).where(Fund.neighbourhood_id == _hood(name).id))


def _requests() -> list[VoucherRequest]:
    return list(db.session.scalars(sa.select(VoucherRequest).order_by(VoucherRequest.id)))


def test_the_demo_has_a_request_in_every_state(demo):
    assert sorted(request.status for request in _requests()) == sorted(RequestStatus)
    settled = next(request for request in _requests() if request.status == RequestStatus.SETTLED)
    assert 0 < settlement.spent(settled) < settled.awarded_cents  # so money went back to the fund


def test_the_funds_balances_follow_from_the_requests(demo):
    kruiskamp = _fund("Kruiskamp")
    requests = _requests()
    assert {request.fund_id for request in requests} == {kruiskamp.id}
    balances = ledger.balances(kruiskamp)
    awarded = {status: 0 for status in RequestStatus}
    for request in requests:
        awarded[request.status] += request.awarded_cents or 0
        held = ledger.held_for(request.id)
        assert held.reserved == (request.awarded_cents if request.status in AWARDED else 0)
        assert held.paid_out == (request.awarded_cents if request.status in PAID else 0)
    returned = sum(r.awarded_cents - settlement.spent(r) for r in requests if r.status == RequestStatus.SETTLED)
    assert (balances.total, balances.support) == (TOTAL_CENTS, TOTAL_CENTS // 10)
    assert balances.reserved == sum(awarded[status] for status in AWARDED) > 0
    assert balances.paid_out == sum(awarded[status] for status in PAID) > 0
    assert balances.returned == returned > 0
    assert balances.available == TOTAL_CENTS * 9 // 10 - balances.reserved - balances.paid_out + returned
    assert balances.is_sound()
    for name in ("Schothorst-Zuid", "Liendert"):  # a fund, no requests yet
        assert ledger.balances(_fund(name)).available == TOTAL_CENTS * 9 // 10


def test_each_fund_has_a_regie_group_and_teams_meet_the_minimum(demo):
    for name in ("Kruiskamp", "Schothorst-Zuid", "Liendert"):
        fund = _fund(name)
        roles = sorted(db.session.scalars(sa.select(RegieMember.role).where(RegieMember.fund_id == fund.id)))
        assert roles.count(RegieRole.CHAIR) == roles.count(RegieRole.DEPUTY) == 1 and len(roles) >= 3
    kruiskamp = _fund("Kruiskamp")
    for team in db.session.scalars(sa.select(Team)):
        assert team_size(team) >= kruiskamp.min_team_size
        counted = [r for r in _requests() if r.team_id == team.id and r.status in COUNTED]
        asked = sum(r.requested_cents if r.awarded_cents is None else r.awarded_cents for r in counted)
        assert asked <= kruiskamp.max_per_team_cents - 250_00  # room for a new request in a story


def test_one_regie_member_is_recused_for_her_own_team_and_no_one_else(demo):
    fund = _fund("Kruiskamp")
    seated = [
        db.session.get(User, user_id)
        for user_id in db.session.scalars(sa.select(RegieMember.user_id).where(RegieMember.fund_id == fund.id))
    ]
    flat = db.session.scalar(sa.select(Team).where(Team.name == "Flat Lindelaan Burennetwerk"))
    latifa = find_user_by_email("latifa@example.org")
    for request in _requests():
        in_team = {user.id for user in seated if recused(user, request)}
        assert in_team == ({latifa.id} if request.team_id == flat.id else set())
        advisers = set(db.session.scalars(sa.select(Assessment.user_id).where(Assessment.request_id == request.id)))
        assert not advisers & in_team


def test_the_demo_regie_member_can_log_in_and_has_advice_to_give(demo, client):
    regie = find_user_by_email("regie@example.org")
    assert ("regie", "regie@example.org") in demo
    assert regie.is_active and regie.email_confirmed_at is not None
    in_review = next(request for request in _requests() if request.status == RequestStatus.IN_REVIEW)
    advices = list(db.session.scalars(sa.select(Assessment).where(Assessment.request_id == in_review.id)))
    assert [advice.advice for advice in advices] == [Advice.AWARD]  # the regie member gives the second
    response = client.post("/inloggen", {"email": "regie@example.org", "password": DEMO_PASSWORD})
    assert response.status_code == 302
    with client.http.session_transaction() as session:
        signed_id = session["_user_id"]
    # The identity is signed with a timestamp, so it is compared by whom it names, not by its text.
    assert user_of(signed_id) == regie


def test_the_browser_stories_facts_stay_true(demo):
    assert db.session.scalar(sa.select(sa.func.count()).where(Team.neighbourhood_id == _hood("Kruiskamp").id)) == 2
    for name in ("Liendert", "Schothorst-Zuid"):
        hood = _hood(name)
        assert db.session.scalar(sa.select(sa.func.count()).where(Team.neighbourhood_id == hood.id)) == 0
    tuin = db.session.scalar(sa.select(Activity).where(Activity.title == "Samen de binnentuin opknappen"))
    assert tuin.capacity == 8


def test_running_the_demo_again_adds_nothing(demo):
    counted = (VoucherRequest, LedgerEntry, Fund, RegieMember, Activity, Team)
    before = [db.session.scalar(sa.select(sa.func.count()).select_from(model)) for model in counted]
    assert build_demo() == demo
    assert [db.session.scalar(sa.select(sa.func.count()).select_from(model)) for model in counted] == before


def test_the_demo_has_a_second_municipality_with_its_own_coordinator(demo, client):
    towns = {m.name: m.id for m in db.session.scalars(sa.select(Municipality))}
    assert set(towns) == {"Amersfoort", "Leusden"}
    karim, ingrid = find_user_by_email("coordinator@example.org"), find_user_by_email("coordinator2@example.org")
    assert ("coordinator2", "coordinator2@example.org") in demo and ingrid.is_coordinator
    assert staff_for(karim, towns["Amersfoort"]) and not staff_for(karim, towns["Leusden"])
    assert staff_for(ingrid, towns["Leusden"]) and not staff_for(ingrid, towns["Amersfoort"])
    leusden = _hood("Leusden-Zuid")
    names = set(db.session.scalars(sa.select(Team.name).where(Team.neighbourhood_id == leusden.id)))
    assert names == {"Buurtkamer Leusden-Zuid", "Speelveld Rozenhof"} and _fund("Leusden-Zuid") is not None
    client.post("/inloggen", {"email": "coordinator2@example.org", "password": DEMO_PASSWORD})
    page = client.get("/coordinatie").get_data(as_text=True)
    assert "Speelveld Rozenhof" in page and "Pruimengaarde Samen" not in page
    amersfoort_team = db.session.scalar(sa.select(Team).where(Team.name == "Pruimengaarde Samen"))
    assert client.get(f"/teams/{amersfoort_team.id}/begeleiding").status_code == 404
