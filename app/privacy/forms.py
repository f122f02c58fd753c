from wtforms import BooleanField, EmailField, PasswordField, TextAreaField

from app.accounts.passwords import PASSWORD_MAX
from app.core.forms import Form, max_length, required, strip
from app.core.i18n import lazy_gettext as _l


def _understood():
    return BooleanField(
        _l("Ik begrijp dat dit niet terug te draaien is"),
        validators=[required(_l("Zet een vinkje als u zeker weet dat u de gegevens wilt verwijderen."))],
    )


def _reason(label):
    return TextAreaField(
        label,
        filters=[strip],
        validators=[required(_l("Schrijf kort op wie dit vroeg en hoe.")), max_length(500)],
        description=_l("Bijvoorbeeld: gevraagd aan de helpdesk op 3 maart. De reden komt in het logboek."),
    )


class EraseOwnForm(Form):
    password = PasswordField(
        _l("Uw wachtwoord"),
        validators=[required(_l("Vul uw wachtwoord in.")), max_length(PASSWORD_MAX)],
        description=_l("Zo weten we zeker dat u het zelf bent."),
    )
    understood = _understood()


class RequestExportForm(Form):
    reason = _reason(_l("Waarom downloadt u deze gegevens?"))


class RequestEraseForm(Form):
    reason = _reason(_l("Waarom verwijdert u deze gegevens?"))
    understood = _understood()


class FindPersonForm(Form):
    class Meta:
        csrf = False  # a search: it changes nothing

    email = EmailField(
        _l("E-mailadres van de bewoner"),
        filters=[strip],
        validators=[required(_l("Vul het e-mailadres in waarmee de bewoner zich aanmeldde.")), max_length(254)],
    )
