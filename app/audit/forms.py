"""The audit log's filters: a GET form, so each view has its own link; a value that cannot be
right is reported and ignored."""

from wtforms import SelectField, StringField, ValidationError

from app.core.audit import DONE, REFUSED
from app.core.fields import Day, WholeNumber
from app.core.forms import Form, max_length, within_date_window
from app.core.i18n import lazy_gettext as _l

RESULT_LABELS = {DONE: _l("Gedaan"), REFUSED: _l("Geweigerd")}
# What an entry can be about, by the model's name in lower case (AuditEntry.object_type).
OBJECT_LABELS = {
    "user": _l("Account"),
    "team": _l("Team"),
    "activity": _l("Activiteit"),
    "voucherrequest": _l("Aanvraag voor geld"),
    "fund": _l("Buurtbudget"),
    "question": _l("Vraag aan de helpdesk"),
    "coachingnote": _l("Notitie van de begeleiding"),
    "neighbourhood": _l("Buurt"),
    "municipality": _l("Gemeente"),
    "template": _l("Aanpak"),
}


class AuditFilterForm(Form):
    class Meta:
        csrf = False

    wie = StringField(
        _l("Wie"), validators=[max_length(200)], description=_l("Een deel van de naam of het e-mailadres.")
    )
    soort = SelectField(
        _l("Over"), choices=[("", _l("Alles")), *OBJECT_LABELS.items()], default="", validate_choice=False
    )
    nummer = WholeNumber(
        _l("Nummer (niet verplicht)"),
        _l("Vul een nummer van 1 of meer in."),
        _l("Het nummer in het webadres, bijvoorbeeld 12 in /teams/12."),
        low=1,
        high=2**31 - 1,
        optional=True,
    )
    resultaat = SelectField(
        _l("Resultaat"), choices=[("", _l("Alles")), *RESULT_LABELS.items()], default="", validate_choice=False
    )
    van = Day(_l("Van"), _l("Vul een datum in, bijvoorbeeld 1-12-2026."), optional=True)
    tot = Day(_l("Tot en met"), _l("Vul een datum in, bijvoorbeeld 31-12-2026."), optional=True)

    def validate_soort(self, field) -> None:
        if field.data and field.data not in OBJECT_LABELS:
            raise ValidationError(_l("Kies uit de lijst."))

    def validate_resultaat(self, field) -> None:
        if field.data and field.data not in RESULT_LABELS:
            raise ValidationError(_l("Kies uit de lijst."))

    def validate_van(self, field) -> None:
        within_date_window(self, field)

    def validate_tot(self, field) -> None:
        within_date_window(self, field)
        if field.data and self.van.data and not self.van.errors and field.data < self.van.data:
            raise ValidationError(_l("De einddatum ligt voor de begindatum."))

    def value(self, name: str):
        """The filter's value, or None when it is empty or wrong (its message is on the page)."""
        field = self[name]
        return None if field.errors or field.data in ("", None) else field.data
