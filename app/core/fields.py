from flask_babel import lazy_gettext as _l
from wtforms import SelectField, SelectMultipleField
from wtforms.widgets import CheckboxInput, ListWidget


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
