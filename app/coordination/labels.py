from app.coordination.models import SignalKind
from app.core.i18n import lazy_gettext as _l

SIGNAL_LABELS = {
    SignalKind.ACCOUNTABILITY_OVERDUE: _l("Verantwoording te laat"),
    SignalKind.PAYOUT_WAITING: _l("Geld wacht op uitbetaling"),
    SignalKind.ACCOUNTABILITY_CHECK: _l("Verantwoording wacht op controle"),
    SignalKind.DECISION_PENDING: _l("Besluit laat lang op zich wachten"),
    SignalKind.QUESTION_UNANSWERED: _l("Vraag wacht lang op antwoord"),
    SignalKind.NO_TREKKER: _l("Team zonder trekker"),
    SignalKind.BELOW_MINIMUM: _l("Te klein voor het buurtbudget"),
    SignalKind.NO_SUPPORT_CONTACT: _l("Nieuw team nog niet gesproken"),
    SignalKind.DORMANT: _l("Slapend team"),
    SignalKind.HEADING_DORMANT: _l("Team lang niet actief"),
}

# What a coordinator can do about it, in one line under the signal.
SIGNAL_HINTS = {
    SignalKind.ACCOUNTABILITY_OVERDUE: _l("Vraag de trekker naar de bonnen en het verslag."),
    SignalKind.PAYOUT_WAITING: _l("Maak het toegekende geld over naar het team en leg de uitbetaling vast."),
    SignalKind.ACCOUNTABILITY_CHECK: _l(
        "Bekijk het verslag en de bonnen. Keur de verantwoording goed of stuur haar terug."
    ),
    SignalKind.DECISION_PENDING: _l("Vraag de voorzitter van de regiegroep om een besluit."),
    SignalKind.QUESTION_UNANSWERED: _l("Geef antwoord of wijs de vraag toe aan een collega."),
    SignalKind.NO_TREKKER: _l("Help het team een nieuw aanspreekpunt te kiezen."),
    SignalKind.BELOW_MINIMUM: _l("Het team heeft meer leden nodig voor een aanvraag."),
    SignalKind.NO_SUPPORT_CONTACT: _l("Maak kennis en schrijf een notitie."),
    SignalKind.DORMANT: _l("Vraag of het team wil doorgaan, of help het stoppen."),
    SignalKind.HEADING_DORMANT: _l("Vraag het team wat het van plan is."),
}
