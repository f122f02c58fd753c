"""How the ledger's kinds of entry and the decision rules read (B1 Dutch)."""

from app.core.i18n import lazy_gettext as _l
from app.money.models import DecisionRule, EntryKind, RegieRole

ENTRY_LABELS = {
    EntryKind.DEPOSIT: _l("Geld in het buurtbudget gezet"),
    EntryKind.SUPPORT: _l("Apart gezet voor ondersteuning en uitvoering"),
    EntryKind.RESERVATION: _l("Vastgezet voor een toegekende aanvraag"),
    EntryKind.RELEASE: _l("Weer vrijgegeven (lager besluit of ingetrokken)"),
    EntryKind.PAYOUT: _l("Uitbetaald aan het team"),
    EntryKind.RETURN: _l("Niet uitgegeven geld terug in het buurtbudget"),
    EntryKind.CORRECTION: _l("Correctie"),
}
RULE_LABELS = {
    DecisionRule.MAJORITY: _l("Meerderheid van de gegeven adviezen (bij gelijke stemmen: afgewezen)"),
    DecisionRule.UNANIMOUS: _l("Alle gegeven adviezen zijn voor toekennen"),
}
ROLE_LABELS = {
    RegieRole.CHAIR: _l("Voorzitter"),
    RegieRole.DEPUTY: _l("Plaatsvervangend voorzitter"),
    RegieRole.MEMBER: _l("Lid"),
}
