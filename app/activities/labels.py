"""What the activities' statuses and kinds are called, for the team's pages and the agenda."""

from app.activities.models import ActivityKind, ActivityStatus
from app.core.i18n import lazy_gettext as _l

STATUS_LABELS = {
    ActivityStatus.IDEA: _l("Nog een idee"),
    ActivityStatus.PLANNED: _l("Gepland"),
    ActivityStatus.DONE: _l("Gedaan"),
    ActivityStatus.EVALUATED: _l("Geëvalueerd"),
    ActivityStatus.CANCELLED: _l("Gaat niet door"),
}
KIND_LABELS = {
    ActivityKind.MEETING: _l("Bijeenkomst"),
    ActivityKind.PARTY: _l("Buurtfeest"),
    ActivityKind.SPORTS: _l("Sport en spel"),
    ActivityKind.CLEAN_UP: _l("Opruimen en groen"),
    ActivityKind.CONVERSATION: _l("Gesprek"),
    ActivityKind.COURSE: _l("Cursus of training"),
    ActivityKind.OTHER: _l("Andere activiteit"),
}
