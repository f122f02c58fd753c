from wtforms import RadioField

from app.core.forms import Form, chosen
from app.core.i18n import lazy_gettext as _l
from app.core.mail_preferences import CHOICE_LABELS, KIND_LABELS, Choice, MailKind


def preferences_form(kinds: list[MailKind], choices: dict[MailKind, Choice]) -> Form:
    """A choice per kind the person can get, filled with what they chose before."""

    class PreferencesForm(Form):
        pass

    for kind in kinds:
        field = RadioField(
            KIND_LABELS[kind],
            choices=[(choice.value, label) for choice, label in CHOICE_LABELS.items()],
            validators=[chosen(_l("Kies hoe u deze berichten wilt krijgen."))],
            default=choices[kind].value,
        )
        setattr(PreferencesForm, kind.value, field)
    return PreferencesForm()
