"""The team's forms: the request with its budget lines, an objection, and the "are you
sure" of deleting or withdrawing. Forms only parse: the fund's rules are checked by the
services."""

from wtforms import BooleanField, FieldList, FormField, StringField, SubmitField, TextAreaField
from wtforms.validators import AnyOf, InputRequired, Optional

from app.core.fields import ChoiceField, MoneyField, choice
from app.core.forms import Form, max_length, required, strip
from app.core.i18n import lazy_gettext as _l
from app.money.models import COST_CATEGORIES, Fund
from app.money.requests.services import MAX_LINES, fund_categories, only_categories_message

# Budget rows on the form: without JavaScript a form cannot grow, so there are a few spare.
ROWS = 6


class LineForm(Form):
    """One budget row. A row left empty is ignored; a row filled in part is an error."""

    class Meta:
        csrf = False  # part of the request form, which carries the token

    # The choices are the chosen fund's (RequestForm.offer); another one sent is told `refused`.
    category = ChoiceField(
        _l("Soort kosten"), choices=list(COST_CATEGORIES.items()), validate_choice=False, validators=[Optional()]
    )
    refused = _l("Kies een soort kosten uit de lijst.")
    description = StringField(
        _l("Omschrijving"),
        filters=[strip],
        validators=[max_length(200)],
        description=_l("Bijvoorbeeld: verf en kwasten."),
    )
    amount = MoneyField(_l("Bedrag in euro"), description=_l("Bijvoorbeeld: 45 of 12,50."))

    def is_empty(self) -> bool:
        return not (self.category.data or self.description.data or self.amount.typed)

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if self.is_empty():
            return True
        if self.category.data and self.category.data not in dict(self.category.choices):
            self.category.errors = [*self.category.errors, self.refused]
            valid = False
        for field, message in (
            (self.category, _l("Kies een soort kosten.")),
            (self.description, _l("Vul een omschrijving in.")),
            (self.amount, _l("Vul een bedrag boven € 0 in.")),
        ):
            if not field.data and not field.errors:
                field.errors = [*field.errors, message]
                valid = False
        return valid


class RequestForm(Form):
    fund_id = ChoiceField(_l("Bij welk buurtbudget?"), coerce=int, validators=[required(_l("Kies een buurtbudget."))])
    activity_id = ChoiceField(
        _l("Voor welke activiteit?"),
        coerce=int,
        validators=[required(_l("Kies de activiteit waarvoor het team geld vraagt."))],
        description=_l("Een activiteit die nog een idee is of gepland staat."),
    )
    motivation = TextAreaField(
        _l("Waarom heeft het team dit geld nodig?"),
        filters=[strip],
        validators=[max_length(4000)],
        description=_l("Vertel wat u gaat doen en wat de buurt eraan heeft. De regiegroep leest dit."),
    )
    lines = FieldList(FormField(LineForm), min_entries=ROWS, max_entries=MAX_LINES)
    # Shown only when the team has a draft for the activity already.
    another = BooleanField(_l("Ja, ik wil toch een tweede aanvraag voor deze activiteit"))
    save = SubmitField(_l("Opslaan als concept"))
    send = SubmitField(_l("Opslaan en indienen"))

    def offer(self, fund: Fund | None) -> None:
        """Every row offers only the cost categories `fund` pays for, and names them when
        another is sent (all of them while no fund is chosen: choosing one is asked first)."""
        if fund is None:
            return
        choices, refused = fund_categories(fund), only_categories_message(fund)
        for row in self.lines:
            row.form.category.choices, row.form.refused = choices, refused

    def validate(self, extra_validators=None) -> bool:
        """Every row error also goes to the summary at the top, with its row number: the
        rows' own fields are inside a list the summary does not look into."""
        valid = super().validate(extra_validators)
        for number, row in enumerate(self.lines, start=1):
            for field in row.form:
                for message in field.errors:
                    self.form_errors.append(_l("Regel %(num)s: %(message)s", num=number, message=message))
                    valid = False
        self.lines.errors = []  # said above, per row
        return valid

    def budget(self) -> list[tuple[str, str, int]]:
        """The filled rows as the service takes them: (category, description, cents)."""
        rows = [row.form for row in self.lines if not row.form.is_empty()]
        return [(row.category.data, row.description.data, row.amount.data) for row in rows]


def _labels(fund: Fund) -> str:
    return ", ".join(str(label).lower() for _key, label in fund_categories(fund))


class ChooseFundForm(Form):
    """The first step when the neighbourhood has several funds: each pays for other costs, so
    the request form offers the chosen fund's. Sent by GET; the choice goes in the address."""

    class Meta:
        csrf = False

    fonds = choice(_l("Bij welk buurtbudget vraagt u geld aan?"), {}, _l("Kies een buurtbudget."))

    @classmethod
    def of(cls, funds: list[Fund], args) -> "ChooseFundForm":
        form = cls(args)
        # What each pays for, in its label: on a phone the rules are far below the choice.
        form.fonds.choices = [
            (str(fund.id), _l("%(fund)s: betaalt voor %(categories)s", fund=fund.name, categories=_labels(fund)))
            for fund in funds
        ]
        form.fonds.validators = [AnyOf([str(fund.id) for fund in funds], _l("Kies een buurtbudget."))]
        return form


class ObjectionForm(Form):
    reason = TextAreaField(
        _l("Waarom is het team het niet eens met het besluit?"),
        filters=[strip],
        validators=[required(_l("Schrijf op waarom het team het niet eens is met het besluit.")), max_length(4000)],
        description=_l("De regiegroep kijkt dan nog een keer naar de aanvraag. Dit kan maar één keer."),
    )


class SureForm(Form):
    """For what cannot be undone: the box must be ticked."""

    sure = BooleanField(
        _l("Ja, ik weet het zeker"), validators=[InputRequired(_l("Zet een vinkje als u het zeker weet."))]
    )
