"""The period of a report: any from–to pair of local dates (both days included), and the
quick picks this and last quarter, this and last year. Stored times are UTC, so a period
becomes the UTC moments of its first local midnight and of the midnight after its last day."""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from app.core.i18n import lazy_gettext as _l
from app.core.timezone import local_zone


@dataclass(frozen=True)
class Period:
    start: date
    end: date  # included

    def bounds(self) -> tuple[datetime, datetime]:
        """The first moment of the period and the first moment after it, in UTC."""
        return _midnight(self.start), _midnight(self.end + timedelta(days=1))

    def args(self) -> dict[str, str]:
        return {"van": self.start.isoformat(), "tot": self.end.isoformat()}


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time(0), tzinfo=local_zone()).astimezone(UTC)


def _quarter(year: int, quarter: int) -> Period:
    first = date(year, 3 * quarter - 2, 1)
    after = date(year + 1, 1, 1) if quarter == 4 else date(year, 3 * quarter + 1, 1)
    return Period(first, after - timedelta(days=1))


def quick_picks(today: date) -> list[tuple[str, Period]]:
    """The links above the form, in the order people look for them."""
    quarter = (today.month - 1) // 3 + 1
    last_quarter = _quarter(today.year - 1, 4) if quarter == 1 else _quarter(today.year, quarter - 1)
    return [
        (str(_l("Dit kwartaal")), _quarter(today.year, quarter)),
        (str(_l("Vorig kwartaal")), last_quarter),
        (str(_l("Dit jaar")), Period(date(today.year, 1, 1), date(today.year, 12, 31))),
        (str(_l("Vorig jaar")), Period(date(today.year - 1, 1, 1), date(today.year - 1, 12, 31))),
    ]


def default_period(today: date) -> Period:
    """Without dates in the link: this year."""
    return quick_picks(today)[2][1]
