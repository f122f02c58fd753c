"""The coordinators' forms: a coaching note, the support level, the handover, and a join
request or sign-up entered for a resident. They parse only; the services hold the rules."""

from datetime import UTC, datetime

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, EmailField, IntegerField, SelectField, TextAreaField
from wtforms.validators import Optional, ValidationError

from app.coaching.models import NOTE_KIND_LABELS, SUPPORT_LEVEL_LABELS
from app.core.fields import Day, choice
from app.core.forms import Form, max_length, required, strip
from app.core.security import MAX_ID

# How the resident asked: kept in the audit log with the entry.
CHANNELS = {
    "phone": _l("Aan de telefoon"),
    "buurthuis": _l("In het buurthuis of bij de balie"),
    "visit": _l("Bij een huisbezoek"),
    "other": _l("Anders"),
}


class NoteForm(Form):
    kind = choice(_l("Soort contact"), NOTE_KIND_LABELS, _l("Kies wat voor contact het was."))
    happened_on = Day(
        _l("Datum"),
        _l("Vul de datum in waarop het contact was."),
        _l("De dag van het bezoek, overleg of contact. Vandaag of eerder."),
    )
    text = TextAreaField(
        _l("Notitie"),
        filters=[strip],
        validators=[required(_l("Schrijf op wat er besproken of gedaan is.")), max_length(5000)],
        description=_l("Alleen coördinatoren lezen dit. Het team en andere bewoners zien het nooit."),
    )


class LevelForm(Form):
    level = choice(
        _l("Hoeveel steun krijgt het team nu?"), SUPPORT_LEVEL_LABELS, _l("Kies hoeveel steun het team krijgt.")
    )


class HandoverForm(Form):
    handed_over_on = Day(
        _l("Datum van de overdracht"),
        _l("Vul de datum van de overdracht in."),
        _l("Vanaf deze dag draait het team zelf. Het team wordt 'Actief zonder hulp'; u blijft op afroep beschikbaar."),
    )


class BirthYearField(IntegerField):
    """Optional; anything that is not a year gets one plain message."""

    def process_formdata(self, valuelist):
        try:
            super().process_formdata(valuelist)
        except ValueError as error:
            raise ValueError(str(_l("Vul een geboortejaar in als getal, bijvoorbeeld 2008."))) from error

    def pre_validate(self, form):
        this_year = datetime.now(UTC).year
        if self.data is not None and not 1900 <= self.data <= this_year:
            raise ValidationError(_l("Vul een geboortejaar in tussen 1900 en %(year)d.", year=this_year))


def _user_id(value) -> int | None:
    """The picked account's id; nothing picked (or nonsense) is None."""
    text = str(value)
    return int(text) if text.isascii() and text.isdigit() and int(text) <= MAX_ID else None


class BehalfForm(Form):
    """Who asked, and how: the resident is picked from the neighbourhood or by e-mail."""

    resident_id = SelectField(
        _l("Bewoner uit de buurt"),
        coerce=_user_id,
        validate_choice=False,
        description=_l("Staat de bewoner er niet bij? Vul dan hieronder het e-mailadres in."),
    )
    email = EmailField(
        _l("Of: het e-mailadres van de bewoner"),
        filters=[strip],
        validators=[max_length(254)],
        description=_l("Het adres waarmee de bewoner een account heeft."),
    )
    channel = choice(_l("Hoe vroeg de bewoner erom?"), CHANNELS, _l("Kies hoe de bewoner erom vroeg."))
    asked = BooleanField(
        _l("De bewoner heeft mij zelf gevraagd dit voor hem of haar te doen"),
        validators=[required(_l("Doe dit alleen als de bewoner erom vroeg. Zet dan het vinkje."))],
        description=_l("Het wordt bewaard met uw naam. De bewoner krijgt er bericht over."),
    )

    def validate_email(self, field) -> None:
        if not field.data and self.resident_id.data is None:
            raise ValidationError(_l("Kies een bewoner uit de lijst of vul het e-mailadres van de bewoner in."))


class BehalfJoinForm(BehalfForm):
    message = TextAreaField(
        _l("Bericht aan de trekkers (niet verplicht)"),
        filters=[strip],
        validators=[Optional(), max_length(1000)],
        description=_l("Bijvoorbeeld: wat de bewoner graag doet of wanneer hij of zij kan."),
    )
    birth_year = BirthYearField(
        _l("Geboortejaar van de bewoner (alleen voor een JUNIOR-team)"),
        validators=[Optional()],
        description=_l("Alleen nodig als de bewoner het nog niet eerder opgaf."),
    )
