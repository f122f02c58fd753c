from wtforms import StringField

from app.core.forms import Form, email_address, max_length, required, strip, visible_name
from app.core.i18n import lazy_gettext as _l


class VisitorSignUpForm(Form):
    name = StringField(
        _l("Uw naam"),
        filters=[strip],
        validators=[required(_l("Vul uw naam in.")), max_length(100), visible_name],
        description=_l("Het team ziet uw naam op de lijst. Op de openbare pagina staat hij niet."),
    )
    email = email_address(_l("Uw e-mailadres"), _l("U krijgt een mail met een link om uw aanmelding te bevestigen."))


class WalkInForm(Form):
    name = StringField(
        _l("Naam"),
        filters=[strip],
        validators=[required(_l("Vul de naam in van wie binnenkwam.")), max_length(100), visible_name],
        description=_l("Iemand die zich niet had aangemeld. Een e-mailadres is niet nodig."),
    )


class CheckInCodeForm(Form):
    code = StringField(
        _l("Code van de aanmelding"),
        filters=[strip],
        validators=[required(_l("Vul de code in.")), max_length(20)],
        description=_l("Zes tekens uit de mail van de aanmelding, bijvoorbeeld K7M 4QX."),
    )
