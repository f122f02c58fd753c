from flask_wtf.file import FileField, FileRequired
from wtforms import BooleanField, IntegerField, StringField, TextAreaField
from wtforms.validators import InputRequired, NumberRange, Optional

from app.core.forms import Form, max_length, required, strip, within_limit
from app.core.i18n import lazy_gettext as _l

MAX_COUNT = 100_000


class CountField(IntegerField):
    """A whole number of people, 0 or more; one plain message for whatever is wrong with it."""

    def __init__(self, label, message, **kwargs):
        validators = [InputRequired(message=message), NumberRange(min=0, max=MAX_COUNT, message=message)]
        super().__init__(label, validators=validators, **kwargs)
        self.message = message

    def process_formdata(self, valuelist):
        try:
            super().process_formdata(valuelist)
        except ValueError as error:
            raise ValueError(str(self.message)) from error


class EvaluationForm(Form):
    participants = CountField(
        _l("Hoeveel mensen deden mee?"),
        _l("Vul het aantal deelnemers in, als getal. Kwam er niemand? Vul dan 0 in."),
        description=_l("Wij hebben het aantal mensen dat binnen was al ingevuld. Pas het aan als het niet klopt."),
    )
    new_contacts = CountField(
        _l("Hoeveel nieuwe contacten heeft het team gemaakt?"),
        _l("Vul het aantal nieuwe contacten in, als getal. Geen nieuwe contacten? Vul dan 0 in."),
        default=0,
        description=_l("Mensen die u nog niet kende en die u nu kunt aanspreken."),
    )
    went_well = TextAreaField(_l("Wat ging goed?"), filters=[strip], validators=[Optional(), max_length(5000)])
    could_be_better = TextAreaField(_l("Wat kan beter?"), filters=[strip], validators=[Optional(), max_length(5000)])
    story = TextAreaField(
        _l("Het verhaal van de activiteit"),
        filters=[strip],
        validators=[Optional(), max_length(10000)],
        description=_l("Vertel in een paar zinnen wat er gebeurde. Noem geen namen van mensen zonder hun toestemming."),
    )
    story_public = BooleanField(
        _l("Het verhaal mag op de openbare pagina van de activiteit"),
        description=_l("Foto's komen er alleen bij als de mensen op de foto toestemming gaven."),
    )

    def values(self) -> dict:
        """The evaluation as the service takes it."""
        return {name: getattr(self, name).data for name in FIELDS}


FIELDS = ("participants", "new_contacts", "went_well", "could_be_better", "story", "story_public")


class PhotoForm(Form):
    photo = FileField(
        _l("Foto"),
        validators=[FileRequired(message=_l("Kies een foto.")), within_limit("PHOTO_MAX_BYTES")],
        description=_l("Een JPEG- of PNG-bestand. Wij halen gegevens als de plaats van de foto eruit."),
    )
    description = StringField(
        _l("Wat staat er op de foto?"),
        filters=[strip],
        validators=[required(_l("Beschrijf kort wat er op de foto staat.")), max_length(150)],
        description=_l(
            "In een korte zin, bijvoorbeeld: Buren planten samen bloemen in de binnentuin. "
            "Wie de foto niet kan zien, krijgt deze tekst."
        ),
    )
    consent = BooleanField(
        _l("De mensen op deze foto vinden het goed dat hij openbaar wordt"),
        description=_l("Zonder toestemming ziet alleen het team de foto."),
    )
