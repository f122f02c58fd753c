from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import IntegerField, SelectField, StringField
from wtforms.validators import NumberRange, Optional, Regexp

from app.core.forms import max_length, required


class MunicipalityForm(FlaskForm):
    name = StringField(
        _l("Naam van de gemeente"),
        validators=[required(_l("Vul de naam van de gemeente in.")), max_length(100)],
    )


class NeighbourhoodForm(FlaskForm):
    municipality_id = SelectField(_l("Gemeente"), coerce=int, validators=[required(_l("Kies een gemeente."))])
    name = StringField(
        _l("Naam van de buurt"),
        validators=[required(_l("Vul de naam van de buurt in.")), max_length(100)],
    )
    cbs_code = StringField(
        _l("CBS-code (niet verplicht)"),
        validators=[
            Optional(),
            Regexp(
                r"^(BU|WK)\d{8}$|^(bu|wk)\d{8}$",
                message=_l("Een CBS-code is BU of WK met 8 cijfers, bijvoorbeeld BU03630000."),
            ),
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
