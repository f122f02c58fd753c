"""The forms after the decision: the team's accountability and a receipt, and the
coordinator's check of the accountability. They parse only; settlement.services holds the
rules."""

from flask_wtf.file import FileField, FileRequired
from wtforms import IntegerField, StringField, TextAreaField
from wtforms.validators import InputRequired, NumberRange, Optional

from app.core.fields import MoneyField, choice
from app.core.forms import Form, max_length, required, required_for, strip, within_limit
from app.core.i18n import lazy_gettext as _l
from app.core.money import euros

MAX_COUNT = 100_000

APPROVE, SEND_BACK = "approve", "send_back"
VERDICT_LABELS = {
    APPROVE: _l("Goedkeuren: de aanvraag is afgerond"),
    SEND_BACK: _l("Terugsturen: het team moet nog iets aanvullen"),
}


PARTICIPANTS_MESSAGE = _l("Vul het aantal deelnemers in als getal van 0 of meer.")


class ParticipantsField(IntegerField):
    """A number of people; one plain message for whatever is wrong with it."""

    def process_formdata(self, valuelist):
        try:
            super().process_formdata(valuelist)
        except ValueError as error:
            raise ValueError(str(PARTICIPANTS_MESSAGE)) from error


class AccountForm(Form):
    """What was really spent per budget line (a field per line, added by `for_lines`), who
    took part and how it went."""

    participants = ParticipantsField(
        _l("Hoeveel mensen deden mee? (niet verplicht)"),
        validators=[Optional(), NumberRange(min=0, max=MAX_COUNT, message=PARTICIPANTS_MESSAGE)],
        description=_l("Wij namen het aantal over uit de terugblik op de activiteit. Pas het aan als het niet klopt."),
    )
    report = TextAreaField(
        _l("Hoe ging het, en waar ging het geld aan op?"),
        filters=[strip],
        validators=[
            required(_l("Schrijf kort op hoe de activiteit ging en waar het geld aan op ging.")),
            max_length(5000),
        ],
    )

    @classmethod
    def for_lines(cls, lines) -> type["AccountForm"]:
        fields = {
            f"line_{line.id}": MoneyField(
                _l("Echt uitgegeven aan: %(what)s", what=line.description),
                validators=[
                    InputRequired(
                        _l("Vul in wat '%(what)s' echt kostte. Niets uitgegeven? Vul 0 in.", what=line.description)
                    )
                ],
                description=_l("Gevraagd: %(amount)s", amount=euros(line.amount_cents)),
            )
            for line in lines
        }
        return type("LinesAccountForm", (cls,), fields)

    def actual(self) -> dict[int, int]:
        return {
            int(name.removeprefix("line_")): field.data
            for name, field in self._fields.items()
            if name.startswith("line_")
        }

    def line_fields(self) -> list:
        return [field for name, field in self._fields.items() if name.startswith("line_")]


class ReceiptForm(Form):
    title = StringField(
        _l("Wat is het voor bon?"),
        filters=[strip],
        validators=[required(_l("Schrijf kort wat het voor bon is, bijvoorbeeld: bouwmarkt, verf.")), max_length(120)],
    )
    file = FileField(
        _l("De bon"),
        validators=[FileRequired(message=_l("Kies het bestand van de bon.")), within_limit("RECEIPT_MAX_BYTES")],
        description=_l("Een PDF, of een foto van de bon (JPEG of PNG)."),
    )


class CheckForm(Form):
    verdict = choice(_l("Uw controle"), VERDICT_LABELS, _l("Kies: goedkeuren of terugsturen."))
    comment = TextAreaField(
        _l("Opmerking voor het team (verplicht bij terugsturen)"),
        default="",
        validators=[max_length(2000)],
        description=_l("Schrijf op wat er nog niet goed is. Het team leest dit."),
    )

    def validate_comment(self, field):
        required_for(
            field, self.verdict.data, (SEND_BACK,), _l("Schrijf op wat er nog niet goed is. Het team leest dit.")
        )
