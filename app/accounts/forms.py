from wtforms import BooleanField, EmailField, PasswordField, StringField, TextAreaField
from wtforms.validators import Email, EqualTo, Length

from app.accounts.passwords import PASSWORD_MAX, PASSWORD_MIN
from app.core.forms import Form, max_length, required, strip, visible_name
from app.core.i18n import lazy_gettext as _l
from app.places.fields import NeighbourhoodField


def _new_password(label):
    return PasswordField(
        label,
        validators=[
            required(_l("Kies een wachtwoord.")),
            Length(
                min=PASSWORD_MIN,
                message=_l("Kies een wachtwoord van minstens %(min)d tekens.", min=PASSWORD_MIN),
            ),
            max_length(PASSWORD_MAX),
        ],
        description=_l(
            "Minstens %(min)d tekens. Een zin van een paar woorden die niet bij elkaar horen werkt goed, "
            "bijvoorbeeld: fiets paraplu zonnig.",
            min=PASSWORD_MIN,
        ),
    )


def _repeat(field_name):
    return PasswordField(
        _l("Herhaal het wachtwoord"),
        validators=[
            required(_l("Typ het wachtwoord nog een keer.")),
            EqualTo(field_name, message=_l("De twee wachtwoorden zijn niet hetzelfde.")),
            max_length(PASSWORD_MAX),
        ],
    )


def _email():
    return EmailField(
        _l("E-mailadres"),
        filters=[strip],
        validators=[
            required(_l("Vul uw e-mailadres in.")),
            Email(message=_l("Dit is geen geldig e-mailadres. Voorbeeld: naam@voorbeeld.nl")),
            max_length(254),
        ],
    )


def _name():
    return StringField(
        _l("Naam"),
        filters=[strip],
        validators=[required(_l("Vul uw naam in.")), max_length(100), visible_name],
        description=_l("Op openbare pagina's tonen we alleen uw voornaam."),
    )


def _neighbourhood():
    return NeighbourhoodField(_l("Uw buurt"), validators=[required(_l("Kies uw buurt."))])


class RegisterForm(Form):
    name = _name()
    email = _email()
    neighbourhood_id = _neighbourhood()
    password = _new_password(_l("Wachtwoord"))
    password_repeat = _repeat("password")


class LoginForm(Form):
    email = _email()
    password = PasswordField(
        _l("Wachtwoord"), validators=[required(_l("Vul uw wachtwoord in.")), max_length(PASSWORD_MAX)]
    )
    remember = BooleanField(_l("Ingelogd blijven op dit apparaat"))


class ResetRequestForm(Form):
    email = _email()


class ResetPasswordForm(Form):
    password = _new_password(_l("Nieuw wachtwoord"))
    password_repeat = _repeat("password")


class ProfileForm(Form):
    name = _name()
    neighbourhood_id = _neighbourhood()


class PasswordChangeForm(Form):
    current_password = PasswordField(
        _l("Huidig wachtwoord"), validators=[required(_l("Vul uw huidige wachtwoord in.")), max_length(PASSWORD_MAX)]
    )
    password = _new_password(_l("Nieuw wachtwoord"))
    password_repeat = _repeat("password")


class RolesForm(Form):
    is_coordinator = BooleanField(_l("Coördinator"))
    is_admin = BooleanField(_l("Beheerder"))


class DeactivateForm(Form):
    reason = TextAreaField(
        _l("Waarom zet u dit account stop?"),
        validators=[required(_l("Schrijf kort op waarom u het account stopzet.")), max_length(500)],
        description=_l("De reden komt in het logboek. De persoon ziet hem niet."),
    )


class CodeForm(Form):
    """A code from the authenticator app, or a recovery code (accounts.totp)."""

    code = StringField(
        _l("Code"),
        filters=[strip],
        validators=[required(_l("Vul de code uit uw app in.")), max_length(20)],
        description=_l("De 6 cijfers die uw app nu toont. Geen telefoon bij de hand? Typ een van uw herstelcodes."),
    )


class SetupCodeForm(Form):
    code = StringField(
        _l("Code uit de app"),
        filters=[strip],
        validators=[required(_l("Vul de code uit uw app in.")), max_length(20)],
        description=_l("Na het scannen toont de app 6 cijfers. Typ ze hier over."),
    )
