"""The fund's rules under races (issue 23, finding 1; issue 22, the races SQLite hid): real
parallel HTTP requests against the served app on PostgreSQL, 20 rounds each. However the
requests are timed, no request leaves draft against a rule, and no submitted request is
deleted."""

from types import SimpleNamespace

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.money.models import Fund
from app.money.requests.models import RequestStatus, VoucherLine, VoucherRequest
from app.money.requests.services import broken_rules
from app.teams.models import Team
from tests.factories import make_fund, make_neighbourhood, make_request, make_team, make_user
from tests.live import all_at_once, arrange, count_rows, logged_in

pytestmark = [pytest.mark.no_db_transaction, pytest.mark.many_connections]
ROUNDS = 20
RULES = {"max_per_voucher_cents": 60_00, "max_per_team_cents": 100_00, "categories": ["materials", "promotion"]}


def _world(app, name: str, drafts: int = 1, draft_cents: int = 10_00, submitted_cents: int = 0) -> SimpleNamespace:
    """A team with a fund of RULES, `drafts` drafts (and one submitted request of
    `submitted_cents`); plain ids, as the requests that follow run in other sessions."""

    def build():
        hood = make_neighbourhood()
        coordinator = make_user("Cor", hood, is_coordinator=True)
        trekker = make_user("Tess", hood, email=f"race-{name}@example.org")
        team = make_team(hood, trekker)
        fund = make_fund(hood, coordinator, **RULES)
        if submitted_cents:
            make_request(team, trekker, fund, amount_cents=submitted_cents)
        ids = [make_request(team, trekker, fund, amount_cents=draft_cents, submit=False).id for _ in range(drafts)]
        activity = db.session.get(VoucherRequest, ids[0]).activity_id
        return SimpleNamespace(email=trekker.email, team=team.id, fund=fund.id, activity=activity, drafts=ids)

    return arrange(app, build)


def _at_once(session, *posts: tuple[str, dict | None]) -> list[int]:
    """POST each (url, data) in the logged-in session, all at the same moment."""
    return all_at_once([lambda u=url, d=data: session.post(u, data=d, allow_redirects=False) for url, data in posts])


def _edit_form(world: SimpleNamespace, rows: list[tuple[str, str, str]]) -> dict:
    """The request form as a browser posts it, with these rows (six at least)."""
    data = {"fund_id": world.fund, "activity_id": world.activity, "motivation": "Voor de buurt.", "save": "Opslaan"}
    for n in range(max(6, len(rows))):
        category, description, amount = rows[n] if n < len(rows) else ("", "", "")
        data |= {f"lines-{n}-category": category, f"lines-{n}-description": description, f"lines-{n}-amount": amount}
    return data


def _state(app, request_id: int) -> tuple[RequestStatus | None, int | None]:
    with app.app_context():
        try:
            row = db.session.execute(
                sa.select(VoucherRequest.status, VoucherRequest.requested_cents).where(VoucherRequest.id == request_id)
            ).first()
            return tuple(row) if row else (None, None)
        finally:
            db.session.remove()


def _rules_broken(app, request_id: int) -> list[str]:
    """The fund's rules the request breaks as it is stored now (the money available aside,
    which other teams move)."""
    with app.app_context(), app.test_request_context():
        try:
            request = db.session.get(VoucherRequest, request_id)
            fund = db.session.get(Fund, request.fund_id)
            return [
                str(rule)
                for rule in broken_rules(request, fund, db.session.get(Team, request.team_id))
                if "beschikbaar" not in str(rule)
            ]
        finally:
            db.session.remove()


EDITS = {
    # 12 lines of €60: €720 where €60 is the maximum per voucher.
    "too-much": [("materials", f"Regel {n}", "60") for n in range(1, 13)],
    # €60 for a cost the fund does not pay: since issue 24 no draft takes it either, so the
    # submit always finds the old lines.
    "excluded-cost": [("food", "Koffie en taart", "60")],
}


@pytest.mark.parametrize("edit", list(EDITS))
def test_an_edit_and_the_submit_at_the_same_moment_never_submit_a_request_against_the_rules(served, edit):
    app, base = served
    for n in range(ROUNDS):
        world = _world(app, f"{edit}-{n}")
        (request_id,) = world.drafts
        url = f"{base}/teams/{world.team}/vouchers/{request_id}"
        answers = _at_once(
            logged_in(base, world.email),
            (f"{url}/bewerken", _edit_form(world, EDITS[edit])),
            (f"{url}/indienen", None),
        )
        assert all(answer < 500 for answer in answers), answers
        status, requested = _state(app, request_id)
        if status == RequestStatus.SUBMITTED:  # the submit came first: the edit was refused
            assert requested == 10_00 and _rules_broken(app, request_id) == [], f"round {n}"
        else:  # the edit came first: the submit checked the edited lines and refused them
            assert (status, requested) == (RequestStatus.DRAFT, 60_00 * len(EDITS[edit])), f"round {n}"


def test_two_drafts_submitted_at_once_never_take_the_team_over_its_maximum(served):
    app, base = served
    for n in range(ROUNDS):
        # €60 submitted leaves €40 of the team's €100: either draft of €30 fits, both do not.
        world = _world(app, f"two-{n}", drafts=2, draft_cents=30_00, submitted_cents=60_00)
        url = f"{base}/teams/{world.team}/vouchers/{{}}/indienen"
        answers = _at_once(logged_in(base, world.email), *((url.format(r), None) for r in world.drafts))
        assert all(answer < 500 for answer in answers), answers
        statuses = [_state(app, r)[0] for r in world.drafts]
        assert statuses.count(RequestStatus.SUBMITTED) == 1, f"round {n}: {statuses}"


def test_a_draft_deleted_while_it_is_submitted_is_either_submitted_or_gone(served):
    app, base = served
    for n in range(ROUNDS):
        world = _world(app, f"delete-{n}")
        (request_id,) = world.drafts
        url = f"{base}/teams/{world.team}/vouchers/{request_id}"
        answers = _at_once(
            logged_in(base, world.email), (f"{url}/verwijderen", {"sure": "y"}), (f"{url}/indienen", None)
        )
        assert all(answer < 500 for answer in answers), answers
        status, _requested = _state(app, request_id)
        lines = count_rows(app, sa.select(sa.func.count()).where(VoucherLine.request_id == request_id))
        # Submitted with its lines (the delete refused), or gone with them: never half of each.
        assert (status, bool(lines)) in ((None, False), (RequestStatus.SUBMITTED, True)), f"round {n}"


def test_starting_the_same_request_twice_at_once_makes_one_draft(served):
    """Issue 24, item 10: a double click on "Opslaan als concept" of a new request (or two
    trekkers at once) leaves one draft for the activity; the other is asked to open it."""
    app, base = served
    for n in range(ROUNDS):
        world = _world(app, f"twice-{n}", drafts=1)
        arrange(
            app, lambda w=world: db.session.execute(sa.delete(VoucherRequest).where(VoucherRequest.id.in_(w.drafts)))
        )
        url = f"{base}/teams/{world.team}/vouchers/nieuw"
        form = _edit_form(world, [("materials", "Verf", "10")])
        answers = _at_once(logged_in(base, world.email), (url, form), (url, form))
        assert sorted(answers) == [200, 302], f"round {n}: {answers}"
        drafts = sa.select(sa.func.count()).where(VoucherRequest.activity_id == world.activity)
        assert count_rows(app, drafts) == 1, f"round {n}"
