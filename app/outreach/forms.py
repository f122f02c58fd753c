"""The outreach forms only parse; the rules (dates, figures that fit together) are in services."""

from wtforms import IntegerField, StringField
from wtforms.validators import NumberRange, Optional

from app.core.fields import ChoiceField, Day, WholeNumber, choice
from app.core.forms import Form, max_length, required, strip, visible_name
from app.core.i18n import lazy_gettext as _l
from app.outreach.models import FIGURES, KIND_LABELS, MAX_HOMES, AreaKind

MAX_FIGURE = 10_000  # far above what one round in one street or flat can bring


HOMES_MESSAGE = _l("Vul een aantal woningen van 1 tot 100.000 in, als getal. Of laat het leeg.")


class HomesField(IntegerField):
    """A number or nothing; text that is no number gets the same plain message."""

    def process_formdata(self, valuelist):
        try:
            super().process_formdata(valuelist)
        except ValueError as error:
            raise ValueError(str(HOMES_MESSAGE)) from error


class AreaForm(Form):
    name = StringField(
        _l("Naam van het gebied"),
        filters=[strip],
        validators=[required(_l("Vul de naam van de straat of flat in.")), max_length(100), visible_name],
        description=_l("Bijvoorbeeld: Flat Zonnehof of Esdoornstraat."),
    )
    kind = choice(
        _l("Soort gebied"),
        {kind.value: label for kind, label in KIND_LABELS.items()},
        _l("Kies een straat, een flat of een ander gebied."),
        default=AreaKind.STREET.value,
    )
    homes = HomesField(
        _l("Aantal woningen (niet verplicht)"),
        validators=[
            Optional(),
            NumberRange(min=1, max=MAX_HOMES, message=HOMES_MESSAGE),
        ],
        description=_l("Zonder aantal woningen kunnen we geen percentage uitrekenen."),
    )

    def values(self) -> dict:
        return {"name": self.name.data, "kind": AreaKind(self.kind.data), "homes": self.homes.data}


def _count(label, message, description=None):
    return WholeNumber(label, message, description, low=0, high=MAX_FIGURE)


class RecordForm(Form):
    area_id = ChoiceField(_l("Gebied"), coerce=int, validators=[required(_l("Kies het gebied van de ronde."))])
    visited_on = Day(_l("Datum van de ronde"), _l("Vul de dag van de ronde in."))
    doors_visited = _count(_l("Deuren langs geweest"), _l("Vul het aantal deuren in, als getal. Geen? Vul 0 in."))
    conversations = _count(
        _l("Gesprekken aan de deur"),
        _l("Vul het aantal gesprekken in, als getal. Geen? Vul 0 in."),
        _l("Hoogstens evenveel als het aantal deuren."),
    )
    house_visits = _count(_l("Huisbezoeken"), _l("Vul het aantal huisbezoeken in, als getal. Geen? Vul 0 in."))
    meetings = _count(_l("Bijeenkomsten"), _l("Vul het aantal bijeenkomsten in, als getal. Geen? Vul 0 in."))
    attendance = _count(
        _l("Bezoekers van de bijeenkomsten"),
        _l("Vul het aantal bezoekers in, als getal. Geen? Vul 0 in."),
        _l("Alle bezoekers samen."),
    )
    willing_to_act = _count(
        _l("Nieuwe bewoners die actief willen worden"),
        _l("Vul het aantal bewoners in, als getal. Geen? Vul 0 in."),
        _l("Alleen wie er in deze ronde bij kwam. Wij tellen de rondes op."),
    )

    def figures(self) -> dict[str, int]:
        return {name: getattr(self, name).data for name in FIGURES}
