"""The report's choice of neighbourhood and period, as GET parameters: every report has its
own link, and the CSV downloads carry the same choice."""

import re
from datetime import date

from flask_babel import format_date
from wtforms import StringField, ValidationError

from app.core.forms import Form
from app.core.i18n import lazy_gettext as _l
from app.places.fields import NeighbourhoodField
from app.reports.period import Period

DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# Far enough for any report, near enough that date arithmetic never overflows.
FIRST_YEAR, LAST_YEAR = 2000, 2999
BAD_DAY = _l("Dit is geen datum. Vul een datum in zoals 2026-12-31.")


def parse_day(value: str) -> date | None:
    """'2026-12-05' as a date; None for anything else (Python would also take '20261205')."""
    if not DAY.match(value):
        return None
    try:
        day = date.fromisoformat(value)
    except ValueError:
        return None
    return day if FIRST_YEAR <= day.year <= LAST_YEAR else None


class ReportForm(Form):
    class Meta:
        csrf = False

    buurt = NeighbourhoodField(_l("Buurt"), everything=_l("Alle buurten"), scoped=True)
    van = StringField(_l("Van"), render_kw={"type": "date"}, description=_l("De eerste dag, bijvoorbeeld 2026-01-01."))
    tot = StringField(
        _l("Tot en met"), render_kw={"type": "date"}, description=_l("De laatste dag, bijvoorbeeld 2026-12-31.")
    )

    def validate_van(self, field):
        if field.data and parse_day(field.data) is None:
            raise ValidationError(BAD_DAY)

    def validate_tot(self, field):
        if field.data and parse_day(field.data) is None:
            raise ValidationError(BAD_DAY)
        start = parse_day(self.van.data or "")
        end = parse_day(field.data or "")
        if start and end and start > end:
            raise ValidationError(
                _l("De einddatum ligt voor de begindatum. Kies een einddatum vanaf %(day)s.", day=format_date(start))
            )

    def fill(self, default: Period) -> None:
        """Before validate(): a day left empty is the default period's."""
        self.van.data = self.van.data or default.start.isoformat()
        self.tot.data = self.tot.data or default.end.isoformat()

    def period(self) -> Period:
        """After a successful validate(): the chosen period."""
        return Period(parse_day(self.van.data), parse_day(self.tot.data))

    @property
    def neighbourhood_id(self) -> int | None:
        return self.buurt.data
