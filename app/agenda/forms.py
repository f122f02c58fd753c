"""The agenda's filters as GET parameters, so every view has its own link."""

from wtforms import SelectField, ValidationError

from app.activities.labels import KIND_LABELS
from app.activities.models import ActivityKind
from app.core.forms import Form
from app.core.i18n import lazy_gettext as _l
from app.places.fields import NeighbourhoodField


class AgendaForm(Form):
    """Neighbourhood and kind; the view (list or month) and the month travel in links."""

    class Meta:
        csrf = False

    buurt = NeighbourhoodField(_l("Buurt"), everything=_l("Alle buurten"))
    soort = SelectField(
        _l("Soort activiteit"),
        choices=[("", _l("Alle soorten")), *((kind.value, label) for kind, label in KIND_LABELS.items())],
        default="",
        validate_choice=False,
    )

    def validate_soort(self, field):
        if field.data and field.data not in {value for value, _label in field.choices}:
            raise ValidationError(_l("Kies een soort uit de lijst."))

    @property
    def kind(self) -> ActivityKind | None:
        return ActivityKind(self.soort.data) if self.soort.data and not self.soort.errors else None

    @property
    def neighbourhood_id(self) -> int | None:
        return None if self.buurt.errors else self.buurt.data
