"""After the decision: the coordinator pays out, the trekkers account for the money with
receipts, and the coordinator approves it (unspent money goes back to the fund) or sends
it back with a comment. Every write of the accountability (a receipt, the accountability
itself) takes the request's row lock first and reads it again, so the receipts that are
counted are the receipts there are when the accountability goes in."""

import io
from datetime import timedelta

import sqlalchemy as sa

from app.activities.models import HAPPENED, Activity
from app.core import uploads
from app.core.audit import record
from app.core.errors import Gone, RuleViolated
from app.core.i18n import lazy_gettext as _l
from app.core.jobs import each_item
from app.core.models import utcnow
from app.core.policy import authorize
from app.core.timezone import local_today, to_local
from app.evaluations.images import NOT_A_PHOTO, clean_photo
from app.extensions import db
from app.money import ledger
from app.money.models import EntryKind, Fund
from app.money.requests.models import (
    AWARDED,
    Accountability,
    AccountabilityStatus,
    Receipt,
    RequestStatus,
    VoucherLine,
    VoucherRequest,
)
from app.money.requests.notices import tell_trekkers
from app.money.requests.services import change_status, lock
from app.teams.models import Team

RECEIPTS = "receipts"
MAX_RECEIPTS = 20
NOT_A_RECEIPT = _l("Dit bestand is geen bon. Kies een PDF, of een foto in JPEG- of PNG-formaat.")


def due_on(fund: Fund, activity: Activity):
    """The activity's last local day plus the fund's accountability days."""
    day = to_local(activity.ends_at or activity.starts_at)
    return (day.date() if day else local_today()) + timedelta(days=fund.accountability_days)


def pay_out(actor, request: VoucherRequest) -> None:
    """Register that the awarded amount went to the team: the reservation becomes a payout."""
    authorize(actor, "voucher.pay", request)
    fund = db.session.get(Fund, request.fund_id)
    ledger.lock(fund)
    db.session.refresh(request)
    if request.status not in AWARDED:
        raise RuleViolated(_l("Alleen een toegekende aanvraag die nog niet betaald is, kunt u uitbetalen."))
    held = ledger.held_for(request.id).reserved
    activity = db.session.get(Activity, request.activity_id)
    change_status(
        request, AWARDED, RequestStatus.PAID_OUT, paid_at=utcnow(), accountability_due_on=due_on(fund, activity)
    )
    if held > 0:
        ledger.post(actor, fund, EntryKind.PAYOUT, held, request=request)
    ledger.ensure_sound(fund)
    record(actor, "voucher.paid_out", request, amount_cents=held)
    tell_trekkers(request, "voucher.paid", amount=held, day=request.accountability_due_on.strftime("%d-%m-%Y"))


def receipt_file(data: bytes) -> tuple[bytes, str]:
    """The file to keep and its extension, decided by its content: a PDF as it is (served as a
    download only), a photo re-encoded without its metadata."""
    if data.startswith(b"%PDF-") and b"%%EOF" in data[-1024:]:
        return data, ".pdf"
    try:
        return clean_photo(io.BytesIO(data))
    except RuleViolated as error:
        raise RuleViolated(NOT_A_RECEIPT if error.message == NOT_A_PHOTO else error.message) from error


def _accountable(actor, team: Team, request: VoucherRequest) -> None:
    authorize(actor, "voucher.apply", team)
    lock(request)
    if request.status != RequestStatus.PAID_OUT:
        raise RuleViolated(
            _l("Verantwoorden kan als het geld is uitbetaald en de verantwoording nog niet is ingediend.")
        )


def _attached(request: VoucherRequest, content: bytes) -> bool:
    """The same file is already among the request's receipts: the page was sent twice (the
    page after adding a receipt answers its post, so reloading it sends the receipt again)."""
    same_size = db.session.scalars(
        sa.select(Receipt.file_name).where(Receipt.request_id == request.id, Receipt.size == len(content))
    )
    return any(uploads.read(RECEIPTS, name) == content for name in same_size)


def add_receipt(actor, team: Team, request: VoucherRequest, data: bytes, title: str) -> Receipt:
    _accountable(actor, team, request)
    count = db.session.scalar(sa.select(sa.func.count()).where(Receipt.request_id == request.id))
    if count >= MAX_RECEIPTS:
        raise RuleViolated(_l("U kunt hoogstens %(count)s bonnen toevoegen.", count=MAX_RECEIPTS))
    content, extension = receipt_file(data)
    if _attached(request, content):
        raise RuleViolated(_l("Deze bon is al toegevoegd."))
    receipt = Receipt(
        request_id=request.id,
        title=title.strip()[:120] or str(_l("Bon")),
        size=len(content),
        uploaded_by_id=actor.id,
        file_name=uploads.store(RECEIPTS, content, extension),
    )
    db.session.add(receipt)
    db.session.flush()
    record(actor, "voucher.receipt_added", request, receipt_id=receipt.id)
    return receipt


def remove_receipt(actor, team: Team, request: VoucherRequest, receipt: Receipt) -> None:
    _accountable(actor, team, request)
    if db.session.scalar(sa.select(Receipt.id).where(Receipt.id == receipt.id)) is None:
        raise Gone()  # removed by a click at the same moment
    record(actor, "voucher.receipt_removed", request, receipt_id=receipt.id)
    db.session.delete(receipt)
    db.session.flush()
    uploads.remove(RECEIPTS, receipt.file_name)


def account(
    actor, team: Team, request: VoucherRequest, actual: dict[int, int], report: str, participants: int | None
) -> Accountability:
    """Submit what was really spent per budget line, the receipts, who took part and how it went."""
    _accountable(actor, team, request)
    activity = db.session.get(Activity, request.activity_id)
    if activity.status not in HAPPENED:
        raise RuleViolated(_l("Verantwoorden kan als de activiteit geweest is. Zet haar eerst op 'gedaan'."))
    lines = list(db.session.scalars(sa.select(VoucherLine).where(VoucherLine.request_id == request.id)))
    if set(actual) != {line.id for line in lines} or any(cents < 0 for cents in actual.values()):
        raise RuleViolated(_l("Vul bij elke regel in wat het echt kostte (€ 0 als u er niets aan uitgaf)."))
    if not report.strip():
        raise RuleViolated(_l("Schrijf kort op hoe de activiteit ging en waar het geld aan op ging."))
    spent = sum(actual.values())
    receipts = db.session.scalar(sa.select(sa.func.count()).where(Receipt.request_id == request.id))
    if spent > 0 and receipts == 0:
        raise RuleViolated(_l("Voeg de bonnen toe van wat u kocht. Een foto van een bon is ook goed."))
    for line in lines:
        line.actual_cents = actual[line.id]
    accountability = db.session.scalar(sa.select(Accountability).where(Accountability.request_id == request.id))
    if accountability is None:
        accountability = Accountability(request_id=request.id)
        db.session.add(accountability)
    accountability.report, accountability.participants = report.strip(), participants
    accountability.status, accountability.submitted_at = AccountabilityStatus.SUBMITTED, utcnow()
    accountability.submitted_by_id = actor.id
    change_status(request, (RequestStatus.PAID_OUT,), RequestStatus.ACCOUNTED)
    record(actor, "voucher.accounted", request, spent_cents=spent)
    return accountability


def spent(request: VoucherRequest) -> int:
    # int(): PostgreSQL sums a BIGINT as NUMERIC, which comes back as a Decimal.
    return int(
        db.session.scalar(
            sa.select(sa.func.coalesce(sa.func.sum(VoucherLine.actual_cents), 0)).where(
                VoucherLine.request_id == request.id
            )
        )
    )


def review(actor, request: VoucherRequest, approve: bool, comment: str) -> None:
    """Approve (settle: what was not spent returns to the fund) or send back with a comment."""
    authorize(actor, "voucher.pay", request)
    fund = db.session.get(Fund, request.fund_id)
    ledger.lock(fund)
    db.session.refresh(request)
    if request.status != RequestStatus.ACCOUNTED:
        raise RuleViolated(_l("Er is geen verantwoording die op controle wacht."))
    if not approve and not comment.strip():
        raise RuleViolated(_l("Schrijf op wat er nog niet goed is. Het team leest dit."))
    accountability = db.session.scalar(sa.select(Accountability).where(Accountability.request_id == request.id))
    accountability.reviewed_by_id, accountability.reviewed_at = actor.id, utcnow()
    accountability.review_comment = comment.strip()
    if not approve:
        accountability.status = AccountabilityStatus.SENT_BACK
        change_status(request, (RequestStatus.ACCOUNTED,), RequestStatus.PAID_OUT)
        record(actor, "voucher.sent_back", request)
        tell_trekkers(request, "voucher.sent_back", comment=comment.strip())
        return
    unspent = ledger.held_for(request.id).paid_out - spent(request)
    if unspent > 0:
        ledger.post(actor, fund, EntryKind.RETURN, unspent, request=request)
    accountability.status = AccountabilityStatus.APPROVED
    change_status(request, (RequestStatus.ACCOUNTED,), RequestStatus.SETTLED)
    ledger.ensure_sound(fund)
    record(actor, "voucher.settled", request, returned_cents=max(unspent, 0))
    tell_trekkers(request, "voucher.settled")


def remind_due(days_ahead: int = 7) -> int:
    """Remind the trekkers once, a week before the accountability deadline (`flask reminders`)."""
    today = local_today()
    due = list(
        db.session.scalars(
            sa.select(VoucherRequest).where(
                VoucherRequest.status == RequestStatus.PAID_OUT,
                VoucherRequest.reminded_at.is_(None),
                VoucherRequest.accountability_due_on <= today + timedelta(days=days_ahead),
                VoucherRequest.accountability_due_on >= today,
            )
        )
    )

    def remind(request: VoucherRequest) -> None:
        request.reminded_at = utcnow()
        tell_trekkers(request, "voucher.accountability_due", day=request.accountability_due_on.strftime("%d-%m-%Y"))

    return len(each_item(due, remind, "accountability reminders"))
