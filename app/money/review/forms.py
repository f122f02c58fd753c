"""The regie-group's forms: an advice and the decision. They parse only; review.services
holds the rules."""

from wtforms import BooleanField, TextAreaField, ValidationError

from app.core.fields import MoneyField, choice
from app.core.forms import Form, max_length, required, required_for
from app.core.i18n import lazy_gettext as _l
from app.money.requests.labels import ADVICE_LABELS, OUTCOME_LABELS
from app.money.requests.models import Advice, Outcome


class AdviceForm(Form):
    advice = choice(_l("Uw advies"), ADVICE_LABELS, _l("Kies uw advies: toekennen, een lager bedrag of afwijzen."))
    amount = MoneyField(
        _l("Lager bedrag (alleen bij een lager bedrag)"),
        description=_l("In euro's, bijvoorbeeld 75 of 75,50. Minder dan het gevraagde bedrag."),
    )
    comment = TextAreaField(
        _l("Uw reden (verplicht bij een lager bedrag of afwijzen)"),
        default="",
        validators=[max_length(2000)],
        description=_l("De voorzitter gebruikt uw reden voor de uitleg aan het team."),
    )

    def validate_amount(self, field):
        if self.advice.data == Advice.LOWER and field.data is None and not field.errors:
            raise ValidationError(_l("Vul het lagere bedrag in dat u het team wilt geven."))

    def validate_comment(self, field):
        required_for(
            field,
            self.advice.data,
            (Advice.LOWER, Advice.REJECT),
            _l("Schrijf kort uw reden op. De voorzitter gebruikt die voor de uitleg aan het team."),
        )


class DecisionForm(Form):
    outcome = choice(_l("Besluit"), OUTCOME_LABELS, _l("Kies het besluit."))
    amount = MoneyField(
        _l("Toegekend bedrag (alleen bij deels toekennen)"),
        description=_l("In euro's, minder dan het gevraagde bedrag."),
    )
    motivation = TextAreaField(
        _l("Uitleg aan het team (verplicht bij afwijzen, bij deels toekennen en als u afwijkt van het advies)"),
        default="",
        validators=[max_length(4000)],
        description=_l("Het team krijgt deze uitleg in een bericht en per mail."),
    )
    # A decision reserves money at once: the chair picks the outcome herself (nothing is
    # chosen for her) and confirms it.
    confirm = BooleanField(
        _l("Ik leg dit besluit vast"),
        validators=[required(_l("Zet een vinkje als u dit besluit wilt vastleggen."))],
        description=_l("Bij toekennen zet het buurtbudget het bedrag meteen vast voor het team."),
    )

    def validate_amount(self, field):
        if self.outcome.data == Outcome.PARTLY_AWARDED and field.data is None and not field.errors:
            raise ValidationError(_l("Vul het bedrag in dat het team krijgt."))

    def validate_motivation(self, field):
        required_for(
            field,
            self.outcome.data,
            (Outcome.PARTLY_AWARDED, Outcome.REJECTED),
            _l("Leg uit waarom het team minder of geen geld krijgt. Het team leest deze uitleg."),
        )
