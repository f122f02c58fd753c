"""The coordinator's page per team (/teams/<id>/begeleiding): support level, handover, notes,
and a join request for a resident; and a sign-up for a resident from an activity's list."""

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.activities import services as activities
from app.coaching import behalf, services
from app.coaching.forms import BehalfForm, BehalfJoinForm, HandoverForm, LevelForm, NoteForm
from app.coaching.models import NOTE_KIND_LABELS, SUPPORT_LEVEL_LABELS, NoteKind, SupportLevel
from app.core.params import page_arg
from app.core.policy import authorize
from app.core.timezone import local_today
from app.core.views import perform
from app.signups import services as signups
from app.signups.models import SignUpStatus
from app.teams import services as teams

bp = Blueprint("coaching", __name__)


def _load(team_id: int, action: str = "coaching.view"):
    team = teams.load_team_or_404(team_id)
    authorize(current_user, action, team)
    return team


def _coaching_page(team):
    return redirect(url_for("coaching.show", team_id=team.id))


def _pick_list(form: BehalfForm, residents) -> None:
    form.resident_id.choices = [("", _("Kies een bewoner …"))] + [
        (str(person.id), f"{person.name} ({person.email})") for person in residents
    ]


def _page(team, **forms):
    """The coaching page; a form that failed comes back with its messages."""
    support = services.support_of(team)
    level_form = forms.get("level_form") or LevelForm(level=support.level if support else None)
    join_form = forms.get("join_form") or BehalfJoinForm()
    _pick_list(join_form, behalf.residents_to_pick(team, not_in_team=True))
    return render_template(
        "coaching/show.html",
        team=team,
        support=support,
        notes=services.notes_page(team, page_arg()),
        note_form=forms.get("note_form") or NoteForm(kind=NoteKind.VISIT.value, happened_on=local_today()),
        level_form=level_form,
        handover_form=forms.get("handover_form") or HandoverForm(handed_over_on=local_today()),
        join_form=join_form,
        kind_labels=NOTE_KIND_LABELS,
        level_labels=SUPPORT_LEVEL_LABELS,
    )


@bp.route("/teams/<int:team_id>/begeleiding")
@login_required
def show(team_id):
    return _page(_load(team_id))


@bp.route("/teams/<int:team_id>/begeleiding/notities", methods=["POST"])
@login_required
def add_note(team_id):
    team = _load(team_id, "coaching.write")
    form = NoteForm()
    if form.validate_on_submit():
        done = perform(
            services.add_note,
            current_user,
            team,
            NoteKind(form.kind.data),
            form.happened_on.data,
            form.text.data,
            form=form,
        )
        if done:
            flash(_("De notitie is opgeslagen."), "success")
            return _coaching_page(team)
    return _page(team, note_form=form)


@bp.route("/teams/<int:team_id>/begeleiding/notities/<int:note_id>/bewerken", methods=["GET", "POST"])
@login_required
def edit_note(team_id, note_id):
    team = _load(team_id, "coaching.write")
    note = services.note_in(team, note_id)
    form = NoteForm(obj=note)
    if form.validate_on_submit():
        done = perform(
            services.edit_note,
            current_user,
            team,
            note.id,
            NoteKind(form.kind.data),
            form.happened_on.data,
            form.text.data,
            form=form,
        )
        if done:
            flash(_("De notitie is aangepast. Wat er eerst stond, is bewaard."), "success")
            return _coaching_page(team)
    return render_template(
        "coaching/edit_note.html",
        team=team,
        note=note,
        form=form,
        history=services.note_history(note),
        kind_labels=NOTE_KIND_LABELS,
    )


@bp.route("/teams/<int:team_id>/begeleiding/steun", methods=["POST"])
@login_required
def set_level(team_id):
    team = _load(team_id, "coaching.write")
    form = LevelForm()
    if form.validate_on_submit():
        if perform(services.set_level, current_user, team, SupportLevel(form.level.data), form=form):
            flash(_("De steun voor het team is opgeslagen."), "success")
            return _coaching_page(team)
    return _page(team, level_form=form)


@bp.route("/teams/<int:team_id>/begeleiding/overdracht", methods=["POST"])
@login_required
def hand_over(team_id):
    team = _load(team_id, "coaching.write")
    form = HandoverForm()
    if form.validate_on_submit():
        if perform(services.hand_over, current_user, team, form.handed_over_on.data, form=form):
            flash(
                _("Het team is overgedragen en staat nu op 'Actief zonder hulp'. U blijft op afroep beschikbaar."),
                "success",
            )
            return _coaching_page(team)
    return _page(team, handover_form=form)


@bp.route("/teams/<int:team_id>/begeleiding/namens", methods=["POST"])
@login_required
def join_on_behalf(team_id):
    team = _load(team_id, "coaching.act_on_behalf")
    form = BehalfJoinForm()
    _pick_list(form, [])  # the choices are checked by the service, not by the form
    if form.validate_on_submit():
        membership = perform(
            behalf.join_on_behalf,
            current_user,
            team,
            form.resident_id.data,
            form.email.data,
            form.channel.data,
            form.message.data,
            form.birth_year.data,
            form=form,
        )
        if membership:
            flash(_("De aanmelding is verstuurd. De bewoner krijgt er bericht over."), "success")
            return _coaching_page(team)
    return _page(team, join_form=form)


@bp.route(
    "/teams/<int:team_id>/activiteiten/<int:activity_id>/aanmeldingen/namens",
    methods=["GET", "POST"],
)
@login_required
def sign_up_on_behalf(team_id, activity_id):
    team, activity = activities.load_for(current_user, "coaching.act_on_behalf", team_id, activity_id)
    form = BehalfForm()
    _pick_list(form, behalf.residents_to_pick(team, not_in_team=False))
    if form.validate_on_submit():
        sign_up = perform(
            behalf.sign_up_on_behalf,
            current_user,
            team,
            activity,
            form.resident_id.data,
            form.email.data,
            form.channel.data,
            form=form,
        )
        if sign_up:
            if sign_up.status == SignUpStatus.CONFIRMED:
                flash(_("De bewoner is aangemeld en heeft een plaats. Hij of zij krijgt er bericht over."), "success")
            else:
                flash(_("De activiteit is vol: de bewoner staat op de wachtlijst en krijgt er bericht over."), "info")
            return redirect(url_for("signups.team_list", team_id=team.id, activity_id=activity.id))
    confirmed, waiting = signups.counts([activity.id]).get(activity.id, (0, 0))
    return render_template(
        "coaching/sign_up.html",
        team=team,
        activity=activity,
        form=form,
        open=signups.is_open(activity),
        places_left=signups.places_left(activity, confirmed),
        waiting=waiting,
    )
