"""Small factories, so a test reads like a story: make_team(hood, trekker=anna)."""

import itertools
from datetime import timedelta

import sqlalchemy as sa

from app.accounts.models import User
from app.accounts.passwords import hash_password
from app.activities import services as activities
from app.activities.models import Activity, ActivityStatus
from app.coaching import residents
from app.core.models import utcnow
from app.core.timezone import local_today
from app.extensions import db
from app.money.funds.services import appoint, create_fund
from app.money.models import COST_CATEGORIES, DecisionRule, Fund, RegieMember, RegieRole
from app.money.requests import services as requests
from app.money.requests.models import VoucherRequest
from app.places.models import CoordinatorScope, Municipality, Neighbourhood
from app.teams import services as teams
from app.teams.models import MemberRole, Membership, MembershipState, Team, TeamKind
from app.templates_library.content import apply_content, normalise
from app.templates_library.models import Template

PASSWORD = "een-goed-wachtwoord"
_seq = itertools.count(1)
# Coordinators made without a scope work in every municipality, also in those a test makes
# later ("regio"), as every coordinator did before scopes: a test narrows it with `scope=`.
_regio: set[int] = set()


def make_municipality(name: str | None = None) -> Municipality:
    """A municipality, in the scope of the test's "regio" coordinators."""
    municipality = Municipality(name=name or f"Gemeente {next(_seq)}")
    db.session.add(municipality)
    db.session.flush()
    regio = db.session.scalars(sa.select(User.id).where(User.id.in_(_regio), User.is_coordinator))
    db.session.add_all(CoordinatorScope(user_id=user_id, municipality_id=municipality.id) for user_id in regio)
    db.session.flush()
    return municipality


def make_neighbourhood(name: str | None = None, municipality: Municipality | None = None, **kw) -> Neighbourhood:
    if municipality is None:
        municipality = make_municipality()
    hood = Neighbourhood(municipality=municipality, name=name or f"Buurt {next(_seq)}", **kw)
    db.session.add(hood)
    db.session.flush()
    return hood


def make_user(
    name: str = "Anna de Boer", neighbourhood: Neighbourhood | None = None, scope: list | None = None, **kw
) -> User:
    """A confirmed account. A coordinator works in the municipalities of `scope`, or in every
    one (now and later in the test) without it."""
    n = next(_seq)
    user = User(
        name=name,
        email=kw.pop("email", f"user{n}@example.org"),
        password_hash=hash_password(kw.pop("password", PASSWORD)),
        neighbourhood_id=neighbourhood.id if neighbourhood else None,
        email_confirmed_at=kw.pop("email_confirmed_at", utcnow()),
        # Seen today: a test's first request then writes no last-seen date (statement counts stay).
        last_seen_at=kw.pop("last_seen_at", utcnow()),
        **kw,
    )
    db.session.add(user)
    db.session.flush()
    if user.is_coordinator:
        give_scope(user, scope)
    return user


def give_scope(user: User, municipalities: list[Municipality] | None = None) -> None:
    """The coordinator's municipalities: these, or every one ("regio", also those made later)."""
    _regio.discard(user.id)
    if municipalities is None:
        _regio.add(user.id)
        municipalities = db.session.scalars(sa.select(Municipality)).all()
    db.session.execute(sa.delete(CoordinatorScope).where(CoordinatorScope.user_id == user.id))
    db.session.add_all(CoordinatorScope(user_id=user.id, municipality_id=m.id) for m in municipalities)
    db.session.flush()


def make_resident_without_email(
    name: str, neighbourhood: Neighbourhood, coordinator: User, contact: str = "033 123 45 67"
) -> User:
    """A resident a coordinator registered without e-mail, with their consent."""
    return residents.register(coordinator, name, neighbourhood.id, contact).user


def make_team(neighbourhood: Neighbourhood, trekker: User, name: str | None = None, **kw) -> Team:
    team = teams.create_team(
        trekker,
        neighbourhood.id,
        name or f"Team {next(_seq)}",
        kw.pop("kind", TeamKind.BUURTTEAM),
        kw.pop("area", "Dorpsstraat"),
        kw.pop("themes", ["ontmoeting"]),
        kw.pop("question", "Meer contact tussen buren"),
        kw.pop("description", ""),
        **kw,
    )
    db.session.flush()
    return team


def add_member(
    team: Team, user: User, role: MemberRole = MemberRole.MEMBER, state=MembershipState.ACTIVE
) -> Membership:
    membership = Membership(team_id=team.id, user_id=user.id, role=role, state=state)
    db.session.add(membership)
    db.session.flush()
    return membership


def make_template(name: str | None = None, **fields) -> Template:
    """A published template straight into the database (as a seed would put it)."""
    n = next(_seq)
    name = name or f"Aanpak {n}"
    content = normalise(
        {
            "name": name,
            "summary": fields.pop("summary", f"Korte uitleg van {name}"),
            "goal": fields.pop("goal", "Buren leren elkaar kennen."),
            "description": fields.pop("description", "Bewoners komen samen en maken een plan."),
            "recognition": fields.pop("recognition", "praktijkvoorbeeld"),
            "form": fields.pop("form", "werkwijze"),
            "problems": fields.pop("problems", ["weinig_contact"]),
            "solution_directions": fields.pop("solution_directions", ["ontmoeting"]),
            "steps": fields.pop("steps", [{"title": "Buren uitnodigen", "description": ""}, {"title": "Samen komen"}]),
            **fields,
        }
    )
    template = Template(slug=f"aanpak-{n}")
    apply_content(template, content)
    db.session.add(template)
    db.session.flush()
    return template


def make_activity(
    team: Team,
    user: User,
    template: Template | None = None,
    status: ActivityStatus | None = None,
    actual_participants: int | None = None,
) -> Activity:
    """An activity plan of the team, from a template when one is given."""
    steps = template.steps if template else [{"title": "Eerste stap"}]
    activity = activities.create_plan(
        user, team, template.name if template else "Buurtfeest", "", steps, template.id if template else None
    )
    if status is not None:
        activity.status = status
    activity.actual_participants = actual_participants
    db.session.flush()
    return activity


def make_fund(neighbourhood: Neighbourhood, coordinator: User, total_cents: int = 1_000_00, **rules) -> Fund:
    """A fund open for requests today, with rules that let a small team ask €100."""
    today = local_today()
    values = {
        "name": f"Buurtbudget {next(_seq)}",
        "period_start": today - timedelta(days=30),
        "period_end": today + timedelta(days=335),
        "support_percent": 0,
        "max_per_voucher_cents": 500_00,
        "max_per_team_cents": 1_000_00,
        "min_team_size": 1,
        "categories": list(COST_CATEGORIES),
        "opens_on": today - timedelta(days=30),
        "closes_on": today + timedelta(days=60),
        "accountability_days": 30,
        "objection_days": 14,
        "quorum": 2,
        "decision_rule": DecisionRule.MAJORITY,
    } | rules
    return create_fund(coordinator, neighbourhood, values, total_cents)


def seat(fund, coordinator: User, user: User, role: str = "member", days_left: int = 300) -> RegieMember:
    today = local_today()
    return appoint(
        coordinator, fund, user, RegieRole(role), today - timedelta(days=10), today + timedelta(days=days_left)
    )


def make_request(
    team: Team,
    trekker: User,
    fund,
    activity: Activity | None = None,
    amount_cents: int = 100_00,
    submit: bool = True,
    category: str = "materials",
) -> VoucherRequest:
    if activity is None:
        activity = make_activity(team, trekker, status=ActivityStatus.PLANNED)
        activity.starts_at = utcnow() + timedelta(days=14)  # a planned activity has its time
    request = requests.save_draft(
        trekker, team, None, fund, activity, "Voor de buurt.", [(category, "Verf en kwasten", amount_cents)]
    )
    if submit:
        requests.submit(trekker, team, request)
    return request
