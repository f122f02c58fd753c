"""A team's request: a draft with budget lines, submitted against every rule of the fund,
withdrawn before a decision, or objected to once after it. Services flush; the request
commits. Status changes are conditional updates, so a double click changes nothing twice.

Every write of a request takes its row lock first and reads it again (`lock`), so a draft's
lines cannot change once it has left draft. Submitting also locks the fund first, as a
decision does: submits and awards on one fund are serialised, and each checks every rule
with what the others did before it."""

from datetime import timedelta

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from app.activities.models import Activity, ActivityStatus
from app.core.audit import record
from app.core.errors import Gone, RuleViolated
from app.core.i18n import lazy_gettext as _l
from app.core.models import utcnow
from app.core.money import euros
from app.core.policy import authorize
from app.core.timezone import local_today, to_local
from app.extensions import db
from app.money import ledger
from app.money.models import COST_CATEGORIES, EntryKind, Fund
from app.money.requests.models import AWARDED, DECIDED, OPEN_FOR_ADVICE, RequestStatus, VoucherLine, VoucherRequest
from app.money.requests.notices import tell_regie_group
from app.teams.models import MemberRole, Membership, MembershipState, Team

MAX_LINES = 12
# A request counts towards the team's total in the period until it is rejected or withdrawn.
COUNTED = (*OPEN_FOR_ADVICE, *AWARDED, RequestStatus.PAID_OUT, RequestStatus.ACCOUNTED, RequestStatus.SETTLED)
PLANNABLE = (ActivityStatus.IDEA, ActivityStatus.PLANNED)


class RulesViolated(RuleViolated):
    """Several rules broken at once: each gets its own message."""

    def __init__(self, messages: list):
        super().__init__(messages[0])
        self.messages = messages


def lock(request: VoucherRequest) -> None:
    """Take the request's row lock for the rest of the transaction and read it, with its
    lines, as it is now; Gone when it was deleted meanwhile."""
    locked = db.session.execute(
        sa.select(VoucherRequest)
        .where(VoucherRequest.id == request.id)
        .options(selectinload(VoucherRequest.lines))
        .with_for_update(of=VoucherRequest)
        .execution_options(populate_existing=True)
    ).scalar_one_or_none()
    if locked is None:
        raise Gone()


def change_status(request: VoucherRequest, expected: tuple[RequestStatus, ...], new: RequestStatus, **values) -> None:
    """Move the request on only if it is still where the caller saw it; otherwise another
    click or person was first and nothing changes."""
    result = db.session.execute(
        sa.update(VoucherRequest)
        .where(VoucherRequest.id == request.id, VoucherRequest.status.in_(expected))
        .values(status=new, updated_at=utcnow(), **values)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        db.session.refresh(request)
        raise RuleViolated(_l("Deze aanvraag is intussen veranderd. Bekijk de nieuwe stand en probeer het opnieuw."))
    db.session.refresh(request)


def fund_categories(fund: Fund) -> list[tuple[str, str]]:
    """The cost categories the fund pays for, as (key, label) in the usual order."""
    return [(key, label) for key, label in COST_CATEGORIES.items() if key in fund.categories]


def only_categories_message(fund: Fund):
    """What a line in a category the fund does not pay for is told."""
    allowed = ", ".join(str(label) for _key, label in fund_categories(fund))
    return _l("Dit buurtbudget betaalt alleen voor: %(allowed)s. Kies een van die soorten kosten.", allowed=allowed)


def other_draft(team: Team, activity_id: int | None, leaving_out: VoucherRequest | None = None):
    """The team's (oldest) draft for the activity, other than `leaving_out`."""
    if activity_id is None:
        return None
    query = sa.select(VoucherRequest).where(
        VoucherRequest.team_id == team.id,
        VoucherRequest.activity_id == activity_id,
        VoucherRequest.status == RequestStatus.DRAFT,
    )
    if leaving_out is not None:
        query = query.where(VoucherRequest.id != leaving_out.id)
    return db.session.scalars(query.order_by(VoucherRequest.id).limit(1)).first()


def _check_draft(team: Team, fund: Fund, activity: Activity, lines: list[tuple[str, str, int]]) -> None:
    if fund.neighbourhood_id != team.neighbourhood_id:
        raise RuleViolated(_l("Kies een buurtbudget van de buurt van het team."))
    if activity.team_id != team.id or activity.status not in PLANNABLE:
        raise RuleViolated(_l("Kies een activiteit van het team die nog moet komen."))
    if len(lines) > MAX_LINES:
        raise RuleViolated(_l("Een aanvraag heeft hoogstens %(count)s regels.", count=MAX_LINES))
    for category, description, amount in lines:
        if category not in COST_CATEGORIES or not description.strip() or amount <= 0:
            raise RuleViolated(_l("Elke regel heeft een soort kosten, een omschrijving en een bedrag boven € 0."))
        if category not in fund.categories:
            raise RuleViolated(only_categories_message(fund))


SECOND_DRAFT = _l(
    "Er is al een concept voor deze activiteit. Open dat concept, of kies bewust voor een tweede aanvraag."
)


def _one_draft_per_activity(team: Team, activity: Activity, request: VoucherRequest | None) -> None:
    """Starting again for the same activity gave two identical drafts: a draft that comes to
    an activity with a draft is refused unless the trekker asked for a second one. The
    activity's row lock makes a double click wait for its twin, which then finds the draft."""
    db.session.execute(sa.select(Activity.id).where(Activity.id == activity.id).with_for_update())
    if other_draft(team, activity.id, request) is not None:
        raise RuleViolated(SECOND_DRAFT)


def save_draft(
    actor,
    team: Team,
    request: VoucherRequest | None,
    fund: Fund,
    activity: Activity,
    motivation: str,
    lines: list[tuple[str, str, int]],
    another: bool = False,
) -> VoucherRequest:
    """Create or change a draft, in the categories the fund pays for; a second draft for the
    same activity only with `another`. The other rules of the fund are checked on submit."""
    authorize(actor, "voucher.apply", team)
    _check_draft(team, fund, activity, lines)
    if not another and (request is None or request.activity_id != activity.id):
        _one_draft_per_activity(team, activity, request)
    if request is None:
        request = VoucherRequest(team_id=team.id, created_by_id=actor.id, status=RequestStatus.DRAFT, lines=[])
        db.session.add(request)
    else:
        lock(request)  # a submit of this draft at the same moment sees these lines, or refuses them
        if request.status != RequestStatus.DRAFT:
            raise RuleViolated(_l("Alleen een concept kunt u nog aanpassen."))
    request.fund_id, request.activity_id, request.motivation = fund.id, activity.id, motivation.strip()
    request.lines.clear()
    db.session.flush()  # the old positions go before the new ones come
    request.lines.extend(
        VoucherLine(position=n, category=category, description=description.strip(), amount_cents=amount)
        for n, (category, description, amount) in enumerate(lines, start=1)
    )
    request.requested_cents = sum(amount for _c, _d, amount in lines)
    db.session.flush()
    record(actor, "voucher.draft_saved", request, requested_cents=request.requested_cents)
    return request


def team_total(fund: Fund, team: Team, leaving_out: VoucherRequest) -> int:
    """What the team already asked or got from the fund: awarded amounts where decided."""
    amount = sa.func.coalesce(VoucherRequest.awarded_cents, VoucherRequest.requested_cents)
    # int(): PostgreSQL sums a BIGINT as NUMERIC, which comes back as a Decimal.
    return int(
        db.session.scalar(
            sa.select(sa.func.coalesce(sa.func.sum(amount), 0)).where(
                VoucherRequest.fund_id == fund.id,
                VoucherRequest.team_id == team.id,
                VoucherRequest.id != leaving_out.id,
                VoucherRequest.status.in_(COUNTED),
            )
        )
    )


# Who counts towards a fund's minimum team size: adult helpers of a JUNIOR team do not.
COUNTED_ROLES = (MemberRole.TREKKER, MemberRole.MEMBER)


def team_size(team: Team) -> int:
    return db.session.scalar(
        sa.select(sa.func.count()).where(
            Membership.team_id == team.id,
            Membership.state == MembershipState.ACTIVE,
            Membership.role.in_(COUNTED_ROLES),
        )
    )


def money_rules(request: VoucherRequest, fund: Fund, team: Team, amount: int) -> list:
    """The rules of the fund about what its money pays for that `amount` for this request
    breaks: checked when the team submits and again when the money is awarded."""
    broken = []
    if not request.lines:
        broken.append(_l("Zet minstens één regel in de begroting."))
    if amount > fund.max_per_voucher_cents:
        broken.append(
            _l(
                "U vraagt %(asked)s. Per aanvraag kan het hoogstens %(max)s zijn.",
                asked=euros(amount),
                max=euros(fund.max_per_voucher_cents),
            )
        )
    earlier = team_total(fund, team, request)
    if earlier + amount > fund.max_per_team_cents:
        broken.append(
            _l(
                "Samen met eerdere aanvragen (%(earlier)s) komt het team boven het maximum van %(max)s.",
                earlier=euros(earlier),
                max=euros(fund.max_per_team_cents),
            )
        )
    for line in request.lines:
        if line.category not in fund.categories:
            broken.append(
                _l(
                    "Dit buurtbudget betaalt geen kosten voor '%(category)s' (regel %(line)s).",
                    category=COST_CATEGORIES[line.category],
                    line=line.position,
                )
            )
    return broken


def broken_rules(request: VoucherRequest, fund: Fund, team: Team) -> list:
    """Every rule of the fund this request breaks, each in its own words."""
    broken, today = [], local_today()
    if not fund.opens_on <= today <= fund.closes_on:
        broken.append(
            _l(
                "Aanvragen bij dit buurtbudget kan van %(start)s tot en met %(end)s.",
                start=fund.opens_on.strftime("%d-%m-%Y"),
                end=fund.closes_on.strftime("%d-%m-%Y"),
            )
        )
    if team_size(team) < fund.min_team_size:
        broken.append(_l("Een team heeft minstens %(count)s leden nodig voor een aanvraag.", count=fund.min_team_size))
    broken += money_rules(request, fund, team, request.requested_cents)
    available = ledger.balances(fund).available
    if request.requested_cents > available:
        broken.append(
            _l(
                "Er is nog %(available)s beschikbaar in het buurtbudget. Vraag niet meer dan dat.",
                available=euros(available),
            )
        )
    if not request.motivation.strip():
        broken.append(_l("Schrijf op waarom het team dit geld nodig heeft."))
    return broken


def submit(actor, team: Team, request: VoucherRequest) -> None:
    """Submit a draft that keeps every rule of the fund; the fund's lock serialises this
    with the team's other submits and with every award, so the rules see their results."""
    authorize(actor, "voucher.apply", team)
    fund = db.session.get(Fund, request.fund_id)
    ledger.lock(fund)  # the fund before the request, as a decision takes them
    lock(request)
    if request.status != RequestStatus.DRAFT:
        raise RuleViolated(_l("Deze aanvraag is al ingediend."))
    if request.fund_id != fund.id:  # the draft moved to another fund before the lock
        raise RuleViolated(_l("Deze aanvraag is intussen veranderd. Bekijk de nieuwe stand en probeer het opnieuw."))
    broken = broken_rules(request, fund, team)
    if broken:
        raise RulesViolated(broken)
    change_status(request, (RequestStatus.DRAFT,), RequestStatus.SUBMITTED, submitted_at=utcnow())
    record(actor, "voucher.submitted", request, requested_cents=request.requested_cents)
    tell_regie_group(request, "voucher.submitted")


def save(actor, team: Team, request, fund: Fund, *draft, another=False, send=False) -> tuple[VoucherRequest, list]:
    """The request form's one transaction: save the draft (`draft`: the activity, motivation
    and lines, as save_draft takes them) and, with `send`, submit it. A submit that breaks
    rules is undone to its savepoint and the draft stays saved, so the form can say what to
    change: returns (the draft, the broken rules' messages or [])."""
    if send:
        ledger.lock(fund)  # the fund before the request, as submit and a decision take them
    saved = save_draft(actor, team, request, fund, *draft, another=another)
    if not send:
        return saved, []
    try:
        with db.session.begin_nested():
            submit(actor, team, saved)
    except RuleViolated as refused:
        return saved, list(getattr(refused, "messages", [refused.message]))
    return saved, []


def withdraw(actor, team: Team, request: VoucherRequest) -> None:
    authorize(actor, "voucher.apply", team)
    if request.status not in (RequestStatus.DRAFT, *OPEN_FOR_ADVICE):
        raise RuleViolated(_l("Na een besluit kunt u de aanvraag niet meer intrekken."))
    fund = db.session.get(Fund, request.fund_id)
    ledger.lock(fund)
    change_status(request, (RequestStatus.DRAFT, *OPEN_FOR_ADVICE), RequestStatus.WITHDRAWN)
    held = ledger.held_for(request.id).reserved  # an award under objection lets its money go
    if held > 0:
        ledger.post(actor, fund, EntryKind.RELEASE, held, request=request)
    record(actor, "voucher.withdrawn", request)


def delete_draft(actor, team: Team, request: VoucherRequest) -> None:
    """Only a draft goes: under its row lock, so a submit at the same moment either comes
    first (and the delete is refused) or finds nothing to submit."""
    authorize(actor, "voucher.apply", team)
    lock(request)
    if request.status != RequestStatus.DRAFT:
        raise RuleViolated(_l("Alleen een concept kunt u weggooien. Trek een ingediende aanvraag in."))
    record(actor, "voucher.deleted", request)
    db.session.delete(request)
    db.session.flush()


def objection_ends_on(request: VoucherRequest, fund: Fund):
    """The last local day to object, or None when this request cannot be objected to."""
    if request.status not in DECIDED or request.round != 1 or request.decided_at is None:
        return None
    return to_local(request.decided_at).date() + timedelta(days=fund.objection_days)


def object_to(actor, team: Team, request: VoucherRequest, reason: str) -> None:
    """Ask once for a second look, within the fund's objection period and before payout."""
    authorize(actor, "voucher.apply", team)
    if not reason.strip():
        raise RuleViolated(_l("Schrijf op waarom het team het niet eens is met het besluit."))
    fund = db.session.get(Fund, request.fund_id)
    last_day = objection_ends_on(request, fund)
    if last_day is None:
        raise RuleViolated(_l("Bezwaar maken kan één keer, na het besluit en voor de uitbetaling."))
    if local_today() > last_day:
        raise RuleViolated(_l("De termijn voor bezwaar is voorbij sinds %(day)s.", day=last_day.strftime("%d-%m-%Y")))
    change_status(request, DECIDED, RequestStatus.IN_REVIEW, round=2, objection=reason.strip(), objected_at=utcnow())
    record(actor, "voucher.objected", request)
    tell_regie_group(request, "voucher.objected")
