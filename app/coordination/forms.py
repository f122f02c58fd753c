"""The dashboard's filters (GET, so every view has its own link) and the snooze form."""

from wtforms import SelectField, TextAreaField, ValidationError

from app.coordination.labels import SIGNAL_LABELS
from app.coordination.models import SignalKind
from app.core.fields import Day
from app.core.forms import Form, max_length, required, strip
from app.core.i18n import lazy_gettext as _l
from app.places.fields import NeighbourhoodField


class FilterForm(Form):
    class Meta:
        csrf = False

    buurt = NeighbourhoodField(_l("Buurt"), everything=_l("Alle buurten"), scoped=True)
    signaal = SelectField(
        _l("Soort signaal"),
        choices=[("", _l("Alle signalen")), *((kind.value, label) for kind, label in SIGNAL_LABELS.items())],
        default="",
        validate_choice=False,
    )

    def validate_signaal(self, field):
        if field.data and field.data not in {value for value, _label in field.choices}:
            raise ValidationError(_l("Kies een soort signaal uit de lijst."))

    @property
    def neighbourhood_id(self) -> int | None:
        return None if self.buurt.errors else self.buurt.data

    @property
    def kind(self) -> SignalKind | None:
        return SignalKind(self.signaal.data) if self.signaal.data and not self.signaal.errors else None


class SnoozeForm(Form):
    until = Day(_l("Uitstellen tot en met"), _l("Kies de dag waarop het signaal terug moet komen."))
    reason = TextAreaField(
        _l("Waarom stelt u het uit?"),
        validators=[required(_l("Schrijf op waarom u het signaal uitstelt.")), max_length(500)],
        filters=[strip],
        description=_l("Uw collega's lezen dit. Bijvoorbeeld: de trekker is op vakantie tot eind van de maand."),
    )
