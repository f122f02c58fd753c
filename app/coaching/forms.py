"""The coordinators' forms: a coaching note, the support level, the handover, a join request
or sign-up entered for a resident, and a resident without e-mail registered and later given
an address. They parse only; the services hold the rules."""

from datetime import UTC, datetime

from wtforms import BooleanField, EmailField, HiddenField, IntegerField, RadioField, StringField, TextAreaField
from wtforms.validators import Email, Optional, ValidationError

from app.coaching.models import NOTE_KIND_LABELS, SUPPORT_LEVEL_LABELS
from app.core.fields import Day, choice
from app.core.forms import Form, max_length, required, strip, visible_name
from app.core.i18n import lazy_gettext as _l
from app.core.security import MAX_ID
from app.places.fields import NeighbourhoodField

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


def parse_id(value) -> int | None:
    """An id picked or passed in a link; nothing (or nonsense) is None."""
    text = str(value)
    digits = text.isascii() and text.isdigit() and len(text) <= len(str(MAX_ID))
    return int(text) if digits and int(text) <= MAX_ID else None


class SearchForm(Form):
    """The first step of acting for a resident: their name (a GET form, no token)."""

    naam = StringField(
        _l("Naam van de bewoner"),
        filters=[strip],
        validators=[max_length(100)],
        description=_l("Typ de voornaam, de achternaam of een deel ervan."),
    )


class BehalfForm(Form):
    """Who asked, and how: the resident is picked from the names found."""

    resident_id = RadioField(_l("Kies de bewoner"), coerce=parse_id, validate_choice=False)
    # The name searched for: a form that comes back with a message shows the same names.
    naam = HiddenField(filters=[strip], validators=[max_length(100)])
    channel = choice(_l("Hoe vroeg de bewoner erom?"), CHANNELS, _l("Kies hoe de bewoner erom vroeg."))
    asked = BooleanField(
        _l("De bewoner heeft mij zelf gevraagd dit voor hem of haar te doen"),
        validators=[required(_l("Doe dit alleen als de bewoner erom vroeg. Zet dan het vinkje."))],
        description=_l("Het wordt bewaard met uw naam. De bewoner krijgt er bericht over."),
    )

    def validate_resident_id(self, field) -> None:
        if field.data is None:
            raise ValidationError(_l("Zoek de bewoner op naam en kies hem of haar uit de lijst."))


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


class RegisterResidentForm(Form):
    """A resident without e-mail, registered by a coordinator with the resident's consent."""

    name = StringField(
        _l("Naam van de bewoner"),
        filters=[strip],
        validators=[required(_l("Vul de naam van de bewoner in.")), max_length(100), visible_name],
    )
    neighbourhood_id = NeighbourhoodField(
        _l("Buurt van de bewoner"), validators=[required(_l("Kies de buurt van de bewoner."))], scoped=True
    )
    contact = StringField(
        _l("Telefoonnummer of adres"),
        filters=[strip],
        validators=[
            required(_l("Vul een telefoonnummer of adres in, zodat u de bewoner kunt bereiken.")),
            max_length(200),
        ],
        description=_l("Hoe u de bewoner bereikt. Alleen coördinatoren zien dit."),
    )
    consent = BooleanField(
        _l("De bewoner heeft dit gehoord of gelezen en is het ermee eens"),
        validators=[required(_l("Schrijf de bewoner alleen in als hij of zij het ermee eens is. Zet dan het vinkje."))],
        description=_l("Het wordt bewaard met uw naam en de datum van vandaag."),
    )


class GiveAddressForm(Form):
    email = EmailField(
        _l("E-mailadres van de bewoner"),
        filters=[strip],
        validators=[
            required(_l("Vul het e-mailadres van de bewoner in.")),
            Email(message=_l("Dit is geen geldig e-mailadres. Voorbeeld: naam@voorbeeld.nl")),
            max_length(254),
        ],
        description=_l(
            "De bewoner krijgt op dit adres een mail om het account te activeren en een wachtwoord te kiezen."
        ),
    )
