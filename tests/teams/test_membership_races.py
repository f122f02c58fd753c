"""Who is in a team under races (issue 22, the races SQLite hid): real parallel requests
against the served app on PostgreSQL. Every change of a team's memberships takes the team's
row lock and reads the memberships after it, so a request is decided once, and a team that
had a trekker keeps one however the clicks are timed."""

from types import SimpleNamespace

import pytest
import sqlalchemy as sa

from app.accounts.models import User
from app.core.audit import AuditEntry
from app.extensions import db
from app.teams import memberships
from app.teams.models import MemberRole, Membership, MembershipState, Team
from tests.factories import add_member, make_neighbourhood, make_team, make_user
from tests.live import all_at_once, arrange, count_rows, logged_in

pytestmark = [pytest.mark.no_db_transaction, pytest.mark.many_connections]
ROUNDS = range(10)


def _team(app, name: str, *, second_trekker: bool = False, state=MembershipState.ACTIVE) -> SimpleNamespace:
    """Tess leads a team (with Tom as second trekker when asked); Mo is a member, or asked to join."""

    def build():
        hood = make_neighbourhood()
        tess = make_user("Tess", hood, email=f"tess-{name}@example.org")
        team = make_team(hood, tess)
        if second_trekker:
            add_member(team, make_user("Tom", hood, email=f"tom-{name}@example.org"), role=MemberRole.TREKKER)
        mo = add_member(team, make_user("Mo", hood, email=f"mo-{name}@example.org"), state=state)
        return SimpleNamespace(id=team.id, mo=mo.id, url=f"/teams/{team.id}/leden/{mo.id}")

    return arrange(app, build)


def _trekkers(app, team_id: int) -> int:
    return count_rows(
        app,
        sa.select(sa.func.count()).where(
            Membership.team_id == team_id,
            Membership.role == MemberRole.TREKKER,
            Membership.state == MembershipState.ACTIVE,
        ),
    )


def _post(session, url: str):
    return lambda: session.post(url, allow_redirects=False)


@pytest.mark.parametrize("attempt", ROUNDS)
def test_a_join_request_accepted_and_declined_at_once_is_decided_once(served, attempt):
    app, base = served
    team = _team(app, f"decide{attempt}", second_trekker=True, state=MembershipState.REQUESTED)
    tess, tom = (logged_in(base, f"{name}-decide{attempt}@example.org") for name in ("tess", "tom"))
    answers = all_at_once([_post(tess, f"{base}{team.url}/accepteren"), _post(tom, f"{base}{team.url}/afwijzen")])
    assert all(answer < 500 for answer in answers), answers
    decisions = sa.select(sa.func.count()).where(
        AuditEntry.object_type == "team",
        AuditEntry.object_id == team.id,
        AuditEntry.action.in_(["membership.accepted", "membership.declined"]),
    )
    # Accepted (Mo is in) or declined (Mo's request is gone): one decision, never both.
    assert count_rows(app, decisions) == 1
    mo = count_rows(app, sa.select(sa.func.count()).where(Membership.id == team.mo))
    accepted = count_rows(app, decisions.where(AuditEntry.action == "membership.accepted"))
    assert mo == accepted


@pytest.mark.parametrize("attempt", ROUNDS)
def test_the_only_trekker_handing_over_to_a_member_who_leaves_at_that_moment_keeps_a_trekker(served, attempt):
    app, base = served
    team = _team(app, f"handover{attempt}")
    tess, mo = (logged_in(base, f"{name}-handover{attempt}@example.org") for name in ("tess", "mo"))
    answers = all_at_once([_post(tess, f"{base}{team.url}/trekker"), _post(mo, f"{base}/teams/{team.id}/verlaten")])
    assert all(answer < 500 for answer in answers), answers
    assert _trekkers(app, team.id) == 1


@pytest.mark.parametrize("attempt", ROUNDS)
def test_a_trekker_handing_over_and_removing_the_same_member_at_once_keeps_a_trekker(served, attempt):
    app, base = served
    team = _team(app, f"remove{attempt}")
    tess = logged_in(base, f"tess-remove{attempt}@example.org")
    answers = all_at_once([_post(tess, f"{base}{team.url}/trekker"), _post(tess, f"{base}{team.url}/verwijderen")])
    assert all(answer < 500 for answer in answers), answers
    assert _trekkers(app, team.id) == 1


@pytest.mark.parametrize("attempt", ROUNDS)
def test_a_request_declined_while_the_person_joins_by_link_leaves_them_in_or_out_never_half(served, attempt):
    app, base = served
    name = f"link{attempt}"
    team = _team(app, name, state=MembershipState.REQUESTED)

    def invite():
        with app.test_request_context():
            tess = db.session.scalar(sa.select(User).where(User.email == f"tess-{name}@example.org"))
            return memberships.create_invitation(tess, db.session.get(Team, team.id)).token

    token = arrange(app, invite)
    tess, mo = (logged_in(base, f"{person}-{name}@example.org") for person in ("tess", "mo"))
    answers = all_at_once([_post(tess, f"{base}{team.url}/afwijzen"), _post(mo, f"{base}/uitnodiging/{token}")])
    assert all(answer < 500 for answer in answers), answers
    joined = sa.select(sa.func.count()).where(
        AuditEntry.object_type == "team",
        AuditEntry.object_id == team.id,
        AuditEntry.action == "membership.joined_by_invitation",
    )
    active = sa.select(sa.func.count()).where(
        Membership.team_id == team.id,
        Membership.user_id == _mo_id(app, name),
        Membership.state == MembershipState.ACTIVE,
    )
    # Joined by the link (after the decline, or instead of it): a member. Declined after
    # the join: that decline was refused, as the request was no longer waiting.
    assert count_rows(app, active) == count_rows(app, joined)


def _mo_id(app, name: str) -> int:
    return count_rows(app, sa.select(User.id).where(User.email == f"mo-{name}@example.org"))
