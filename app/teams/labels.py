"""What the teams' kinds, statuses, roles and audited actions are called: shown by the app's
templates, the coordinator's pages and the reports, so they live beside the enums, not in a form."""

from app.core.i18n import lazy_gettext as _l
from app.teams.models import MemberRole, TeamKind, TeamStatus

KIND_LABELS = {
    TeamKind.BUURTTEAM: _l("Buurtteam"),
    TeamKind.JUNIOR: _l("JUNIOR-team (jongeren jonger dan 25)"),
    TeamKind.BURENNETWERK: _l("Burennetwerk"),
    TeamKind.BEWONERSGROEP: _l("Bewonersgroep"),
}
STATUS_LABELS = {
    TeamStatus.STARTING: _l("Net gestart"),
    TeamStatus.ACTIVE: _l("Actief"),
    TeamStatus.SELF_RELIANT: _l("Actief zonder hulp"),
    TeamStatus.DORMANT: _l("Slapend"),
    TeamStatus.ARCHIVED: _l("Gestopt"),
}
ROLE_LABELS = {
    MemberRole.TREKKER: _l("trekker"),
    MemberRole.MEMBER: _l("lid"),
    MemberRole.SUPPORTER: _l("volwassen helper"),
}

# What the team's history shows for each audited action.
HISTORY_LABELS = {
    "team.created": _l("Team gestart"),
    "team.updated": _l("Gegevens van het team gewijzigd"),
    "team.status_changed": _l("Status gewijzigd"),
    "membership.requested": _l("Aanmelding ontvangen"),
    "membership.accepted": _l("Aanmelding geaccepteerd"),
    "membership.declined": _l("Aanmelding afgewezen"),
    "membership.joined_by_invitation": _l("Lid geworden via een uitnodiging"),
    "membership.left": _l("Iemand heeft het team verlaten"),
    "membership.trekker_handed_over": _l("Trekkersrol overgedragen"),
    "membership.removed": _l("Iemand is uit het team gehaald"),
    "activity.deleted": _l("Plan verwijderd"),
    "membership.role_rechecked": _l("Rol aangepast na een nieuw geboortejaar"),
    "invitation.created": _l("Uitnodigingslink gemaakt"),
    "invitation.revoked": _l("Uitnodigingslink ingetrokken"),
}
