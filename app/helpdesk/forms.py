from wtforms import HiddenField, SelectField, StringField, TextAreaField, ValidationError

from app.core.fields import ChoiceField
from app.core.forms import Form, chosen, max_length, required
from app.core.i18n import lazy_gettext as _l
from app.helpdesk.models import STATUS_LABELS, QuestionStatus
from app.helpdesk.queries import MINE, NOBODY

SUBJECT_MAX, BODY_MAX = 200, 5000


def _body(label, message, description=None):
    return TextAreaField(
        label, validators=[required(message), max_length(BODY_MAX)], description=description, render_kw={"rows": 5}
    )


class QuestionForm(Form):
    subject = StringField(
        _l("Waar gaat uw vraag over?"),
        validators=[required(_l("Schrijf in een paar woorden waar uw vraag over gaat.")), max_length(SUBJECT_MAX)],
        description=_l("Bijvoorbeeld: geld voor een buurtfeest."),
    )
    body = _body(
        _l("Uw vraag"),
        _l("Schrijf uw vraag op."),
        _l("Vertel wat u wilt weten of waar u hulp bij zoekt. Een coördinator van de gemeente antwoordt."),
    )


class BehalfForm(QuestionForm):
    resident_id = ChoiceField(
        _l("Namens wie stelt u de vraag?"),
        coerce=int,
        validators=[chosen(_l("Kies de bewoner die de vraag stelde."))],
        description=_l("Een actief lid van het team. Deze bewoner krijgt een mail over de vraag."),
    )


class PickTeamForm(Form):
    """The first step of asking for a resident: which team (a GET form)."""

    team = ChoiceField(_l("Team"), coerce=int, validators=[chosen(_l("Kies het team van de bewoner."))])


class ReplyForm(Form):
    body = _body(_l("Uw bericht"), _l("Schrijf uw bericht."))
    # Where to go back after answering from another page (the coordinators' dashboard).
    next = HiddenField()


class AssignForm(Form):
    """The list holds the coordinators (the view fills it); the empty choice is nobody."""

    coordinator = SelectField(_l("Toegewezen aan"), validate_choice=False)

    def validate_coordinator(self, field):
        if field.data and field.data not in {value for value, _label in field.choices}:
            raise ValidationError(_l("Kies een coördinator uit de lijst."))

    @property
    def coordinator_id(self) -> int | None:
        return int(self.coordinator.data) if self.coordinator.data else None


class StatusForm(Form):
    status = ChoiceField(
        _l("Status"),
        choices=list(STATUS_LABELS.items()),
        validators=[chosen(_l("Kies een status."))],
    )


class FilterForm(Form):
    """The coordinators' list: which questions (a GET form; a value not in the list counts as
    no choice)."""

    class Meta:
        csrf = False

    status = SelectField(
        _l("Status"), choices=[("", _l("Alle")), *STATUS_LABELS.items()], default="", validate_choice=False
    )
    wie = SelectField(
        _l("Toegewezen aan"),
        choices=[("", _l("Iedereen")), (MINE, _l("Mij")), (NOBODY, _l("Nog niemand"))],
        default="",
        validate_choice=False,
    )

    @property
    def chosen_status(self) -> QuestionStatus | None:
        return QuestionStatus(self.status.data) if self.status.data in set(QuestionStatus) else None

    @property
    def chosen_who(self) -> str:
        return self.wie.data if self.wie.data in (MINE, NOBODY) else ""
