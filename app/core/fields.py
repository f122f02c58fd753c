from wtforms import DateField, IntegerField, RadioField, SelectField, SelectMultipleField, StringField
from wtforms.validators import AnyOf, InputRequired, NumberRange, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from app.core.i18n import lazy_gettext as _l
from app.core.money import euros, parse_cents


class MultiCheckboxField(SelectMultipleField):
    """Several choices as checkboxes: easier on a phone than a multi-select list."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class ChoiceField(SelectField):
    """A required choice. Its list starts with an empty "Kies …" option, as HTML wants for a
    required select, so nothing is picked for the person. Sending that empty option leaves
    the data None: the field's own required message speaks, not a coerce error or WTForms'
    "Not a valid choice"."""

    def __init__(self, label=None, validators=None, placeholder=None, **kwargs):
        super().__init__(label, validators, **kwargs)
        self.placeholder = placeholder or _l("Kies …")

    def iter_choices(self):
        yield ("", self.placeholder, self.data in (None, ""), {})
        yield from super().iter_choices()

    def process_formdata(self, valuelist):
        if valuelist and valuelist[0] == "":
            self.data = None
            return
        super().process_formdata(valuelist)


class MoneyField(StringField):
    """An amount in euros as people type it (12,50 or 1.250 or € 1.250,00); `data` is whole
    cents. A text field with inputmode=decimal: a phone shows digits and a comma."""

    def __init__(self, label=None, validators=None, **kwargs):
        render_kw = {"inputmode": "decimal", "autocomplete": "off"} | kwargs.pop("render_kw", {})
        super().__init__(label, validators, render_kw=render_kw, **kwargs)
        self.typed = ""

    def process_formdata(self, valuelist):
        self.typed = valuelist[0].strip() if valuelist else ""
        self.data = parse_cents(self.typed) if self.typed else None
        if self.typed and self.data is None:
            raise ValueError(_l("Vul een bedrag in euro's in, bijvoorbeeld 125 of 12,50."))

    def _value(self) -> str:
        if self.typed:
            return self.typed
        return euros(self.data).removeprefix("€ ") if isinstance(self.data, int) else ""


class _OwnMessage:
    """A number or date field that says in its own words what is wanted, also when the text
    typed is no number or date (instead of WTForms' "Ongeldig getal")."""

    def __init__(self, label, message, description=None, low=None, high=None, optional=False, **kwargs):
        validators = [Optional() if optional else InputRequired(message)]
        if low is not None:
            validators.append(NumberRange(min=low, max=high, message=message))
        super().__init__(label, validators=validators, description=description, **kwargs)
        self.message = message

    def process_formdata(self, valuelist):
        try:
            super().process_formdata(valuelist)
        except ValueError as error:
            raise ValueError(str(self.message)) from error


class WholeNumber(_OwnMessage, IntegerField):
    pass


class Day(_OwnMessage, DateField):
    pass


class OneOf(AnyOf):
    """One of the given values, and none is no answer: the field is flagged required, so
    its radio buttons say so to a screen reader (_macros/forms.html)."""

    field_flags = {"required": True}


def choice(label, labels: dict, message, **kwargs) -> RadioField:
    """Radio buttons; a missing and an unknown value get the same plain message (not
    WTForms' "Not a valid choice")."""
    return RadioField(
        label, choices=list(labels.items()), validate_choice=False, validators=[OneOf(list(labels), message)], **kwargs
    )
