"""The regie-group's part: advices, then the decision by the fund's rule, recorded by the
chair (or the deputy), with the money reserved in the same transaction."""

from collections import Counter

import sqlalchemy as sa

from app.accounts.models import User
from app.core.audit import record
from app.core.errors import RuleViolated
from app.core.i18n import lazy_gettext as _l
from app.core.models import utcnow
from app.core.money import euros
from app.core.policy import authorize
from app.extensions import db
from app.money import ledger
from app.money.models import DecisionRule, EntryKind, Fund
from app.money.requests.labels import OUTCOME_LABELS
from app.money.requests.models import (
    OPEN_FOR_ADVICE,
    Advice,
    Assessment,
    Decision,
    Outcome,
    RequestStatus,
    VoucherRequest,
    departs,
)
from app.money.requests.notices import tell_trekkers
from app.money.requests.services import RulesViolated, change_status, lock, money_rules
from app.teams.models import Team

OUTCOME_STATUS = {
    Outcome.AWARDED: RequestStatus.AWARDED,
    Outcome.PARTLY_AWARDED: RequestStatus.PARTLY_AWARDED,
    Outcome.REJECTED: RequestStatus.REJECTED,
}


def advices(request: VoucherRequest) -> list[Assessment]:
    """The advices of the current round, with who gave them."""
    return list(
        db.session.scalars(
            sa.select(Assessment)
            .join(User, User.id == Assessment.user_id)
            .where(Assessment.request_id == request.id, Assessment.round == request.round)
            .options(sa.orm.contains_eager(Assessment.user))
            .order_by(Assessment.created_at, Assessment.id)
        )
    )


def assess(actor, request: VoucherRequest, advice: Advice, amount_cents: int | None, comment: str) -> Assessment:
    """Give or change one's advice in this round, until the decision."""
    authorize(actor, "voucher.assess", request)
    lock(request)  # two members advising at once, or an advice during the decision, wait their turn
    if request.status not in OPEN_FOR_ADVICE:
        raise RuleViolated(_l("Over deze aanvraag is al besloten. Advies geven kan niet meer."))
    if advice == Advice.LOWER and not (amount_cents and 0 < amount_cents < request.requested_cents):
        raise RuleViolated(_l("Vul een lager bedrag in dan het gevraagde bedrag, en meer dan € 0."))
    if advice != Advice.LOWER:
        amount_cents = None
    if advice != Advice.AWARD and not comment.strip():
        raise RuleViolated(_l("Schrijf kort uw reden op. De voorzitter gebruikt die voor de uitleg aan het team."))
    if request.status == RequestStatus.SUBMITTED:
        change_status(request, (RequestStatus.SUBMITTED,), RequestStatus.IN_REVIEW)
    assessment = db.session.scalar(
        sa.select(Assessment).where(
            Assessment.request_id == request.id, Assessment.user_id == actor.id, Assessment.round == request.round
        )
    )
    if assessment is None:
        assessment = Assessment(request_id=request.id, user_id=actor.id, round=request.round)
        db.session.add(assessment)
    assessment.advice, assessment.amount_cents, assessment.comment = advice, amount_cents, comment.strip()
    db.session.flush()
    record(actor, "voucher.assessed", request, round=request.round, advice=advice)
    return assessment


def rule_outcome(rule: DecisionRule, given: list[Assessment]) -> bool:
    """True when the advices given award money by the fund's rule (a tie rejects)."""
    counts = Counter(a.advice == Advice.REJECT for a in given)
    if rule == DecisionRule.UNANIMOUS:
        return bool(given) and counts[True] == 0
    return counts[False] > counts[True]


def suggestion(fund: Fund, request: VoucherRequest, given: list[Assessment]) -> tuple[Outcome, int] | None:
    """What the rule says once the quorum is reached: reject, or award the requested
    amount; when most of the awarding advices ask for less, the middle of their amounts."""
    if len(given) < fund.quorum:
        return None
    if not rule_outcome(fund.decision_rule, given):
        return Outcome.REJECTED, 0
    lower = sorted(a.amount_cents for a in given if a.advice == Advice.LOWER)
    full = sum(1 for a in given if a.advice == Advice.AWARD)
    if len(lower) > full:
        return Outcome.PARTLY_AWARDED, lower[(len(lower) - 1) // 2]
    return Outcome.AWARDED, request.requested_cents


def decided_amount(request: VoucherRequest, outcome: Outcome, amount_cents: int | None) -> int:
    """The amount a decision of `outcome` gives: all that was asked, nothing, or the amount typed."""
    return {Outcome.AWARDED: request.requested_cents, Outcome.REJECTED: 0}.get(outcome, amount_cents or 0)


def departure_message(advised: tuple[Outcome, int]):
    """What the chair reads when the decision departs from the advices without a reason."""
    outcome, amount = advised
    return _l(
        "Uw besluit wijkt af van het advies van de regiegroep (%(outcome)s, %(amount)s). "
        "Schrijf in de uitleg waarom. Het team en de openbare lijst van besluiten laten zien dat u afwijkt.",
        outcome=OUTCOME_LABELS[outcome],
        amount=euros(amount),
    )


def decide(actor, request: VoucherRequest, outcome: Outcome, amount_cents: int, motivation: str) -> Decision:
    """Record the decision of this round. The fund is locked first: what is available is
    read and reserved in one go, so parallel decisions never overspend, and an award is
    checked again against every rule about the fund's money (what it pays for, the maximum
    per voucher and per team) with what was submitted and awarded before it."""
    authorize(actor, "voucher.decide", request)
    fund = db.session.get(Fund, request.fund_id)
    ledger.lock(fund)
    lock(request)  # no advice comes in between counting them and deciding
    if request.status not in OPEN_FOR_ADVICE:
        raise RuleViolated(_l("Over deze aanvraag is al besloten."))
    given = advices(request)
    if len(given) < fund.quorum:
        raise RuleViolated(
            _l(
                "Er zijn %(given)s van de %(quorum)s adviezen nodig om te besluiten.",
                given=len(given),
                quorum=fund.quorum,
            )
        )
    awards = rule_outcome(fund.decision_rule, given)
    motivation, amount_cents = motivation.strip(), decided_amount(request, outcome, amount_cents)
    if outcome == Outcome.REJECTED:
        if awards:
            raise RuleViolated(_l("Volgens de adviezen krijgt het team geld. Een afwijzing past niet bij de regel."))
    else:
        if not awards:
            raise RuleViolated(_l("Volgens de adviezen krijgt het team geen geld. Toekennen past niet bij de regel."))
        if outcome == Outcome.PARTLY_AWARDED and not 0 < amount_cents < request.requested_cents:
            raise RuleViolated(_l("Vul een lager bedrag in dan het gevraagde bedrag, en meer dan € 0."))
        if amount_cents > fund.max_per_voucher_cents:
            raise RuleViolated(_l("Dit is meer dan het maximum per aanvraag van het buurtbudget."))
        broken = money_rules(request, fund, db.session.get(Team, request.team_id), amount_cents)
        if broken:
            raise RulesViolated(broken)
    advised = suggestion(fund, request, given)
    if departs(advised, outcome, amount_cents) and not motivation:
        raise RuleViolated(departure_message(advised))
    if outcome != Outcome.AWARDED and not motivation:
        raise RuleViolated(_l("Leg uit waarom het team minder of geen geld krijgt. Het team leest deze uitleg."))
    _reserve(actor, fund, request, amount_cents)
    decision = Decision(
        request_id=request.id,
        round=request.round,
        outcome=outcome,
        amount_cents=amount_cents,
        motivation=motivation,
        decided_by_id=actor.id,
        advised_outcome=advised[0],
        advised_cents=advised[1],
    )
    db.session.add(decision)
    change_status(request, OPEN_FOR_ADVICE, OUTCOME_STATUS[outcome], awarded_cents=amount_cents, decided_at=utcnow())
    record(
        actor,
        "voucher.decided",
        request,
        round=request.round,
        outcome=outcome,
        amount_cents=amount_cents,
        departs_from_advice=decision.departs,
    )
    tell_trekkers(request, "voucher.decided", outcome=str(outcome), amount=amount_cents, motivation=motivation)
    return decision


def _reserve(actor, fund: Fund, request: VoucherRequest, amount_cents: int) -> None:
    """Hold exactly `amount_cents` for the request: reserve what is missing, release the rest
    (a second decision after an objection can go either way)."""
    difference = amount_cents - ledger.held_for(request.id).reserved
    if difference > 0:
        ledger.post(
            actor,
            fund,
            EntryKind.RESERVATION,
            difference,
            request=request,
        )
    elif difference < 0:
        ledger.post(actor, fund, EntryKind.RELEASE, -difference, request=request)
    ledger.ensure_sound(fund)
