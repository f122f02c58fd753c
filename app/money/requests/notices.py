"""What the team and the regie-group are told about a request, in-app and by mail."""

import sqlalchemy as sa
from flask_babel import gettext as _

from app.accounts.models import User
from app.activities.models import Activity
from app.core.money import euros
from app.core.notifications import message, notify
from app.core.timezone import local_today
from app.core.urls import path_for
from app.extensions import db
from app.money.models import RegieMember
from app.teams.models import Membership, MembershipState, Team
from app.teams.services import trekkers_of


def _link(request) -> str:
    return path_for("vouchers.show", team_id=request.team_id, request_id=request.id)


def tell_trekkers(request, kind: str, **data) -> None:
    title = db.session.get(Activity, request.activity_id).title
    for user in trekkers_of([request.team_id]).get(request.team_id, []):
        notify(user, kind, _link(request), team_id=request.team_id, activity=title, **data)


def tell_regie_group(request, kind: str) -> None:
    """The members who serve today and are not in the requesting team."""
    in_team = sa.select(Membership.user_id).where(
        Membership.team_id == request.team_id, Membership.state == MembershipState.ACTIVE
    )
    today, team_name = local_today(), db.session.get(Team, request.team_id).name
    members = db.session.scalars(
        sa.select(User)
        .join(RegieMember, RegieMember.user_id == User.id)
        .where(
            RegieMember.fund_id == request.fund_id,
            RegieMember.starts_on <= today,
            RegieMember.ends_on >= today,
            User.id.not_in(in_team),
        )
    )
    for user in members:
        notify(user, kind, path_for("vouchers.assess", request_id=request.id), team_id=request.team_id, team=team_name)


@message("voucher.submitted")
def _submitted(data) -> str:
    return _("%(team)s vraagt geld aan. Wilt u uw advies geven?", team=data["team"])


@message("voucher.objected")
def _objected(data) -> str:
    return _("%(team)s maakt bezwaar tegen het besluit. Wilt u opnieuw advies geven?", team=data["team"])


@message("voucher.decided")
def _decided(data) -> str:
    if data["outcome"] == "rejected":
        text = _("De regiegroep heeft de aanvraag voor %(activity)s afgewezen.", activity=data["activity"])
    else:
        text = _(
            "De regiegroep geeft %(amount)s voor %(activity)s.", amount=euros(data["amount"]), activity=data["activity"]
        )
    return text + (" " + _("Uitleg: %(motivation)s", motivation=data["motivation"]) if data["motivation"] else "")


@message("voucher.paid")
def _paid(data) -> str:
    return _(
        "Het geld voor %(activity)s (%(amount)s) is uitbetaald. Verantwoord het uiterlijk %(day)s.",
        activity=data["activity"],
        amount=euros(data["amount"]),
        day=data["day"],
    )


@message("voucher.accountability_due")
def _due(data) -> str:
    return _(
        "Vergeet niet: verantwoord het geld voor %(activity)s uiterlijk %(day)s.",
        activity=data["activity"],
        day=data["day"],
    )


@message("voucher.sent_back")
def _sent_back(data) -> str:
    return _(
        "De verantwoording voor %(activity)s is nog niet goed: %(comment)s",
        activity=data["activity"],
        comment=data["comment"],
    )


@message("voucher.settled")
def _settled(data) -> str:
    return _("De verantwoording voor %(activity)s is goedgekeurd. De aanvraag is afgerond.", activity=data["activity"])
