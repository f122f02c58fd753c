"""Every regie-group and coordinator action on a request in every status: allowed (the
request moves on) or refused with nothing changed. Run through core.views.perform, as the
routes do: a refusal rolls back whatever the service did before it noticed."""

import pytest
from werkzeug.exceptions import Forbidden

from app.core.views import perform
from app.extensions import db
from app.money.requests.models import Advice, Outcome, RequestStatus
from app.money.review import services as review
from app.money.settlement import services as settlement
from tests.vouchers_review.conftest import bring_to, snapshot

S = RequestStatus
# action -> (who does it, the call, {status it is allowed in: status it leads to})
ACTIONS = {
    "assess": (
        "deputy",
        lambda actor, request: review.assess(actor, request, Advice.AWARD, None, ""),
        {S.SUBMITTED: S.IN_REVIEW, S.IN_REVIEW: S.IN_REVIEW},
    ),
    # In SUBMITTED nobody advised yet: the quorum refuses it.
    "decide": (
        "chair",
        lambda actor, request: review.decide(actor, request, Outcome.AWARDED, 0, ""),
        {S.IN_REVIEW: S.AWARDED},
    ),
    "pay_out": ("coordinator", settlement.pay_out, {S.AWARDED: S.PAID_OUT, S.PARTLY_AWARDED: S.PAID_OUT}),
    "approve": (
        "coordinator",
        lambda actor, request: settlement.review(actor, request, True, ""),
        {S.ACCOUNTED: S.SETTLED},
    ),
    "send_back": (
        "coordinator",
        lambda actor, request: settlement.review(actor, request, False, "De bon van de verf ontbreekt."),
        {S.ACCOUNTED: S.PAID_OUT},
    ),
}
# A draft is the team's own: the regie-group may not act on it at all (403), not even to be
# told that the action does not fit its status.
NOT_THEIRS = {("assess", S.DRAFT), ("decide", S.DRAFT)}


@pytest.mark.parametrize("status", list(RequestStatus))
@pytest.mark.parametrize("action", list(ACTIONS))
def test_each_action_in_each_status_is_allowed_or_changes_nothing(w, ctx, action, status):
    request = bring_to(w, status)
    db.session.commit()  # the arrangement stays when the action rolls back
    who, call, allowed = ACTIONS[action]
    before = snapshot(request)
    if (action, status) in NOT_THEIRS:
        with pytest.raises(Forbidden):
            perform(call, getattr(w, who), request)
        done = None
    else:
        done = perform(call, getattr(w, who), request)
    db.session.expire_all()
    if status in allowed:
        assert done and request.status == allowed[status]
    else:
        assert done is None
        assert snapshot(request) == before
