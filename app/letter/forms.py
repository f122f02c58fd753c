from flask_babel import lazy_gettext as _l

from app.core.forms import Form, email_address


class SubscribeForm(Form):
    email = email_address(
        _l("Uw e-mailadres"),
        _l("U krijgt eerst een mail met een link. Pas als u die opent, komt de buurtbrief."),
    )
