"""A fund's rules under races (issue 22, the races SQLite hid): two coordinators save the
fund's form at the same moment, in parallel transactions on PostgreSQL. The second compares
its form with the rules as the first left them, so the fund ends with one form's rules
whole, never half of each (which could break the rule that a team may ask at least one
voucher's maximum, and fail with a 500). A draft submitted while the rules change is checked
against the rules in force when it goes in, and a seat's term changed twice at once is one
of the two terms."""

from datetime import timedelta

import pytest
import sqlalchemy as sa

from app.accounts.models import User
from app.core.audit import AuditEntry
from app.core.views import perform
from app.extensions import db
from app.money.funds import services as funds
from app.money.models import Fund, RegieMember, RegieRole
from app.money.requests import services as requests
from app.money.requests.models import VoucherRequest
from app.teams.models import Team
from tests.factories import make_fund, make_neighbourhood, make_request, make_team, make_user, seat
from tests.live import arrange, together

pytestmark = [pytest.mark.no_db_transaction, pytest.mark.many_connections]


@pytest.mark.parametrize("attempt", range(10))
def test_two_coordinators_saving_the_rules_at_once_leave_one_of_their_forms(served, attempt):
    app, _base = served

    def build():
        hood = make_neighbourhood()
        cor, dee = (make_user(name, hood, is_coordinator=True) for name in ("Cor", "Dee"))
        fund = make_fund(hood, cor, max_per_voucher_cents=100_00, max_per_team_cents=500_00)
        rules = {name: getattr(fund, name) for name in funds.RULES}
        return fund.id, cor.id, dee.id, rules

    fund_id, cor_id, dee_id, rules = arrange(app, build)
    # Cor raises the maximum per voucher, Dee lowers the maximum per team: each form is sound.
    forms = {
        cor_id: rules | {"max_per_voucher_cents": 400_00},
        dee_id: rules | {"max_per_team_cents": 200_00},
    }

    def save(user_id: int):
        def call():
            user, fund = db.session.get(User, user_id), db.session.get(Fund, fund_id)
            return perform(funds.update_fund, user, fund, forms[user_id], 1_000_00)

        return call

    results = together(app, [save(cor_id), save(dee_id)])
    assert results == [True, True], results
    with app.app_context():
        maxima = db.session.execute(
            sa.select(Fund.max_per_voucher_cents, Fund.max_per_team_cents).where(Fund.id == fund_id)
        ).one()
        db.session.remove()
    assert tuple(maxima) in ((400_00, 500_00), (100_00, 200_00))


@pytest.mark.parametrize("attempt", range(10))
def test_a_draft_submitted_while_the_maximum_is_lowered_meets_the_rule_in_force(served, attempt):
    app, _base = served

    def build():
        hood = make_neighbourhood()
        cor, tess = make_user("Cor", hood, is_coordinator=True), make_user("Tess", hood)
        team = make_team(hood, tess)
        fund = make_fund(hood, cor)
        draft = make_request(team, tess, fund, amount_cents=100_00, submit=False)
        rules = {name: getattr(fund, name) for name in funds.RULES} | {"max_per_voucher_cents": 50_00}
        return fund.id, cor.id, tess.id, draft.id, rules

    fund_id, cor_id, tess_id, draft_id, lower = arrange(app, build)

    def submit():
        # As "save and submit" does: the draft is saved (which reads the fund), then submitted.
        db.session.get(Fund, fund_id)
        draft = db.session.get(VoucherRequest, draft_id)
        team, tess = db.session.get(Team, draft.team_id), db.session.get(User, tess_id)
        return perform(requests.submit, tess, team, draft)

    def change():
        return perform(funds.update_fund, db.session.get(User, cor_id), db.session.get(Fund, fund_id), lower, 1_000_00)

    results = together(app, [submit, change])
    assert results[1] is True and not any(isinstance(result, BaseException) for result in results), results
    with app.app_context():
        order = db.session.scalars(
            sa.select(AuditEntry.action)
            .where(
                sa.or_(
                    sa.and_(AuditEntry.object_type == "voucherrequest", AuditEntry.object_id == draft_id),
                    sa.and_(AuditEntry.object_type == "fund", AuditEntry.object_id == fund_id),
                ),
                AuditEntry.action.in_(["voucher.submitted", "fund.updated"]),
            )
            .order_by(AuditEntry.id)
        ).all()
        db.session.remove()
    # Submitted before the change (and the award checks the rules again), or refused after it.
    assert order in (["voucher.submitted", "fund.updated"], ["fund.updated"])


@pytest.mark.parametrize("attempt", range(10))
def test_two_coordinators_changing_one_seat_at_once_leave_one_of_their_terms(served, attempt):
    app, _base = served

    def build():
        hood = make_neighbourhood()
        cor, dee = (make_user(name, hood, is_coordinator=True) for name in ("Cor", "Dee"))
        fund = make_fund(hood, cor)
        member = seat(fund, cor, make_user("Rik", hood))
        return fund.id, member.id, cor.id, dee.id, member.starts_on, member.ends_on

    fund_id, seat_id, cor_id, dee_id, starts_on, ends_on = arrange(app, build)
    # Cor moves the start past the old end; Dee ends the term early: each term is in order.
    terms = {cor_id: (ends_on + timedelta(days=1), ends_on + timedelta(days=100)), dee_id: (starts_on, starts_on)}

    def change(user_id: int):
        def call():
            fund, member = db.session.get(Fund, fund_id), db.session.get(RegieMember, seat_id)
            user = db.session.get(User, user_id)
            return perform(funds.change_seat, user, fund, member, RegieRole.MEMBER, *terms[user_id])

        return call

    results = together(app, [change(cor_id), change(dee_id)])
    assert results == [True, True], results
    with app.app_context():
        term = tuple(
            db.session.execute(
                sa.select(RegieMember.starts_on, RegieMember.ends_on).where(RegieMember.id == seat_id)
            ).one()
        )
        db.session.remove()
    assert term in terms.values()
