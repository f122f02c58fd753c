from flask_babel import lazy_gettext as _l
from wtforms import EmailField
from wtforms.validators import Email

from app.core.forms import Form, max_length, required, strip


class SubscribeForm(Form):
    email = EmailField(
        _l("Uw e-mailadres"),
        filters=[strip],
        validators=[
            required(_l("Vul uw e-mailadres in.")),
            Email(message=_l("Dit is geen geldig e-mailadres. Voorbeeld: naam@voorbeeld.nl")),
            max_length(254),
        ],
        description=_l("U krijgt eerst een mail met een link. Pas als u die opent, komt de buurtbrief."),
    )
