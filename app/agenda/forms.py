"""The agenda's filters as GET parameters, so every view has its own link; and the strict
parsing of dates and months that the pages and the API share."""

import re
from datetime import date

from flask_babel import lazy_gettext as _l
from wtforms import SelectField, ValidationError

from app.activities.forms import KIND_LABELS
from app.activities.models import ActivityKind
from app.core.forms import Form
from app.places.forms import NeighbourhoodField

MONTH = re.compile(r"^(\d{4})-(\d{2})$")
DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# Far enough for any plan, near enough that date arithmetic never overflows.
FIRST_YEAR, LAST_YEAR = 2000, 2999


def parse_month(value: str) -> tuple[int, int] | None:
    """'2026-12' as (2026, 12); None for anything else."""
    match = MONTH.match(value)
    if not match:
        return None
    year, month = int(match.group(1)), int(match.group(2))
    return (year, month) if FIRST_YEAR <= year <= LAST_YEAR and 1 <= month <= 12 else None


def parse_day(value: str) -> date | None:
    """'2026-12-05' as a date; None for anything else (Python would also take '20261205')."""
    if not DAY.match(value):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


class AgendaForm(Form):
    """Neighbourhood and kind; the view (list or month) and the month travel in links."""

    class Meta:
        csrf = False

    buurt = NeighbourhoodField(_l("Buurt"), everything=_l("Alle buurten"))
    soort = SelectField(
        _l("Soort activiteit"),
        choices=[("", _l("Alle soorten")), *((kind.value, label) for kind, label in KIND_LABELS.items())],
        default="",
        validate_choice=False,
    )

    def validate_soort(self, field):
        if field.data and field.data not in {value for value, _label in field.choices}:
            raise ValidationError(_l("Kies een soort uit de lijst."))

    @property
    def kind(self) -> ActivityKind | None:
        return ActivityKind(self.soort.data) if self.soort.data and not self.soort.errors else None

    @property
    def neighbourhood_id(self) -> int | None:
        return None if self.buurt.errors else self.buurt.data
