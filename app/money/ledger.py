"""The fund's money: entries are only ever added, balances are sums over them.

Every movement that depends on what is available runs after `lock(fund)`: a row lock on
the fund. Two decisions at the same moment therefore see each
other's reservation, and never together spend more than the fund has."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa

from app.core.audit import record
from app.core.errors import RuleViolated
from app.core.i18n import lazy_gettext as _l
from app.core.money import euros
from app.core.policy import authorize
from app.extensions import db
from app.money.models import EntryKind, Fund, LedgerEntry


@dataclass(frozen=True)
class Balances:
    """A fund's money in cents. available = total − support − reserved − paid out + returned."""

    total: int = 0
    support: int = 0
    reserved: int = 0
    paid_out: int = 0
    returned: int = 0

    @property
    def available(self) -> int:
        return self.total - self.support - self.reserved - self.paid_out + self.returned

    @property
    def awarded(self) -> int:
        """Held or paid for vouchers, after what came back."""
        return self.reserved + self.paid_out - self.returned

    def is_sound(self) -> bool:
        return min(self.total, self.support, self.reserved, self.paid_out, self.returned, self.available) >= 0

    @classmethod
    def from_sums(cls, sums: dict[EntryKind, int]) -> "Balances":
        return cls(
            total=sums[EntryKind.DEPOSIT],
            support=sums[EntryKind.SUPPORT],
            reserved=sums[EntryKind.RESERVATION] - sums[EntryKind.RELEASE] - sums[EntryKind.PAYOUT],
            paid_out=sums[EntryKind.PAYOUT],
            returned=sums[EntryKind.RETURN],
        )


def _sums_by_kind(key: sa.Column, *where) -> sa.Select:
    """Sums per `key` (the fund or the request) and kind, a correction counting as the kind
    of the entry it corrects. The entries that are no correction are summed from
    ix_ledger_entry_fund_id_kind_amount alone; only the few corrections look up the entry
    they correct."""
    corrected = LedgerEntry.__table__.alias("corrected")  # a table alias: no mapper to configure at import
    amount = sa.func.sum(LedgerEntry.amount_cents).label("amount")
    plain = (
        sa.select(key.label("key"), LedgerEntry.kind, amount)
        .where(LedgerEntry.kind != EntryKind.CORRECTION, *where)
        .group_by(key, LedgerEntry.kind)
    )
    corrections = (
        sa.select(key.label("key"), corrected.c.kind, amount)
        .join(corrected, LedgerEntry.corrects_id == corrected.c.id)
        .where(LedgerEntry.kind == EntryKind.CORRECTION, *where)
        .group_by(key, corrected.c.kind)
    )
    sums = sa.union_all(plain, corrections).subquery()
    return sa.select(sums.c.key, sums.c.kind, sa.func.sum(sums.c.amount)).group_by(sums.c.key, sums.c.kind)


# Built once, with the funds, the request and the period as parameters: the balances are read
# on many pages, and making the statement took longer than PostgreSQL takes to run it.
_FUNDS = LedgerEntry.fund_id.in_(sa.bindparam("fund_ids", expanding=True))
_OF_FUNDS = _sums_by_kind(LedgerEntry.fund_id, _FUNDS)
_OF_PERIOD = _sums_by_kind(
    LedgerEntry.fund_id,
    _FUNDS,
    LedgerEntry.created_at >= sa.bindparam("start"),
    LedgerEntry.created_at < sa.bindparam("end"),
)
_OF_REQUEST = _sums_by_kind(LedgerEntry.request_id, LedgerEntry.request_id == sa.bindparam("request_id"))


def _read(statement: sa.Select, keys: list[int], **parameters) -> dict[int, Balances]:
    sums: dict[int, dict[EntryKind, int]] = {key: defaultdict(int) for key in keys}
    for key, kind, amount in db.session.execute(statement, parameters):
        sums[key][EntryKind(kind)] = int(amount)
    return {key: Balances.from_sums(by_kind) for key, by_kind in sums.items()}


def balances_of(fund_ids: list[int]) -> dict[int, Balances]:
    """The balances of many funds in one statement."""
    return _read(_OF_FUNDS, fund_ids, fund_ids=fund_ids) if fund_ids else {}


def movements_of(fund_ids: list[int], start: datetime, end: datetime) -> dict[int, Balances]:
    """What moved on many funds from `start` up to (not including) `end`, as balances of that
    period alone: reserved + paid_out is what was awarded in it, after releases."""
    return _read(_OF_PERIOD, fund_ids, fund_ids=fund_ids, start=start, end=end) if fund_ids else {}


def balances(fund: Fund) -> Balances:
    return balances_of([fund.id])[fund.id]


def held_for(request_id: int) -> Balances:
    """The money of one request: what is reserved for it, paid out and returned."""
    return _read(_OF_REQUEST, [request_id], request_id=request_id)[request_id]


def lock(fund: Fund) -> None:
    """Take the fund's row lock for the rest of the transaction (see the module's text), and
    read the fund's rules again as they are now: what is checked or changed after the lock
    starts from a change of the rules made at the same moment, never from an older copy."""
    db.session.scalars(
        sa.select(Fund).where(Fund.id == fund.id).with_for_update().execution_options(populate_existing=True)
    ).one()


def post(
    actor,
    fund: Fund,
    kind: EntryKind,
    amount_cents: int,
    *,
    request=None,
    reason: str = "",
    corrects: LedgerEntry | None = None,
) -> LedgerEntry:
    """Add one entry. The caller holds the lock when the entry depends on the balances."""
    entry = LedgerEntry(
        fund_id=fund.id,
        request_id=request.id if request is not None else (corrects.request_id if corrects else None),
        kind=kind,
        amount_cents=amount_cents,
        corrects_id=corrects.id if corrects is not None else None,
        actor_id=actor.id if actor is not None else None,
        reason=reason,
    )
    db.session.add(entry)
    db.session.flush()
    return entry


# A request's reserved and paid-out money is what its decisions and its payout say; a
# correction there would leave money held for a request that no longer needs it.
FOLLOW_DECISIONS = (EntryKind.RESERVATION, EntryKind.RELEASE, EntryKind.PAYOUT)
NOT_ENOUGH = _l("Er is niet genoeg geld meer in het buurtbudget. Beschikbaar is nog %(available)s.")


def ensure_sound(fund: Fund) -> Balances:
    """After the movements of this transaction: refuse when any balance went below zero."""
    now = balances(fund)
    if not now.is_sound():
        raise RuleViolated(NOT_ENOUGH % {"available": euros(max(now.available, 0))})
    return now


def correct(actor, fund: Fund, entry_id: int, amount_cents: int, reason: str) -> LedgerEntry:
    """A coordinator's correction: a new signed entry that refers to the one it corrects."""
    authorize(actor, "fund.correct", fund)
    lock(fund)
    original = db.session.get(LedgerEntry, entry_id)
    if original is None or original.fund_id != fund.id or original.kind == EntryKind.CORRECTION:
        raise RuleViolated(_l("Kies een boeking van dit buurtbudget die geen correctie is."))
    if original.kind in FOLLOW_DECISIONS:
        raise RuleViolated(
            _l(
                "Vastgezet en uitbetaald geld volgt de besluiten en de uitbetaling."
                " Corrigeer het totaalbedrag of een terugbetaling."
            )
        )
    if amount_cents == 0:
        raise RuleViolated(_l("Een correctie van € 0,00 verandert niets. Vul een bedrag in."))
    if not reason.strip():
        raise RuleViolated(_l("Schrijf op waarom deze correctie nodig is."))
    entry = post(actor, fund, EntryKind.CORRECTION, amount_cents, reason=reason.strip(), corrects=original)
    ensure_sound(fund)
    if original.request_id is not None and held_for(original.request_id).returned < 0:
        raise RuleViolated(_l("Na deze correctie zou de aanvraag minder dan niets terugbetaald hebben."))
    record(actor, "ledger.corrected", fund, entry_id=entry.id, corrects_id=original.id, amount_cents=amount_cents)
    return entry
