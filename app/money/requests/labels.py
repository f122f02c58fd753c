"""How statuses, advices and outcomes read (B1 Dutch)."""

from app.core.i18n import lazy_gettext as _l
from app.money.requests.models import AccountabilityStatus, Advice, Outcome, RequestStatus

STATUS_LABELS = {
    RequestStatus.DRAFT: _l("Concept"),
    RequestStatus.SUBMITTED: _l("Ingediend"),
    RequestStatus.IN_REVIEW: _l("Regiegroep beoordeelt"),
    RequestStatus.AWARDED: _l("Toegekend"),
    RequestStatus.PARTLY_AWARDED: _l("Deels toegekend"),
    RequestStatus.REJECTED: _l("Afgewezen"),
    RequestStatus.WITHDRAWN: _l("Ingetrokken"),
    RequestStatus.PAID_OUT: _l("Uitbetaald"),
    RequestStatus.ACCOUNTED: _l("Verantwoording ingediend"),
    RequestStatus.SETTLED: _l("Afgerond"),
}
ADVICE_LABELS = {
    Advice.AWARD: _l("Toekennen"),
    Advice.LOWER: _l("Een lager bedrag toekennen"),
    Advice.REJECT: _l("Afwijzen"),
}
OUTCOME_LABELS = {
    Outcome.AWARDED: _l("Toegekend"),
    Outcome.PARTLY_AWARDED: _l("Deels toegekend"),
    Outcome.REJECTED: _l("Afgewezen"),
}
ACCOUNTABILITY_LABELS = {
    AccountabilityStatus.SUBMITTED: _l("Wacht op controle"),
    AccountabilityStatus.SENT_BACK: _l("Teruggestuurd"),
    AccountabilityStatus.APPROVED: _l("Goedgekeurd"),
}
# The history's lines, by audit action.
HISTORY_LABELS = {
    "voucher.draft_saved": _l("Concept bewaard"),
    "voucher.submitted": _l("Ingediend"),
    "voucher.assessed": _l("Advies gegeven"),
    "voucher.decided": _l("Besluit genomen"),
    "voucher.withdrawn": _l("Ingetrokken"),
    "voucher.objected": _l("Bezwaar gemaakt"),
    "voucher.paid_out": _l("Uitbetaald"),
    "voucher.receipt_added": _l("Bon toegevoegd"),
    "voucher.receipt_removed": _l("Bon verwijderd"),
    "voucher.accounted": _l("Verantwoording ingediend"),
    "voucher.sent_back": _l("Verantwoording teruggestuurd"),
    "voucher.settled": _l("Goedgekeurd en afgerond"),
}
