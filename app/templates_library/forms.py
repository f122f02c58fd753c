from functools import cache

import wtforms
from flask_babel import get_locale
from wtforms import (
    FormField,
    HiddenField,
    IntegerField,
    SearchField,
    SelectField,
    StringField,
    TextAreaField,
    ValidationError,
)
from wtforms.fields import FieldList
from wtforms.fields.core import UnboundField
from wtforms.validators import NumberRange, Optional

from app.core.fields import ChoiceField, MultiCheckboxField
from app.core.forms import Form, chosen, max_length, required, visible_name
from app.core.i18n import lazy_gettext as _l
from app.core.vocab import THEMES, choices
from app.templates_library.search import Criteria, Filters
from app.templates_library.vocab import (
    FORMS,
    GROUPS,
    LOCATIONS,
    MAX_AGE,
    PROBLEMS,
    RECOGNITION,
    SOLUTION_DIRECTIONS,
)

TEXT_ATTRIBUTES = ("name", "summary", "goal", "description", "executors", "group_size", "duration", "evaluation")
CHOICE_ATTRIBUTES = ("problems", "solution_directions", "locations", "themes", "recognition")
EXTRA_STEP_ROWS, EXTRA_GROUP_ROWS = 3, 2


def any_of(vocabulary: dict, label) -> list[tuple[str, str]]:
    return [("", label), *choices(vocabulary)]


def text(field) -> str:
    return (field.data or "").strip()


class AgeField(IntegerField):
    def process_formdata(self, valuelist):
        try:
            super().process_formdata(valuelist)
        except ValueError:
            raise ValueError(_l("Vul de leeftijd in als getal, bijvoorbeeld 15.")) from None


def age_field(label, **kwargs) -> AgeField:
    return AgeField(
        label,
        validators=[
            Optional(),
            NumberRange(min=0, max=MAX_AGE, message=_l("Vul een leeftijd in tussen 0 en %(max)d.", max=MAX_AGE)),
        ],
        **kwargs,
    )


class FilterForm(Form):
    """The library's filters as GET parameters, so every combination has its own URL.
    The JSON API reads the same parameters with its own schema (api.schemas)."""

    class Meta:
        csrf = False

    q = SearchField(_l("Zoekwoorden"), validators=[max_length(200)], description=_l("Bijvoorbeeld: ruzie met de buren"))
    probleem = SelectField(_l("Probleem"), choices=any_of(PROBLEMS, _l("Alle problemen")), default="")
    richting = SelectField(
        _l("Soort oplossing"), choices=any_of(SOLUTION_DIRECTIONS, _l("Alle soorten oplossingen")), default=""
    )
    doelgroep = SelectField(_l("Doelgroep"), choices=any_of(GROUPS, _l("Alle doelgroepen")), default="")
    leeftijd = age_field(_l("Leeftijd"), description=_l("Voor welke leeftijd zoekt u een aanpak?"))
    plek = SelectField(_l("Plek in de buurt"), choices=any_of(LOCATIONS, _l("Alle plekken")), default="")
    thema = SelectField(_l("Thema"), choices=any_of(THEMES, _l("Alle thema's")), default="")
    erkenning = SelectField(
        _l("Erkenning"),
        choices=any_of(RECOGNITION, _l("Alle niveaus")),
        default="",
        description=_l("Erkend betekent: experts hebben de aanpak beoordeeld."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, translated in _filter_choices(str(get_locale())).items():
            self[name].choices = translated


@cache
def _filter_choices(_locale: str) -> dict[str, list[tuple[str, str]]]:
    """The filters' some 70 options in one language, translated once per language instead
    of on every page: they come from the vocabularies, which are code."""
    return {
        name: [(key, str(label)) for key, label in field.kwargs["choices"]]
        for name, field in vars(FilterForm).items()
        if isinstance(field, UnboundField) and "choices" in field.kwargs
    }


class ChooserForm(Form):
    """KIS's selection criteria as four short questions."""

    class Meta:
        csrf = False

    probleem = MultiCheckboxField(_l("1. Wat speelt er in uw buurt?"), choices=choices(PROBLEMS))
    doelgroep = SelectField(_l("2. Voor wie is de aanpak?"), choices=any_of(GROUPS, _l("Maakt niet uit")), default="")
    plek = SelectField(_l("3. Waar in de buurt?"), choices=any_of(LOCATIONS, _l("Maakt niet uit")), default="")
    richting = SelectField(
        _l("4. Welke richting spreekt u aan?"), choices=any_of(SOLUTION_DIRECTIONS, _l("Maakt niet uit")), default=""
    )


class AdoptForm(Form):
    team_id = ChoiceField(_l("Voor welk team?"), coerce=int, validators=[chosen(_l("Kies het team."))])
    # Set by the confirmation page: the team already has a plan from this template.
    again = HiddenField(validators=[max_length(1)])


class StepRow(wtforms.Form):
    title = StringField(_l("Titel van de stap"), validators=[max_length(200)])
    # Not "description" or "label": a FormField has those attributes itself.
    explanation = TextAreaField(_l("Uitleg (niet verplicht)"), validators=[max_length(2000)])

    def validate_title(self, field):
        if text(self.explanation) and not text(field):
            raise ValidationError(_l("Geef deze stap een titel."))


class GroupRow(wtforms.Form):
    group = SelectField(_l("Groep"), choices=any_of(GROUPS, _l("Kies een groep")), default="", validate_choice=False)
    wording = StringField(_l("In eigen woorden"), validators=[max_length(300)])
    min_age = age_field(_l("Vanaf leeftijd"))
    max_age = age_field(_l("Tot en met leeftijd"))

    def validate_group(self, field):
        if field.data and field.data not in GROUPS:
            raise ValidationError(_l("Kies een groep uit de lijst."))
        if not field.data and (text(self.wording) or self.min_age.data is not None):
            raise ValidationError(_l("Kies bij welke groep deze regel hoort."))

    def validate_max_age(self, field):
        if None not in (field.data, self.min_age.data) and field.data < self.min_age.data:
            raise ValidationError(_l("De leeftijd 'tot en met' is lager dan 'vanaf'."))


class RowList(FieldList):
    """Rows of a small form; their errors are flattened into messages so that the error
    summary lists them like any other field's."""

    def validate(self, form, extra_validators=()):
        valid = super().validate(form, extra_validators)
        own = [error for error in self.errors if isinstance(error, str)]
        rows = [message for entry in self.entries for messages in entry.errors.values() for message in messages]
        self.errors = rows + own
        return valid


def lines(text: str | None) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class TemplateForm(Form):
    name = StringField(_l("Naam"), validators=[required(_l("Geef de aanpak een naam.")), max_length(150), visible_name])
    summary = StringField(
        _l("In één zin"),
        validators=[required(_l("Schrijf in één zin wat de aanpak is.")), max_length(300)],
        description=_l("Deze zin staat in de lijst met aanpakken."),
    )
    goal = TextAreaField(
        _l("Doel"), validators=[required(_l("Schrijf op wat de aanpak wil bereiken.")), max_length(4000)]
    )
    description = TextAreaField(
        _l("Hoe werkt het?"), validators=[required(_l("Beschrijf hoe de aanpak werkt.")), max_length(10000)]
    )
    problems = MultiCheckboxField(
        _l("Bij welke problemen helpt de aanpak?"),
        choices=choices(PROBLEMS),
        validators=[required(_l("Kies minstens één probleem."))],
    )
    solution_directions = MultiCheckboxField(
        _l("Oplossingsrichting"),
        choices=choices(SOLUTION_DIRECTIONS),
        validators=[required(_l("Kies minstens één oplossingsrichting."))],
    )
    locations = MultiCheckboxField(_l("Waar in de buurt?"), choices=choices(LOCATIONS))
    themes = MultiCheckboxField(_l("Thema's"), choices=choices(THEMES))
    target_groups = RowList(FormField(GroupRow), label=_l("Doelgroepen"))
    steps = RowList(FormField(StepRow), label=_l("Stappen"))
    working_elements = TextAreaField(
        _l("Wat maakt de aanpak werkzaam?"),
        validators=[max_length(4000)],
        description=_l("Zet elk punt op een eigen regel."),
    )
    executors = TextAreaField(_l("Wie voert de aanpak uit?"), validators=[max_length(2000)])
    group_size = StringField(_l("Grootte van de groep"), validators=[max_length(200)])
    duration = StringField(_l("Hoe lang duurt het?"), validators=[max_length(200)])
    evaluation = TextAreaField(_l("Wat weten we over het resultaat?"), validators=[max_length(4000)])
    recognition = SelectField(
        _l("Erkenning"),
        choices=any_of(RECOGNITION, _l("Kies een niveau")),
        default="",
        validators=[required(_l("Kies het niveau van erkenning."))],
    )
    form_kind = SelectField(
        _l("Soort beschrijving"),
        choices=any_of(FORMS, _l("Kies een soort")),
        default="",
        validators=[required(_l("Kies wat voor beschrijving het is."))],
    )
    links = TextAreaField(
        _l("Links"),
        validators=[max_length(4000)],
        description=_l("Zet elk webadres op een eigen regel, beginnend met https://."),
    )

    def validate_steps(self, field):
        if not any(text(row.form.title) for row in field):
            raise ValidationError(_l("Beschrijf minstens één stap."))

    def validate_links(self, field):
        if not all(link.startswith(("https://", "http://")) for link in lines(field.data)):
            raise ValidationError(_l("Zet op elke regel één webadres dat begint met https://."))


def template_form(template=None) -> TemplateForm:
    """The edit form, filled from the template on GET, with empty rows to add steps and
    groups without JavaScript."""
    data = {}
    if template is not None:
        data = {name: getattr(template, name) for name in TEXT_ATTRIBUTES + CHOICE_ATTRIBUTES}
        data.update(
            form_kind=template.form,
            working_elements="\n".join(template.working_elements),
            links="\n".join(template.links),
            target_groups=[group | {"wording": group.get("label")} for group in template.target_groups],
            steps=[{"title": step["title"], "explanation": step.get("description")} for step in template.steps],
        )
    form = TemplateForm(data=data)
    for _ in range(EXTRA_GROUP_ROWS):
        form.target_groups.append_entry()
    for _ in range(EXTRA_STEP_ROWS):
        form.steps.append_entry()
    return form


def content_from(form: TemplateForm, sources: list) -> dict:
    """The form's answers as template content; empty rows are left out. Sources are not
    edited here: they come from the seed (or stay empty)."""
    content = {name: getattr(form, name).data for name in TEXT_ATTRIBUTES + CHOICE_ATTRIBUTES}
    content.update(
        {name: (content[name] or "").strip() for name in TEXT_ATTRIBUTES},
        form=form.form_kind.data,
        working_elements=lines(form.working_elements.data),
        links=lines(form.links.data),
        sources=sources,
        target_groups=[
            {
                "group": row.group.data,
                "label": text(row.wording),
                "min_age": row.min_age.data,
                "max_age": row.max_age.data,
            }
            for row in (entry.form for entry in form.target_groups)
            if row.group.data
        ],
        steps=[
            {"title": text(row.title), "description": text(row.explanation)}
            for row in (entry.form for entry in form.steps)
            if text(row.title)
        ],
    )
    return content


def filters_from(form: FilterForm) -> Filters:
    """The valid filters; a filter with an error is left out (and shown with its message)."""
    form.validate()

    def value(field):
        return field.data if not field.errors and field.data not in (None, "") else None

    return Filters(
        q=value(form.q) or "",
        problem=value(form.probleem) or "",
        direction=value(form.richting) or "",
        group=value(form.doelgroep) or "",
        age=value(form.leeftijd),
        location=value(form.plek) or "",
        theme=value(form.thema) or "",
        recognition=value(form.erkenning) or "",
    )


def criteria_from(form: ChooserForm) -> Criteria:
    form.validate()
    valid = {name: field.data for name, field in form._fields.items() if not field.errors}
    return Criteria(
        problems=valid.get("probleem") or [],
        group=valid.get("doelgroep") or "",
        location=valid.get("plek") or "",
        direction=valid.get("richting") or "",
    )
