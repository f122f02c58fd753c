from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField, SelectField, StringField
from wtforms.validators import Email, EqualTo, Length

from app.core.forms import max_length, required, strip

PASSWORD_MIN = 10


def _new_password(label):
    return PasswordField(
        label,
        validators=[
            required(_l("Kies een wachtwoord.")),
            Length(
                min=PASSWORD_MIN,
                max=200,
                message=_l("Kies een wachtwoord van minstens %(min)d tekens.", min=PASSWORD_MIN),
            ),
        ],
        description=_l("Minstens %(min)d tekens. Een zin van een paar woorden werkt goed.", min=PASSWORD_MIN),
    )


def _repeat(field_name):
    return PasswordField(
        _l("Herhaal het wachtwoord"),
        validators=[
            required(_l("Typ het wachtwoord nog een keer.")),
            EqualTo(field_name, message=_l("De twee wachtwoorden zijn niet hetzelfde.")),
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
        validators=[required(_l("Vul uw naam in.")), max_length(100)],
        description=_l("Op openbare pagina's tonen we alleen uw voornaam."),
    )


def _neighbourhood():
    return SelectField(
        _l("Uw buurt"),
        coerce=int,
        validators=[required(_l("Kies uw buurt."))],
    )


class RegisterForm(FlaskForm):
    name = _name()
    email = _email()
    neighbourhood_id = _neighbourhood()
    password = _new_password(_l("Wachtwoord"))
    password_repeat = _repeat("password")


class LoginForm(FlaskForm):
    email = _email()
    password = PasswordField(_l("Wachtwoord"), validators=[required(_l("Vul uw wachtwoord in."))])
    remember = BooleanField(_l("Ingelogd blijven op dit apparaat"))


class ResetRequestForm(FlaskForm):
    email = _email()


class ResetPasswordForm(FlaskForm):
    password = _new_password(_l("Nieuw wachtwoord"))
    password_repeat = _repeat("password")


class ProfileForm(FlaskForm):
    name = _name()
    neighbourhood_id = _neighbourhood()


class PasswordChangeForm(FlaskForm):
    current_password = PasswordField(
        _l("Huidig wachtwoord"), validators=[required(_l("Vul uw huidige wachtwoord in."))]
    )
    password = _new_password(_l("Nieuw wachtwoord"))
    password_repeat = _repeat("password")


class RolesForm(FlaskForm):
    is_coordinator = BooleanField(_l("Coördinator"))
    is_admin = BooleanField(_l("Beheerder"))
