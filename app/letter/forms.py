from app.core.forms import Form, email_address
from app.core.i18n import lazy_gettext as _l


class SubscribeForm(Form):
    email = email_address(
        _l("Uw e-mailadres"),
        _l("U krijgt eerst een mail met een link. Pas als u die opent, komt de buurtbrief."),
    )
