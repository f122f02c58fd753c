from datetime import UTC, datetime

from wtforms import IntegerField, StringField, TextAreaField
from wtforms.validators import NumberRange, Optional

from app.core.fields import ChoiceField, MultiCheckboxField
from app.core.forms import Form, max_length, required, visible_name
from app.core.i18n import lazy_gettext as _l
from app.core.vocab import THEMES, choices
from app.places.fields import NeighbourhoodField
from app.teams.labels import KIND_LABELS


def birth_year_field():
    this_year = datetime.now(UTC).year
    return IntegerField(
        _l("Uw geboortejaar"),
        validators=[
            Optional(),
            NumberRange(
                min=1900,
                max=this_year,
                message=_l("Vul een geboortejaar in tussen 1900 en %(year)d.", year=this_year),
            ),
        ],
        description=_l("Alleen nodig voor een JUNIOR-team: daarin zijn de leden jonger dan 25."),
    )


class TeamForm(Form):
    name = StringField(
        _l("Naam van het team"),
        validators=[required(_l("Geef het team een naam.")), max_length(100), visible_name],
    )
    neighbourhood_id = NeighbourhoodField(_l("Buurt"), validators=[required(_l("Kies de buurt van het team."))])
    kind = ChoiceField(
        _l("Soort team"),
        choices=list(KIND_LABELS.items()),
        validators=[required(_l("Kies wat voor team het is."))],
    )
    area = StringField(
        _l("Straat, flat of plek"),
        validators=[
            required(_l("Schrijf op in welke straat, flat of plek het team actief is.")),
            max_length(200),
        ],
        description=_l("Bijvoorbeeld: Pruimengaarde 1 tot en met 40, of de flat aan de Lindelaan."),
    )
    themes = MultiCheckboxField(_l("Thema's"), choices=choices(THEMES))
    question = TextAreaField(
        _l("Wat wilt u samen bereiken?"),
        validators=[
            required(_l("Schrijf kort op wat u wilt bereiken: uw vraag, wens of droom.")),
            max_length(2000),
        ],
        description=_l("Uw vraag, wens of droom voor de buurt, in uw eigen woorden."),
    )
    description = TextAreaField(
        _l("Over het team (voor de openbare teampagina)"),
        validators=[Optional(), max_length(4000)],
        description=_l("Iedereen kan dit lezen. Zet er geen namen of adressen in."),
    )
    birth_year = birth_year_field()


class JoinForm(Form):
    message = TextAreaField(
        _l("Bericht aan de trekkers (niet verplicht)"),
        validators=[Optional(), max_length(1000)],
        description=_l("Bijvoorbeeld: wat u graag doet of wanneer u kunt."),
    )
    birth_year = birth_year_field()


class InvitationForm(Form):
    birth_year = birth_year_field()


class BirthYearForm(Form):
    birth_year = IntegerField(
        _l("Geboortejaar"),
        validators=[
            required(_l("Vul het geboortejaar in.")),
            NumberRange(min=1900, max=datetime.now(UTC).year, message=_l("Vul een geboortejaar in tussen 1900 en nu.")),
        ],
    )


class StatusForm(Form):
    # Choices are set per person and team: teams.services.allowed_statuses.
    status = ChoiceField(_l("Nieuwe status"), validators=[required(_l("Kies een status."))])
