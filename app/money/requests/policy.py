"""Who may see and act on a voucher request.

Members of the requesting team are recused: as regie members they neither assess the
request nor see the others' advice. Coordinators see everything of the teams in their scope but never
advise or decide; they pay out and check the accountability (separation of duties)."""

from app.accounts.models import User
from app.core.policy import is_staff, rule
from app.core.timezone import local_today
from app.extensions import db
from app.money.models import Fund, RegieRole
from app.money.regie import group, in_regie_group, serving
from app.teams.models import MemberRole, Team
from app.teams.policy import active_role, is_open, is_trekker


def team_of(request) -> Team:
    return db.session.get(Team, request.team_id)  # from the session's identity map after the first time


def fund_of(request) -> Fund:
    return db.session.get(Fund, request.fund_id)


def recused(user, request) -> bool:
    return active_role(user, team_of(request)) is not None


def _regie_reads(user, request) -> bool:
    """A seat in the fund's regie-group opens a request once the team submitted it, never the
    team's drafts (withdrawn ones neither): what the team did not send is not the group's."""
    return request.was_submitted and in_regie_group(user, fund_of(request))


def _advising(user, request) -> bool:
    return (
        not is_staff(user)
        and request.was_submitted
        and serving(user, request.fund_id) is not None
        and not recused(user, request)
    )


def decider_id(request) -> int | None:
    """Who records the decision: the chair, or the deputy when the chair is recused or out of
    term. None when neither can."""
    today, seats = local_today(), {seat.role: seat for seat in group(request.fund_id)}
    for role in (RegieRole.CHAIR, RegieRole.DEPUTY):
        seat = seats.get(role)
        # The account through the session, not seat.user: the group is cached for the whole
        # HTTP request, and after a rolled-back attempt its eagerly loaded users are expired.
        if seat is not None and seat.serves_on(today) and not recused(db.session.get(User, seat.user_id), request):
            return seat.user_id
    return None


@rule("voucher.view_team")
def view_team(user, team) -> bool:
    return active_role(user, team) in (MemberRole.TREKKER, MemberRole.MEMBER) or is_staff(user, team)


@rule("voucher.apply")
def apply(user, team) -> bool:
    return is_open(team) and is_trekker(user, team)


@rule("voucher.view")
def view(user, request) -> bool:
    return view_team(user, team_of(request)) or _regie_reads(user, request)


@rule("voucher.see_advice")
def see_advice(user, request) -> bool:
    return is_staff(user, team_of(request)) or (_regie_reads(user, request) and not recused(user, request))


@rule("voucher.assess")
def assess(user, request) -> bool:
    return _advising(user, request)


@rule("voucher.decide")
def decide(user, request) -> bool:
    return user.is_authenticated and not is_staff(user) and request.was_submitted and decider_id(request) == user.id


@rule("voucher.receipts")
def receipts(user, request) -> bool:
    return is_trekker(user, team_of(request)) or is_staff(user, team_of(request)) or _regie_reads(user, request)


@rule("voucher.pay")
def pay(user, request) -> bool:
    return is_staff(user, team_of(request))
