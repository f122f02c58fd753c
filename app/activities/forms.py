from wtforms import BooleanField, DateTimeLocalField, IntegerField, StringField, TextAreaField, ValidationError
from wtforms.validators import NumberRange, Optional

from app.activities.labels import KIND_LABELS
from app.core.fields import ChoiceField
from app.core.forms import Form, max_length, required, within_date_window
from app.core.i18n import lazy_gettext as _l


class ActivityForm(Form):
    title = StringField(
        _l("Naam van de activiteit"),
        validators=[required(_l("Geef de activiteit een naam.")), max_length(150)],
        description=_l("Bijvoorbeeld: Burendag in de binnentuin."),
    )
    description = TextAreaField(
        _l("Wat gaat er gebeuren?"),
        validators=[Optional(), max_length(4000)],
        description=_l("Als de activiteit openbaar is, kan iedereen dit lezen."),
    )
    kind = ChoiceField(
        _l("Soort activiteit"),
        choices=list(KIND_LABELS.items()),
        validators=[required(_l("Kies de soort activiteit."))],
    )
    starts_at = DateTimeLocalField(
        _l("Begint op (niet verplicht voor een idee)"),
        format="%Y-%m-%dT%H:%M",
        validators=[Optional(), within_date_window],
        description=_l("Datum en tijd, bijvoorbeeld 14-06-2027 14:00."),
    )
    ends_at = DateTimeLocalField(
        _l("Eindigt op (niet verplicht)"), format="%Y-%m-%dT%H:%M", validators=[Optional(), within_date_window]
    )
    happened = BooleanField(
        _l("Deze activiteit is al geweest"),
        description=_l(
            "Alleen voor een activiteit die voorbij is en die u nu vastlegt. Ze staat dan op 'gedaan',"
            " en u kunt terugkijken."
        ),
    )

    location = StringField(
        _l("Waar?"),
        validators=[Optional(), max_length(200)],
        description=_l("Bijvoorbeeld: de binnentuin achter Pruimengaarde 20."),
    )
    is_public = BooleanField(
        _l("Openbaar: zet de activiteit in de agenda, zodat iedereen haar ziet en zich kan aanmelden"),
        description=_l("Met een datum en tijd staat ze meteen in de agenda. Zonder datum ziet alleen het team haar."),
    )
    capacity = IntegerField(
        _l("Hoeveel mensen kunnen meedoen? (niet verplicht)"),
        validators=[Optional(), NumberRange(min=1, max=100_000, message=_l("Vul een aantal van 1 of meer in."))],
        description=_l("Laat leeg als er geen grens is."),
    )
    expected_participants = IntegerField(
        _l("Hoeveel mensen verwacht u? (niet verplicht)"),
        validators=[Optional(), NumberRange(min=0, max=100_000, message=_l("Vul een aantal van 0 of meer in."))],
    )

    def validate_ends_at(self, field):
        if field.data and self.starts_at.data and field.data < self.starts_at.data:
            raise ValidationError(_l("Het einde ligt voor het begin. Kijk de tijden na."))

    def values(self) -> dict:
        """The activity's fields as the service takes them (times still local)."""
        return {name: getattr(self, name).data for name in ACTIVITY_FIELDS}


ACTIVITY_FIELDS = (
    "title",
    "description",
    "kind",
    "starts_at",
    "ends_at",
    "location",
    "is_public",
    "capacity",
    "expected_participants",
)


class CancelForm(Form):
    reason = TextAreaField(
        _l("Waarom gaat de activiteit niet door?"),
        validators=[required(_l("Schrijf kort op waarom de activiteit niet doorgaat.")), max_length(1000)],
        description=_l("Wie zich heeft aangemeld, krijgt dit bericht."),
    )
