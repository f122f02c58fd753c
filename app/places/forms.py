from flask_babel import lazy_gettext as _l
from wtforms import IntegerField, StringField
from wtforms.validators import NumberRange, Optional, Regexp

from app.core.fields import ChoiceField
from app.core.forms import Form, max_length, required, visible_name


class MunicipalityForm(Form):
    name = StringField(
        _l("Naam van de gemeente"),
        validators=[required(_l("Vul de naam van de gemeente in.")), max_length(100), visible_name],
    )


class NeighbourhoodForm(Form):
    municipality_id = ChoiceField(_l("Gemeente"), coerce=int, validators=[required(_l("Kies een gemeente."))])
    name = StringField(
        _l("Naam van de buurt"),
        validators=[required(_l("Vul de naam van de buurt in.")), max_length(100), visible_name],
    )
    cbs_code = StringField(
        _l("CBS-code (niet verplicht)"),
        validators=[
            Optional(),
            Regexp(
                r"^(BU|WK)\d{8}$|^(bu|wk)\d{8}$",
                message=_l("Een CBS-code is BU of WK met 8 cijfers, bijvoorbeeld BU03630000."),
            ),
            max_length(10),
        ],
        description=_l("Voorbeeld: BU03630000"),
    )
    homes = IntegerField(
        _l("Aantal woningen (niet verplicht)"),
        validators=[
            Optional(),
            NumberRange(min=0, max=1_000_000, message=_l("Vul een aantal van 0 of meer in.")),
        ],
    )
