"""The neighbourhood field that the forms of several features share (accounts, teams, funds,
the agenda, coordination, coaching, reports): it belongs to the places it picks from."""

from flask_babel import gettext as _
from flask_login import current_user
from wtforms import Field
from wtforms.utils import unset_value
from wtforms.validators import StopValidation
from wtforms.widgets import Select, TextInput

from app.core.i18n import lazy_gettext as _l
from app.core.scope import in_scope
from app.places import services
from app.places.models import Neighbourhood

# Up to this many neighbourhoods the field is a list to pick from; beyond it, a list is a
# page no phone wants (5,000 options), and the field asks for the name instead.
LIST_UP_TO = 200


class NeighbourhoodField(Field):
    """A neighbourhood, picked from a list while there are few and typed by name when there
    are many; `data` is its id either way, and an id in a link (?buurt=12) is understood in
    both. Works without JavaScript: a name that fits no neighbourhood, or several, comes back
    with a message that suggests names. With `everything` (a filter's "Alle buurten"),
    leaving it empty is a choice too. With `scoped` (a staff page), only the neighbourhoods of
    the person's scope (core.scope) are offered and found."""

    def __init__(self, label=None, validators=None, everything=None, scoped=False, **kwargs):
        super().__init__(label, validators, **kwargs)
        self.everything = everything
        self.scoped = scoped
        self.choices: list[tuple[int, str]] | None = None
        self.typed = ""
        self.lookup = services.Lookup(None, [])

    def process(self, formdata, data=unset_value, extra_filters=None):
        self.within = (in_scope(current_user, Neighbourhood.id),) if self.scoped else ()
        self.choices = services.few_neighbourhood_choices(LIST_UP_TO, *self.within)
        # The form macros draw a list by this type, anything else as a text box.
        self.type = "ChoiceField" if self.choices is not None else "NeighbourhoodField"
        if self.choices is None and not self.description:
            self.description = (
                _l("Typ de naam van de buurt. Laat het leeg voor alle buurten.")
                if self.everything
                else _l("Typ de naam van de buurt.")
            )
        super().process(formdata, data, extra_filters)

    def process_formdata(self, valuelist):
        self.typed = valuelist[0].strip() if valuelist else ""
        self.data = None
        if not self.typed:
            return
        if self.choices is not None:
            self.data = next((id_ for id_, _label in self.choices if str(id_) == self.typed), None)
        else:
            self.lookup = services.find_neighbourhood(self.typed, *self.within)
            self.data = self.lookup.hood_id

    def pre_validate(self, form):
        if not self.typed or self.data is not None:
            return
        if self.lookup.suggestions:
            names = "; ".join(self.lookup.suggestions)
            raise StopValidation(_("Welke buurt bedoelt u? Typ de hele naam, zoals: %(names)s.", names=names))
        if self.choices is not None:
            raise StopValidation(_("Deze buurt kennen we niet. Kies een buurt uit de lijst."))
        raise StopValidation(_("We vinden geen buurt met deze naam. Kijk of hij goed geschreven is."))

    def __call__(self, **kwargs):
        if self.choices is None:
            return TextInput()(self, **kwargs)
        return Select()(self, **kwargs)

    def has_groups(self) -> bool:
        return False

    def iter_choices(self):
        yield ("", self.everything or _("Kies …"), self.data is None, {})
        for id_, label in self.choices:
            yield (id_, label, id_ == self.data, {})

    def _value(self) -> str:
        """What the text box shows: the neighbourhood found, as its label, else what was typed."""
        return self.typed if self.data is None else services.neighbourhood_label(self.data)
