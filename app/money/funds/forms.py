"""The coordinators' forms: a fund with its rules, a seat in the regie-group, a correction
in the ledger. They parse only; funds.services and money.ledger hold the rules."""

from wtforms import EmailField, StringField, TextAreaField, ValidationError

from app.core.fields import ChoiceField, Day, MoneyField, MultiCheckboxField, WholeNumber, choice
from app.core.forms import Form, max_length, required, strip, visible_name
from app.core.i18n import lazy_gettext as _l
from app.core.security import MAX_ID
from app.money.funds.labels import ROLE_LABELS, RULE_LABELS
from app.money.funds.services import RULES
from app.money.models import COST_CATEGORIES, DecisionRule
from app.places.fields import NeighbourhoodField

MAX_DAYS = 3650
MAX_PEOPLE = 1000


def amount_above_zero(message):
    def check(_form, field):
        if not field.errors and not field.data:  # missing, or € 0
            raise ValidationError(message)

    return check


def money(label, message, description) -> MoneyField:
    return MoneyField(label, validators=[amount_above_zero(message)], description=description)


class FundForm(Form):
    neighbourhood_id = NeighbourhoodField(
        _l("Buurt"), validators=[required(_l("Kies de buurt van het buurtbudget."))], scoped=True
    )
    name = StringField(
        _l("Naam van het buurtbudget"),
        filters=[strip],
        validators=[required(_l("Geef het buurtbudget een naam.")), max_length(100), visible_name],
        description=_l("Bijvoorbeeld: Buurtbudget Kruiskamp 2027. Iedereen kan deze naam zien."),
    )
    period_start = Day(
        _l("Eerste dag van de periode"),
        _l("Vul de eerste dag van de periode in."),
        _l("Het buurtbudget geldt van deze dag tot en met de laatste dag."),
    )
    period_end = Day(_l("Laatste dag van de periode"), _l("Vul de laatste dag van de periode in."))
    total_cents = money(
        _l("Totaal bedrag in euro"),
        _l("Vul het totaal bedrag van het buurtbudget in, meer dan € 0. Bijvoorbeeld 25.000."),
        _l("Al het geld van het buurtbudget, ook het deel voor ondersteuning."),
    )
    support_percent = WholeNumber(
        _l("Deel voor ondersteuning en uitvoering, in procent"),
        _l("Vul een percentage in van 0 tot en met 50."),
        _l(
            "Dit deel gaat niet naar aanvragen van teams, maar betaalt bijvoorbeeld hulp bij het organiseren."
            " Of vul 0 in."
        ),
        low=0,
        high=50,
    )
    max_per_voucher_cents = money(
        _l("Hoogstens per aanvraag, in euro"),
        _l("Vul in hoeveel één aanvraag hoogstens mag zijn, meer dan € 0."),
        _l("Het grootste bedrag dat een team voor één activiteit kan krijgen."),
    )
    max_per_team_cents = money(
        _l("Hoogstens per team, in euro"),
        _l("Vul in hoeveel één team hoogstens mag krijgen, meer dan € 0."),
        _l("Alle aanvragen van één team samen, in de hele periode. Minstens zo veel als het maximum per aanvraag."),
    )
    min_team_size = WholeNumber(
        _l("Kleinste team dat mag aanvragen"),
        _l("Vul een aantal leden in van 1 tot en met %(max)d.", max=MAX_PEOPLE),
        _l("Het aantal leden dat een team minstens heeft, de trekkers meegeteld."),
        low=1,
        high=MAX_PEOPLE,
    )
    categories = MultiCheckboxField(
        _l("Waarvoor mag het geld gebruikt worden?"),
        choices=list(COST_CATEGORIES.items()),
        # The service names an unknown category in plain words, not WTForms.
        validate_choice=False,
        validators=[required(_l("Kies minstens één soort kosten waarvoor bewoners geld kunnen krijgen."))],
        description=_l("Een team kan alleen geld vragen voor de soorten kosten die u hier aanvinkt."),
    )
    opens_on = Day(
        _l("Aanvragen kan vanaf"),
        _l("Vul de eerste dag in waarop teams kunnen aanvragen."),
        _l("Teams kunnen geld aanvragen van deze dag tot en met de sluitdatum."),
    )
    closes_on = Day(_l("Aanvragen kan tot en met"), _l("Vul de laatste dag in waarop teams kunnen aanvragen."))
    accountability_days = WholeNumber(
        _l("Dagen om te verantwoorden"),
        _l("Vul een aantal dagen in van 1 tot en met %(max)d.", max=MAX_DAYS),
        _l("Zoveel dagen na de activiteit laat het team zien waaraan het geld is uitgegeven, met de bonnen."),
        low=1,
        high=MAX_DAYS,
    )
    objection_days = WholeNumber(
        _l("Dagen voor bezwaar"),
        _l("Vul een aantal dagen in van 1 tot en met %(max)d.", max=MAX_DAYS),
        _l("Zoveel dagen na het besluit kan een team één keer vragen om opnieuw te kijken. Vaak is dat 14 dagen."),
        low=1,
        high=MAX_DAYS,
    )
    quorum = WholeNumber(
        _l("Aantal adviezen voor een besluit (quorum)"),
        _l("Vul een aantal adviezen in van 1 tot en met %(max)d.", max=MAX_PEOPLE),
        _l("Zoveel leden van de regiegroep geven eerst advies. Daarna kan de voorzitter besluiten."),
        low=1,
        high=MAX_PEOPLE,
    )
    decision_rule = ChoiceField(
        _l("Hoe besluit de regiegroep?"),
        choices=list(RULE_LABELS.items()),
        validators=[required(_l("Kies hoe de regiegroep besluit."))],
        description=_l("De voorzitter volgt deze regel bij het besluit."),
    )

    def rules(self) -> dict:
        """The rules as funds.services takes them (the total goes apart)."""
        values = {name: getattr(self, name).data for name in RULES}
        return values | {"decision_rule": DecisionRule(values["decision_rule"])}


def role_choice() -> ChoiceField:
    return ChoiceField(
        _l("Rol in de regiegroep"),
        choices=list(ROLE_LABELS.items()),
        validators=[required(_l("Kies de rol: voorzitter, plaatsvervanger of lid."))],
        description=_l("De voorzitter legt de besluiten vast. De plaatsvervanger doet dat als de voorzitter niet mag."),
    )


class SeatForm(Form):
    """The role and term of a seat; ending a term early is setting its end to today."""

    class Meta:
        # One form per seat on a page, each with its own prefix; CSRFProtect checks the
        # page's one token on every POST.
        csrf = False

    role = role_choice()
    starts_on = Day(_l("Begin van de termijn"), _l("Vul de eerste dag van de termijn in."))
    ends_on = Day(
        _l("Einde van de termijn"),
        _l("Vul de laatste dag van de termijn in."),
        _l("Vanaf de dag erna doet dit lid niet meer mee. Stopt iemand nu? Vul de datum van vandaag in."),
    )


class AppointForm(SeatForm):
    class Meta:
        csrf = True

    email = EmailField(
        _l("E-mailadres van de bewoner"),
        filters=[strip],
        validators=[required(_l("Vul het e-mailadres in van de bewoner die u wilt benoemen.")), max_length(254)],
        description=_l("Het e-mailadres waarmee de bewoner inlogt. Medewerkers van de gemeente kunnen geen lid zijn."),
    )


UP, DOWN = "bij", "af"
DIRECTIONS = {UP: _l("Erbij: het bedrag van de boeking wordt hoger"), DOWN: _l("Eraf: het bedrag wordt lager")}


class CorrectionForm(Form):
    entry_id = WholeNumber(
        _l("Nummer van de boeking die u corrigeert"),
        _l("Vul het nummer in van een boeking uit de lijst hieronder."),
        _l("Het nummer staat in de eerste kolom van het kasboek."),
        low=1,
        high=MAX_ID,
    )
    direction = choice(_l("Erbij of eraf?"), DIRECTIONS, _l("Kies of het bedrag erbij komt of eraf gaat."))
    amount = money(
        _l("Bedrag van de correctie, in euro"),
        _l("Vul het bedrag van de correctie in, meer dan € 0."),
        _l("Bijvoorbeeld 12,50."),
    )
    reason = TextAreaField(
        _l("Waarom is deze correctie nodig?"),
        filters=[strip],
        validators=[required(_l("Schrijf op waarom deze correctie nodig is.")), max_length(1000)],
        description=_l("Iedereen die het kasboek mag zien, leest deze reden. Een boeking kan daarna niet meer weg."),
    )

    def signed_cents(self) -> int:
        return self.amount.data if self.direction.data == UP else -self.amount.data
