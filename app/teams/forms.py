from datetime import UTC, datetime

from flask_babel import lazy_gettext as _l
from wtforms import IntegerField, StringField, TextAreaField
from wtforms.validators import NumberRange, Optional

from app.core.fields import ChoiceField, MultiCheckboxField
from app.core.forms import Form, max_length, required, visible_name
from app.core.vocab import THEMES, choices
from app.places.forms import NeighbourhoodField
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


def birth_year_field():
    this_year = datetime.now(UTC).year
    return IntegerField(
        _l("Uw geboortejaar"),
        validators=[
            Optional(),
            NumberRange(
                min=1900,
                max=this_year,
                message=_l("Vul een geboortejaar in tussen 1900 en %(year)d.", year=this_year),
            ),
        ],
        description=_l("Alleen nodig voor een JUNIOR-team: daarin zijn de leden jonger dan 25."),
    )


class TeamForm(Form):
    name = StringField(
        _l("Naam van het team"),
        validators=[required(_l("Geef het team een naam.")), max_length(100), visible_name],
    )
    neighbourhood_id = NeighbourhoodField(_l("Buurt"), validators=[required(_l("Kies de buurt van het team."))])
    kind = ChoiceField(
        _l("Soort team"),
        choices=list(KIND_LABELS.items()),
        validators=[required(_l("Kies wat voor team het is."))],
    )
    area = StringField(
        _l("Straat, flat of plek"),
        validators=[
            required(_l("Schrijf op in welke straat, flat of plek het team actief is.")),
            max_length(200),
        ],
        description=_l("Bijvoorbeeld: Pruimengaarde 1 tot en met 40, of de flat aan de Lindelaan."),
    )
    themes = MultiCheckboxField(_l("Thema's"), choices=choices(THEMES))
    question = TextAreaField(
        _l("Wat wilt u samen bereiken?"),
        validators=[
            required(_l("Schrijf kort op wat u wilt bereiken: uw vraag, wens of droom.")),
            max_length(2000),
        ],
        description=_l("Uw vraag, wens of droom voor de buurt, in uw eigen woorden."),
    )
    description = TextAreaField(
        _l("Over het team (voor de openbare teampagina)"),
        validators=[Optional(), max_length(4000)],
        description=_l("Iedereen kan dit lezen. Zet er geen namen of adressen in."),
    )
    birth_year = birth_year_field()


class JoinForm(Form):
    message = TextAreaField(
        _l("Bericht aan de trekkers (niet verplicht)"),
        validators=[Optional(), max_length(1000)],
        description=_l("Bijvoorbeeld: wat u graag doet of wanneer u kunt."),
    )
    birth_year = birth_year_field()


class InvitationForm(Form):
    birth_year = birth_year_field()


class BirthYearForm(Form):
    birth_year = IntegerField(
        _l("Geboortejaar"),
        validators=[
            required(_l("Vul het geboortejaar in.")),
            NumberRange(min=1900, max=datetime.now(UTC).year, message=_l("Vul een geboortejaar in tussen 1900 en nu.")),
        ],
    )


class StatusForm(Form):
    # Choices are set per person and team: teams.services.allowed_statuses.
    status = ChoiceField(_l("Nieuwe status"), validators=[required(_l("Kies een status."))])
