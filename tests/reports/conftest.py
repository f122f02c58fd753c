"""A generated world for the reports: three neighbourhoods of one municipality, teams in every
status (some with a status history in the audit log, some put in place without one, as a
seed does), activities that took place or not, with evaluations and templates, and voucher
requests in several states with the ledger entries the services wrote.

Times are moved into the past where the story needs it (a team made 200 days ago, a status
change 50 days ago): the audit log and the teams are plain tables; the ledger is append-only,
so its entries all happen today."""

import html
from datetime import timedelta
from types import SimpleNamespace

import pytest
import sqlalchemy as sa

from app.activities.models import Activity, ActivityStatus
from app.core.audit import AuditEntry
from app.core.models import utcnow
from app.core.timezone import local_today
from app.evaluations.models import Evaluation
from app.extensions import db
from app.money.requests import services as requests
from app.money.requests.models import Advice, Outcome, Receipt, VoucherLine
from app.money.review import services as review
from app.money.settlement import services as settlement
from app.outreach import services as outreach
from app.outreach.models import FIGURES, AreaKind
from app.places.models import Municipality
from app.teams import services as teams
from app.teams.models import Team, TeamStatus
from tests.factories import make_activity, make_fund, make_neighbourhood, make_request, make_team, make_template, seat
from tests.factories import make_user as _make_user


def page(response) -> str:
    """The page's text with HTML entities read back."""
    return html.unescape(response.get_data(as_text=True))


def ago(days: int):
    return utcnow() - timedelta(days=days)


def _move_status_changes(team: Team, days: int) -> None:
    db.session.execute(
        sa.update(AuditEntry)
        .where(AuditEntry.object_type == "team", AuditEntry.object_id == team.id)
        .values(at=ago(days))
    )


def _team(hood, trekker, name: str, made_days_ago: int) -> Team:
    team = make_team(hood, trekker, name=name)
    team.created_at = ago(made_days_ago)
    return team


def _activity(team, user, *, status, days_ago, participants=None, contacts=None, template=None, planned_days_ago=None):
    activity = make_activity(team, user, template=template, status=status, actual_participants=participants)
    activity.starts_at = ago(days_ago) if days_ago is not None else None
    if planned_days_ago is not None:
        activity.created_at = ago(planned_days_ago)
    if contacts is not None:
        db.session.add(Evaluation(activity_id=activity.id, new_contacts=contacts, story="", story_public=False))
    db.session.flush()
    return activity


def _teams(w) -> None:
    """Kruiskamp: a history in the audit log. Liendert: statuses without history. Hoogland:
    one old team."""
    coordinator, a, b, c = w.coordinator, w.hoods[0], w.hoods[1], w.hoods[2]
    active = _team(a, w.trekkers[0], "Buren van de Pruimengaarde", 100)
    teams.set_status(coordinator, active, TeamStatus.ACTIVE)
    _move_status_changes(active, 50)  # active since 50 days, made 100 days ago
    late = _team(a, w.trekkers[0], "Galerij Samen", 200)
    teams.set_status(coordinator, late, TeamStatus.SELF_RELIANT)  # today: 'starting' before
    _team(a, w.trekkers[0], "Nieuw Plein", 5)  # starting, new
    sleepy = _team(a, w.trekkers[0], "Stille Straat", 150)
    sleepy.last_activity_at = ago(400)
    teams.mark_dormant_teams()  # audited, today
    gone = _team(a, w.trekkers[0], "Oude Club", 300)
    teams.set_status(coordinator, gone, TeamStatus.ARCHIVED)
    _move_status_changes(gone, 20)
    for name, status, days in (
        ("Lindenhof", TeamStatus.ACTIVE, 300),
        ("Zonnebloem", TeamStatus.DORMANT, 40),
        ("Rozentuin", TeamStatus.SELF_RELIANT, 10),
        ("Klimop", TeamStatus.STARTING, 60),
    ):
        team = _team(b, w.trekkers[1], name, days)
        team.status = status  # as a seed puts it: no audit entry
    _team(c, w.trekkers[2], "Hooglanders", 500)
    w.team_a, w.team_b = active, db.session.scalar(sa.select(Team).where(Team.name == "Lindenhof"))
    db.session.flush()


def _activities(w) -> None:
    t1, t2 = w.templates
    a, b = w.team_a, w.team_b
    ta, tb = w.trekkers[0], w.trekkers[1]
    _activity(a, ta, status=ActivityStatus.EVALUATED, days_ago=5, participants=12, contacts=3, template=t1)
    _activity(a, ta, status=ActivityStatus.DONE, days_ago=45, participants=7, template=t1, planned_days_ago=60)
    _activity(a, ta, status=ActivityStatus.EVALUATED, days_ago=100, participants=20, contacts=6, template=t2)
    _activity(a, ta, status=ActivityStatus.PLANNED, days_ago=-10, template=t2)  # still to come
    _activity(a, ta, status=ActivityStatus.CANCELLED, days_ago=8)
    _activity(a, ta, status=ActivityStatus.DONE, days_ago=None, participants=4)  # no time: the day it was planned
    _activity(b, tb, status=ActivityStatus.EVALUATED, days_ago=15, participants=30, contacts=9, template=t1)
    _activity(b, tb, status=ActivityStatus.DONE, days_ago=400, participants=11, planned_days_ago=420)
    _activity(b, tb, status=ActivityStatus.IDEA, days_ago=None, template=t2, planned_days_ago=35)


def _decide(w, fund_seats, request, outcome, amount=0, motivation=""):
    chair, member = fund_seats
    advice = Advice.REJECT if outcome == Outcome.REJECTED else Advice.AWARD
    for user in (chair, member):
        review.assess(user, request, advice, None, "Advies")
    review.decide(chair, request, outcome, amount, motivation)


def _settle(w, request, spent_cents: int) -> None:
    """Paid out, the activity took place, accounted with `spent_cents`, approved."""
    settlement.pay_out(w.coordinator, request)
    activity = db.session.get(Activity, request.activity_id)
    activity.status, activity.starts_at = ActivityStatus.DONE, ago(3)
    line = db.session.scalar(sa.select(VoucherLine).where(VoucherLine.request_id == request.id))
    if spent_cents:
        db.session.add(Receipt(request_id=request.id, title="Bon", size=10, file_name=f"bon-{request.id}.pdf"))
    db.session.flush()
    team = db.session.get(Team, request.team_id)
    trekker = w.trekkers[w.hoods.index(next(h for h in w.hoods if h.id == team.neighbourhood_id))]
    settlement.account(trekker, team, request, {line.id: spent_cents}, "Het ging goed.", 10)
    settlement.review(w.coordinator, request, True, "")


def _money(w) -> None:
    (a, b), (ta, tb) = (w.hoods[0], w.hoods[1]), (w.trekkers[0], w.trekkers[1])
    w.funds = [make_fund(a, w.coordinator, total_cents=2_000_00), make_fund(b, w.coordinator, total_cents=1_000_00)]
    groups = []
    for fund in w.funds:
        chair, member = _make_user("Carla Voorzitter"), _make_user("Rik Regie")
        seat(fund, w.coordinator, chair, "chair")
        seat(fund, w.coordinator, member)
        groups.append((chair, member))
    settled = make_request(w.team_a, ta, w.funds[0], amount_cents=150_00)
    _decide(w, groups[0], settled, Outcome.AWARDED)
    _settle(w, settled, 110_00)  # € 40 comes back
    _decide(w, groups[0], make_request(w.team_a, ta, w.funds[0], amount_cents=80_00), Outcome.AWARDED)
    _decide(w, groups[0], make_request(w.team_a, ta, w.funds[0], amount_cents=90_00), Outcome.REJECTED, 0, "Te duur")
    lower = make_request(w.team_a, ta, w.funds[0], amount_cents=120_00)
    _decide(w, groups[0], lower, Outcome.PARTLY_AWARDED, 60_00, "Een deel")
    requests.withdraw(ta, w.team_a, make_request(w.team_a, ta, w.funds[0], amount_cents=50_00))
    make_request(w.team_a, ta, w.funds[0], amount_cents=70_00, submit=False)  # a draft: not requested
    old = make_request(w.team_b, tb, w.funds[1], amount_cents=200_00)
    old.submitted_at = ago(45)
    paid = make_request(w.team_b, tb, w.funds[1], amount_cents=100_00)
    _decide(w, groups[1], paid, Outcome.AWARDED)
    settlement.pay_out(w.coordinator, paid)
    db.session.flush()


def _outreach(w) -> None:
    """Visit rounds: Kruiskamp in two areas with known homes, Liendert in one with and one
    without; Hoogland none."""
    today = local_today()
    kruiskamp, liendert = w.hoods[0], w.hoods[1]
    rounds = [
        (kruiskamp, "Pruimengaarde", 200, [(100, 6), (45, 4), (10, 3)]),
        (kruiskamp, "Flat Lindelaan", 100, [(20, 2)]),
        (liendert, "Gasthuisstraat", 300, [(60, 9)]),
        (liendert, "Onbekend blok", None, [(5, 4)]),
    ]
    for hood, name, homes, visits in rounds:
        area = outreach.add_area(w.coordinator, hood, name, AreaKind.STREET, homes)
        for days_ago, willing in visits:
            figures = dict.fromkeys(FIGURES, 0) | {"doors_visited": 20, "conversations": 10, "willing_to_act": willing}
            outreach.record_round(w.coordinator, area, today - timedelta(days=days_ago), figures)


def build_world() -> SimpleNamespace:
    municipality = Municipality(name="Amersfoort")
    db.session.add(municipality)
    hoods = [make_neighbourhood(name, municipality) for name in ("Kruiskamp", "Liendert", "Hoogland")]
    w = SimpleNamespace(
        hoods=hoods,
        coordinator=_make_user("Cor Coördinator", hoods[0], is_coordinator=True),
        trekkers=[_make_user(f"Trekker {hood.name}", hood) for hood in hoods],
        templates=[make_template("Buurtbarbecue"), make_template("Portiekgesprek")],
    )
    _teams(w)
    _activities(w)
    _money(w)
    _outreach(w)
    return w


@pytest.fixture
def reports_world(app, ctx):
    return build_world()
