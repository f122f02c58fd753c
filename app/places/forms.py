import re

from wtforms import IntegerField, StringField, TextAreaField, ValidationError
from wtforms.validators import NumberRange, Optional, Regexp

from app.core.fields import ChoiceField
from app.core.forms import Form, max_length, required, visible_name
from app.core.i18n import lazy_gettext as _l


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
    postcodes = StringField(
        _l("Postcodes (niet verplicht)"),
        validators=[max_length(200)],
        description=_l(
            "De vier cijfers van de postcodes in deze buurt, met een spatie ertussen. Bijvoorbeeld: 3813 3814."
            " Bewoners vinden de teams van de buurt dan ook met hun postcode."
        ),
    )

    def process(self, formdata=None, obj=None, data=None, **kwargs) -> None:
        super().process(formdata, obj, data, **kwargs)
        if isinstance(self.postcodes.data, list):  # from the neighbourhood, not from a form sent
            self.postcodes.data = " ".join(self.postcodes.data)

    def validate_postcodes(self, field) -> None:
        self.postcode_list = postcode_areas(field.data)
        if self.postcode_list is None:
            raise ValidationError(_l("Een postcode is vier cijfers, bijvoorbeeld 3813. Zet een spatie ertussen."))


def postcode_areas(text: str | None) -> list[str] | None:
    """'3813, 3814 3813' -> ['3813', '3814']; None when a part is not four digits (1000-9999)."""
    parts = [part for part in re.split(r"[\s,;]+", text or "") if part]
    if not all(re.fullmatch(r"[1-9]\d{3}", part) for part in parts):
        return None
    return sorted(set(parts))


CBS_CODE = re.compile(r"^(BU|WK)\d{8}$", re.IGNORECASE)
MAX_LIST = 500


class NeighbourhoodListForm(Form):
    """Several neighbourhoods at once, as pasted from a list or a spreadsheet: one a line,
    name first, then the CBS code, the number of homes and the postcodes if known."""

    municipality_id = ChoiceField(_l("Gemeente"), coerce=int, validators=[required(_l("Kies een gemeente."))])
    lines = TextAreaField(
        _l("De buurten, één per regel"),
        validators=[required(_l("Zet minstens één buurt in de lijst.")), max_length(50_000)],
        description=_l(
            "Na de naam mogen de CBS-code, het aantal woningen en de postcodes komen, met een puntkomma ertussen."
            " Bijvoorbeeld: Kruiskamp; BU03070510; 2450; 3813 3814. Geplakt uit Excel kan ook."
        ),
    )

    def validate_lines(self, field) -> None:
        self.parsed = []
        for number, line in enumerate(field.data.splitlines(), start=1):
            parts = [part.strip() for part in re.split(r"[;\t]", line)]
            if not any(parts):
                continue
            name, code, homes, postcodes = (parts + ["", "", ""])[:4]
            if not name or len(name) > 100 or len(parts) > 4:
                raise ValidationError(
                    _l("Regel %(n)d: zet eerst de naam, dan de CBS-code, de woningen en de postcodes.", n=number)
                )
            if code and not CBS_CODE.match(code):
                raise ValidationError(_l("Regel %(n)d: een CBS-code is BU of WK met 8 cijfers.", n=number))
            homes = homes.replace(".", "")
            if homes and not (homes.isdigit() and int(homes) <= 1_000_000):
                raise ValidationError(_l("Regel %(n)d: het aantal woningen is geen getal.", n=number))
            areas = postcode_areas(postcodes)
            if areas is None:
                raise ValidationError(_l("Regel %(n)d: een postcode is vier cijfers, bijvoorbeeld 3813.", n=number))
            self.parsed.append((name, code or None, int(homes) if homes else None, areas))
        if len(self.parsed) > MAX_LIST:
            raise ValidationError(_l("Zet hoogstens %(n)d buurten in één lijst.", n=MAX_LIST))
