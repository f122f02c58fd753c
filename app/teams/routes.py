from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.agenda import services as agenda
from app.core import qr, share
from app.core.cache import public_page, row_with
from app.core.forms import ConfirmForm
from app.core.pagination import cursor_arg
from app.core.params import page_arg, text_arg
from app.core.policy import authorize, can
from app.core.urls import external_url
from app.core.views import perform
from app.extensions import db
from app.places.models import Neighbourhood
from app.places.services import neighbourhood_list
from app.teams import memberships, services
from app.teams.forms import (
    BirthYearForm,
    InvitationForm,
    JoinForm,
    StatusForm,
    TeamForm,
)
from app.teams.labels import HISTORY_LABELS, STATUS_LABELS
from app.teams.models import Team, TeamKind, TeamStatus
from app.teams.policy import is_trekker, membership_of

bp = Blueprint("teams", __name__)
# The flyer's words of the team: what fits above the code in large type.
FLYER_LINE = 300


def _team_page(team: Team):
    return redirect(url_for("teams.show", team_id=team.id))


def _details(form: TeamForm) -> tuple:
    return (form.name.data, form.area.data, form.themes.data, form.question.data, form.description.data)


def _status_form(team: Team) -> StatusForm:
    form = StatusForm()
    form.status.choices = [(s.value, STATUS_LABELS[s]) for s in services.allowed_statuses(current_user, team)]
    return form


@bp.route("/buurten")
@public_page(lambda: ("neighbourhood", "municipality", "team", "membership"))
def neighbourhoods():
    """Neighbourhoods by name, and with a search the teams it finds by their own words or
    their place (a resident types a street, a team's name or the town, not the official
    name of the neighbourhood)."""
    term = text_arg("q")
    found = neighbourhood_list(term, page_arg())
    teams = services.open_team_counts([hood.id for hood in found.page.items])
    matches = services.find_teams(term)
    members = services.member_counts([team.id for team, _hood, _town in matches])
    return render_template(
        "teams/neighbourhoods.html",
        found=found,
        teams=teams,
        q=term,
        matches=matches,
        members=members,
        FOUND_TEAMS=services.FOUND_TEAMS,
    )


@bp.route("/buurten/<int:neighbourhood_id>/teams")
# Its teams with their member counts.
@public_page(lambda neighbourhood_id: (*row_with("neighbourhood", neighbourhood_id, "team"), "membership"))
def directory(neighbourhood_id):
    neighbourhood = db.get_or_404(Neighbourhood, neighbourhood_id)
    term = text_arg("q")
    page, counts = services.directory(neighbourhood, term, cursor_arg())
    return render_template("teams/directory.html", neighbourhood=neighbourhood, page=page, counts=counts, q=term)


@bp.route("/teams/<int:team_id>")
# The team with its members and activities, its trekkers' names and its place; not what else
# refers to it (coaching notes, questions, requests), which a visitor does not see.
@public_page(lambda team_id: (*row_with("team", team_id, "membership", "activity"), "user", "neighbourhood"))
def show(team_id):
    team, neighbourhood = services.team_and_neighbourhood_or_404(team_id)
    roster = services.Roster(memberships.of_team(team, names_only=True))
    return render_template(
        "teams/show.html",
        team=team,
        neighbourhood=neighbourhood,
        trekkers=roster.trekker_first_names,
        member_count=roster.active,
        membership=membership_of(current_user, team),
        members=roster.memberships if can(current_user, "team.see_members", team) else [],
        waiting=roster.requested if is_trekker(current_user, team) else 0,
        upcoming=agenda.upcoming_for_team(team),
        preview=share.preview(team.name, team.description or team.question, "teams.show", team_id=team.id),
        # Forms only for a logged-in person: making one gives the reader a session (its CSRF
        # token), and a visitor's public page is then no longer the same for everyone.
        join_form=JoinForm() if current_user.is_authenticated else None,
        status_form=_status_form(team) if current_user.is_authenticated else None,
    )


def _flyer(team: Team, link: str, invitation=None):
    return render_template(
        "teams/flyer.html",
        team=team,
        neighbourhood=db.session.get(Neighbourhood, team.neighbourhood_id),
        invitation=invitation,
        line=share.plain(team.question, FLYER_LINE),
        link=link,
        qr=qr.svg(link, _("QR-code om mee te doen met %(name)s", name=team.name)),
    )


@bp.route("/teams/<int:team_id>/flyer")
@public_page(lambda team_id: (*row_with("team", team_id), "neighbourhood"))
def flyer(team_id):
    """A "doe mee" flyer to print, with a QR code to the team's public page."""
    team = services.load_team_or_404(team_id)
    if team.status == TeamStatus.ARCHIVED:
        abort(404)  # nobody can join a team that stopped
    return _flyer(team, external_url("teams.show", team_id=team.id))


@bp.route("/teams/<int:team_id>/uitnodigingen/<int:invitation_id>/flyer")
@login_required
def invitation_flyer(team_id, invitation_id):
    """The trekker's flyer: its QR code is an invitation link, so whoever scans it joins at once."""
    team = services.load_team_or_404(team_id)
    authorize(current_user, "team.manage_members", team)
    invitation = memberships.open_invitation(team, invitation_id)
    if invitation is None:
        abort(404)
    return _flyer(team, external_url("teams.invitation", token=invitation.token), invitation)


@bp.route("/teams/nieuw", methods=["GET", "POST"])
@login_required
def create():
    authorize(current_user, "team.create")
    # "Start het eerste team in ..." comes with its neighbourhood (?buurt=).
    form = TeamForm(neighbourhood_id=request.args.get("buurt", current_user.neighbourhood_id, type=int))
    if form.validate_on_submit():
        team = perform(
            services.create_team,
            current_user,
            form.neighbourhood_id.data,
            form.name.data,
            TeamKind(form.kind.data),
            *_details(form)[1:],
            birth_year=form.birth_year.data,
            form=form,
        )
        if team:
            flash(_("Het team is gemaakt. U bent de trekker."), "success")
            return _team_page(team)
    return render_template("teams/form.html", form=form, team=None)


@bp.route("/teams/<int:team_id>/bewerken", methods=["GET", "POST"])
@login_required
def edit(team_id):
    team = services.load_team_or_404(team_id)
    authorize(current_user, "team.edit", team)
    form = TeamForm(obj=team)
    # Kind and neighbourhood are fixed once the team exists.
    del form.neighbourhood_id, form.kind, form.birth_year
    if form.validate_on_submit():
        if perform(services.update_team, current_user, team, *_details(form), form=form):
            flash(_("De gegevens van het team zijn opgeslagen."), "success")
            return _team_page(team)
    return render_template("teams/form.html", form=form, team=team)


@bp.route("/teams/<int:team_id>/aanmelden", methods=["POST"])
@login_required
def request_join(team_id):
    team = services.load_team_or_404(team_id)
    authorize(current_user, "team.request_join", team)
    form = JoinForm()
    if form.validate_on_submit():
        if perform(memberships.request_to_join, current_user, team, form.message.data, form.birth_year.data):
            flash(_("Uw aanmelding is verstuurd. De trekkers van het team beslissen erover."), "success")
    else:
        for errors in form.errors.values():
            flash(errors[0], "error")
    return _team_page(team)


@bp.route("/teams/<int:team_id>/verlaten", methods=["GET", "POST"])
@login_required
def leave(team_id):
    """First a page that says what leaving means (and, for the only trekker, what to do
    instead); the button there leaves."""
    team = services.load_team_or_404(team_id)
    authorize(current_user, "team.leave", team)
    form = ConfirmForm()
    if form.validate_on_submit():
        if perform(memberships.leave, current_user, team):
            flash(_("U bent niet meer verbonden aan dit team."), "success")
        return _team_page(team)
    return render_template(
        "teams/leave.html",
        team=team,
        membership=membership_of(current_user, team),
        only_trekker=memberships.is_only_trekker(current_user, team),
        status_form=_status_form(team),
        form=form,
    )


@bp.route("/teams/<int:team_id>/leden")
@login_required
def members(team_id):
    team = services.load_team_or_404(team_id)
    authorize(current_user, "team.view_members", team)
    return render_template(
        "teams/members.html",
        team=team,
        history_labels=HISTORY_LABELS,
        memberships=memberships.of_team(team),
        invitations=memberships.open_invitations(team),
        history=services.history(team),
        form=ConfirmForm(),
    )


def _member_action(team_id: int, action, message: str, *args):
    team = services.load_team_or_404(team_id)
    authorize(current_user, "team.manage_members", team)
    if ConfirmForm().validate_on_submit() and perform(action, current_user, team, *args):
        flash(message, "success")
    return redirect(url_for("teams.members", team_id=team.id))


@bp.route("/teams/<int:team_id>/leden/<int:membership_id>/accepteren", methods=["POST"])
@login_required
def accept(team_id, membership_id):
    return _member_action(team_id, memberships.decide_request, _("De aanmelding is geaccepteerd."), membership_id, True)


@bp.route("/teams/<int:team_id>/leden/<int:membership_id>/afwijzen", methods=["POST"])
@login_required
def decline(team_id, membership_id):
    return _member_action(team_id, memberships.decide_request, _("De aanmelding is afgewezen."), membership_id, False)


@bp.route("/teams/<int:team_id>/leden/<int:membership_id>/trekker", methods=["POST"])
@login_required
def hand_over(team_id, membership_id):
    return _member_action(team_id, memberships.hand_over, _("De trekkersrol is overgedragen."), membership_id)


@bp.route("/teams/<int:team_id>/leden/<int:membership_id>/verwijderen", methods=["POST"])
@login_required
def remove_member(team_id, membership_id):
    return _member_action(team_id, memberships.remove_member, _("De persoon is uit het team gehaald."), membership_id)


@bp.route("/teams/<int:team_id>/leden/<int:membership_id>/geboortejaar", methods=["GET", "POST"])
@login_required
def correct_birth_year(team_id, membership_id):
    team = services.load_team_or_404(team_id)
    authorize(current_user, "team.correct_birth_year", team)
    membership = memberships.membership_in(team, membership_id)
    form = BirthYearForm(birth_year=membership.user.birth_year)
    if form.validate_on_submit():
        changed = perform(
            memberships.correct_birth_year, current_user, team, membership_id, form.birth_year.data, form=form
        )
        if changed is not None:
            flash(_("Het geboortejaar is aangepast."), "success")
            if changed:
                flash(_("Deze persoon is nu volwassen helper in %(count)d JUNIOR-team(s).", count=len(changed)), "info")
            return redirect(url_for("teams.members", team_id=team.id))
    return render_template("teams/birth_year.html", form=form, team=team, person=membership.user)


@bp.route("/teams/<int:team_id>/uitnodigingen", methods=["POST"])
@login_required
def invite(team_id):
    return _member_action(team_id, memberships.create_invitation, _("Er is een nieuwe uitnodigingslink gemaakt."))


@bp.route("/teams/<int:team_id>/uitnodigingen/<int:invitation_id>/intrekken", methods=["POST"])
@login_required
def revoke_invitation(team_id, invitation_id):
    return _member_action(
        team_id, memberships.revoke_invitation, _("De uitnodigingslink werkt niet meer."), invitation_id
    )


@bp.route("/uitnodiging/<token>", methods=["GET", "POST"])
@login_required
def invitation(token):
    invitation = memberships.invitation_by_token(token)
    if invitation is None:
        abort(404)
    team, form = invitation.team, InvitationForm()
    if form.validate_on_submit():
        if perform(memberships.join_by_invitation, current_user, token, form.birth_year.data, form=form):
            flash(_("Welkom in het team!"), "success")
            return _team_page(team)
    return render_template("teams/invitation.html", invitation=invitation, team=team, form=form)


@bp.route("/teams/<int:team_id>/status", methods=["POST"])
@login_required
def set_status(team_id):
    team = services.load_team_or_404(team_id)
    authorize(current_user, "team.set_status", team)
    form = _status_form(team)
    if form.validate_on_submit():
        if perform(services.set_status, current_user, team, TeamStatus(form.status.data)):
            flash(_("De status van het team is aangepast."), "success")
    else:
        flash(_("Deze status kunt u hier niet kiezen."), "error")
    return _team_page(team)
