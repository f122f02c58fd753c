"""Setting up a fund and its regie-group. Coordinators do this; they never sit in the
group themselves (separation of duties). Services flush; the request commits."""

from datetime import date

import sqlalchemy as sa
from flask_babel import force_locale

from app.accounts.models import User
from app.core.audit import record
from app.core.errors import RuleViolated
from app.core.i18n import lazy_gettext as _l
from app.core.locks import locked
from app.core.policy import authorize
from app.core.scope import staff_in
from app.extensions import db
from app.money import ledger
from app.money.models import (
    CHAIR_TAKEN,
    COST_CATEGORIES,
    DEPUTY_TAKEN,
    EntryKind,
    Fund,
    LedgerEntry,
    RegieMember,
    RegieRole,
)

RULES = (
    "name", "period_start", "period_end", "support_percent", "max_per_voucher_cents", "max_per_team_cents",
    "min_team_size", "categories", "opens_on", "closes_on", "accountability_days", "objection_days", "quorum",
    "decision_rule",
)  # fmt: skip


def support_of(total_cents: int, percent: int) -> int:
    """The support share, rounded down to the cent: never more than the rule says."""
    return total_cents * percent // 100


def _check_rules(rules: dict) -> None:
    if rules["period_end"] < rules["period_start"]:
        raise RuleViolated(_l("De periode eindigt voor ze begint. Kijk de datums na."))
    if rules["closes_on"] < rules["opens_on"]:
        raise RuleViolated(_l("Aanvragen kan niet sluiten voor het opengaat. Kijk de datums na."))
    if rules["opens_on"] < rules["period_start"] or rules["closes_on"] > rules["period_end"]:
        raise RuleViolated(
            _l(
                "Aanvragen kan alleen binnen de periode van het buurtbudget: van %(start)s tot en met %(end)s."
                " Kijk de datums na.",
                start=rules["period_start"].strftime("%d-%m-%Y"),
                end=rules["period_end"].strftime("%d-%m-%Y"),
            )
        )
    if rules["max_per_team_cents"] < rules["max_per_voucher_cents"]:
        raise RuleViolated(
            _l("Het maximum per team is lager dan het maximum per aanvraag. Maak het minstens even hoog.")
        )
    if not rules["categories"] or set(rules["categories"]) - COST_CATEGORIES.keys():
        raise RuleViolated(_l("Kies minstens één soort kosten waarvoor bewoners geld kunnen krijgen."))


def _first(fund: Fund, kind: EntryKind) -> LedgerEntry | None:
    return db.session.scalar(
        sa.select(LedgerEntry).where(LedgerEntry.fund_id == fund.id, LedgerEntry.kind == kind).order_by(LedgerEntry.id)
    )


def create_fund(actor, neighbourhood, rules: dict, total_cents: int) -> Fund:
    """A fund with its rules, in a neighbourhood of the actor's scope; the total and the
    support share go into the ledger."""
    authorize(actor, "fund.manage")
    if not staff_in(actor, neighbourhood.id):
        raise RuleViolated(_l("Kies een buurt van uw eigen gemeente."), field="neighbourhood_id")
    _check_rules(rules)
    fund = Fund(neighbourhood_id=neighbourhood.id, **{name: rules[name] for name in RULES})
    db.session.add(fund)
    db.session.flush()
    ledger.post(actor, fund, EntryKind.DEPOSIT, total_cents)
    support = support_of(total_cents, fund.support_percent)
    if support:
        ledger.post(actor, fund, EntryKind.SUPPORT, support)
    record(actor, "fund.created", fund, total_cents=total_cents)
    return fund


def update_fund(actor, fund: Fund, rules: dict, total_cents: int) -> None:
    """Change the rules. A new total or support share is booked as corrections of the
    fund's first entries; money already awarded stays awarded."""
    authorize(actor, "fund.manage", fund)
    _check_rules(rules)
    ledger.lock(fund)
    changed = [name for name in RULES if getattr(fund, name) != rules[name]]
    for name in changed:
        setattr(fund, name, rules[name])
    before = ledger.balances(fund)
    # Written in Dutch whatever the coordinator's language: the ledger is the record.
    with force_locale("nl"):
        reason = str(_l("Totaalbedrag of ondersteuningsdeel aangepast"))
    for kind, wanted in (
        (EntryKind.DEPOSIT, total_cents),
        (EntryKind.SUPPORT, support_of(total_cents, fund.support_percent)),
    ):
        current = before.total if kind == EntryKind.DEPOSIT else before.support
        if wanted == current:
            continue
        original = _first(fund, kind)
        if original is None:
            ledger.post(actor, fund, kind, wanted, reason=reason)
        else:
            ledger.post(actor, fund, EntryKind.CORRECTION, wanted - current, reason=reason, corrects=original)
        changed.append("total_cents" if kind == EntryKind.DEPOSIT else "support")
    ledger.ensure_sound(fund)
    if changed:
        record(actor, "fund.updated", fund, fields=", ".join(changed))
    db.session.flush()


def appoint(actor, fund: Fund, user: User, role: RegieRole, starts_on: date, ends_on: date) -> RegieMember:
    """Seat a resident in the regie-group for a term. One chair and one deputy per fund."""
    authorize(actor, "fund.manage", fund)
    if user.is_coordinator or user.is_admin:
        raise RuleViolated(_l("Medewerkers van de gemeente zitten niet in de regiegroep. Kies een bewoner."))
    if not user.is_active or user.email_confirmed_at is None:
        raise RuleViolated(_l("Dit account is niet actief. Kies een bewoner met een actief account."))
    if ends_on < starts_on:
        raise RuleViolated(_l("De termijn eindigt voor ze begint. Kijk de datums na."))
    _check_single(fund, role, None)  # the partial unique indexes keep it under races
    seat = RegieMember(fund_id=fund.id, user_id=user.id, role=role, starts_on=starts_on, ends_on=ends_on)
    db.session.add(seat)
    db.session.flush()
    record(actor, "regie.appointed", fund, user_id=user.id, role=role, starts_on=starts_on, ends_on=ends_on)
    return seat


def change_seat(actor, fund: Fund, seat: RegieMember, role: RegieRole, starts_on: date, ends_on: date) -> None:
    """A new role or term; ending a term early is setting its end to today. The seat is
    changed under its row lock, from what a change at the same moment left."""
    authorize(actor, "fund.manage", fund)
    locked(seat)
    if ends_on < starts_on:
        raise RuleViolated(_l("De termijn eindigt voor ze begint. Kijk de datums na."))
    _check_single(fund, role, seat)
    seat.role, seat.starts_on, seat.ends_on = role, starts_on, ends_on
    db.session.flush()
    record(actor, "regie.changed", fund, user_id=seat.user_id, role=role, starts_on=starts_on, ends_on=ends_on)


def _check_single(fund: Fund, role: RegieRole, seat: RegieMember | None) -> None:
    if role == RegieRole.MEMBER:
        return
    other = db.session.scalar(
        sa.select(RegieMember.id).where(
            RegieMember.fund_id == fund.id, RegieMember.role == role, RegieMember.id != (seat.id if seat else -1)
        )
    )
    if other is not None:
        raise RuleViolated(CHAIR_TAKEN if role == RegieRole.CHAIR else DEPUTY_TAKEN)
