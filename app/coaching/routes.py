"""The coordinator's page per team (/teams/<id>/begeleiding): support level, handover, notes,
and a join request for a resident; a sign-up for a resident from an activity's list; and the
residents without e-mail that coordinators registered (/begeleiding/bewoners-zonder-email)."""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.activities import services as activities
from app.coaching import behalf, residents, services
from app.coaching.forms import (
    BehalfForm,
    BehalfJoinForm,
    GiveAddressForm,
    HandoverForm,
    LevelForm,
    NoteForm,
    RegisterResidentForm,
    SearchForm,
    parse_id,
)
from app.coaching.models import NOTE_KIND_LABELS, SUPPORT_LEVEL_LABELS, NoteKind, SupportLevel
from app.core.params import page_arg
from app.core.policy import authorize, requires
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


def _search() -> SearchForm:
    return SearchForm(request.args, meta={"csrf": False})


def _picker(form: BehalfForm, team, not_in_team: bool) -> dict:
    """The residents found by the name searched (in the link, or kept in the form that came
    back), as the form's choices: name and neighbourhood, never an e-mail address. A resident
    just registered (?gekozen=) is picked already."""
    search = _search()
    term = form.naam.data if request.method == "POST" else (search.naam.data if search.validate() else "")
    found = behalf.find_residents(team, term or "", not_in_team)
    form.naam.data = term
    form.resident_id.choices = [(person.id, _resident_label(person)) for person in found[: behalf.FOUND_LIMIT]]
    if request.method == "GET":
        form.resident_id.data = parse_id(request.args.get("gekozen", ""))
    return {"search_form": search, "searched": term, "more_found": len(found) > behalf.FOUND_LIMIT}


def _resident_label(person) -> str:
    label = f"{person.name}, {person.neighbourhood.name}" if person.neighbourhood else person.name
    return label if person.email else _("%(label)s (zonder e-mail)", label=label)


def _page(team, **forms):
    """The coaching page; a form that failed comes back with its messages."""
    support = services.support_of(team)
    level_form = forms.get("level_form") or LevelForm(level=support.level if support else None)
    join_form = forms.get("join_form") or BehalfJoinForm()
    picker = _picker(join_form, team, not_in_team=True)
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
        **picker,
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
    if form.validate_on_submit():
        membership = perform(
            behalf.join_on_behalf,
            current_user,
            team,
            form.resident_id.data,
            form.channel.data,
            form.message.data,
            form.birth_year.data,
            form=form,
        )
        if membership:
            flash(_("De aanmelding is verstuurd.") + " " + residents.telling(membership.user_id), "success")
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
    if form.validate_on_submit():
        sign_up = perform(
            behalf.sign_up_on_behalf,
            current_user,
            team,
            activity,
            form.resident_id.data,
            form.channel.data,
            form=form,
        )
        if sign_up:
            told = residents.telling(sign_up.user_id)
            if sign_up.status == SignUpStatus.CONFIRMED:
                flash(_("De bewoner is aangemeld en heeft een plaats.") + " " + told, "success")
            else:
                flash(_("De activiteit is vol: de bewoner staat op de wachtlijst.") + " " + told, "info")
            return redirect(url_for("signups.team_list", team_id=team.id, activity_id=activity.id))
    picker = _picker(form, team, not_in_team=False)
    confirmed, waiting = signups.counts([activity.id]).get(activity.id, (0, 0))
    return render_template(
        "coaching/sign_up.html",
        team=team,
        activity=activity,
        form=form,
        open=signups.is_open(activity),
        places_left=signups.places_left(activity, confirmed),
        waiting=waiting,
        **picker,
    )


# --- residents without e-mail ----------------------------------------------------------


def _flow():
    """The team, and the activity, the coordinator was acting for when they went to register
    a resident (?team=, ?activiteit=): they go back there with the resident picked."""
    team_id, activity_id = parse_id(request.args.get("team", "")), parse_id(request.args.get("activiteit", ""))
    if team_id is not None and activity_id is not None:
        return activities.load_for(current_user, "coaching.act_on_behalf", team_id, activity_id)
    return (_load(team_id, "coaching.act_on_behalf") if team_id is not None else None), None


def _back_to_flow(team, activity, resident_id: int, name: str) -> str:
    picked = {"naam": name, "gekozen": resident_id}
    if activity is not None:
        return url_for("coaching.sign_up_on_behalf", team_id=team.id, activity_id=activity.id, **picked)
    if team is not None:
        return url_for("coaching.show", team_id=team.id, _anchor="namens-kop", **picked)
    return url_for("coaching.resident", resident_id=resident_id)


@bp.route("/begeleiding/bewoners-zonder-email")
@login_required
@requires("coaching.residents")
def residents_list():
    search = _search()
    term = search.naam.data if search.validate() else ""
    return render_template(
        "coaching/residents.html",
        search_form=search,
        page=residents.registrations_page(current_user, term or "", page_arg()),
    )


@bp.route("/begeleiding/bewoners-zonder-email/nieuw", methods=["GET", "POST"])
@login_required
@requires("coaching.residents")
def register_resident():
    team, activity = _flow()
    form = RegisterResidentForm(neighbourhood_id=team.neighbourhood_id if team else None)
    if form.validate_on_submit():
        registration = perform(
            residents.register, current_user, form.name.data, form.neighbourhood_id.data, form.contact.data, form=form
        )
        if registration:
            flash(_("%(name)s is ingeschreven.", name=form.name.data), "success")
            return redirect(_back_to_flow(team, activity, registration.user_id, form.name.data))
    return render_template(
        "coaching/register_resident.html", form=form, team=team, activity=activity, consent=residents.consent_text()
    )


def _resident_page(registration, form=None):
    return render_template(
        "coaching/resident.html", registration=registration, resident=registration.user, form=form or GiveAddressForm()
    )


@bp.route("/begeleiding/bewoners-zonder-email/<int:resident_id>")
@login_required
@requires("coaching.residents")
def resident(resident_id):
    return _resident_page(residents.registration_or_404(current_user, resident_id))


@bp.route("/begeleiding/bewoners-zonder-email/<int:resident_id>/account", methods=["POST"])
@login_required
@requires("coaching.residents")
def give_address(resident_id):
    registration = residents.registration_or_404(current_user, resident_id)
    form = GiveAddressForm()
    if form.validate_on_submit():
        if perform(residents.hand_over, current_user, registration, form.email.data, form=form):
            flash(_("De bewoner krijgt een mail om het account te activeren en een wachtwoord te kiezen."), "success")
            return redirect(url_for("coaching.resident", resident_id=resident_id))
    return _resident_page(residents.registration_or_404(current_user, resident_id), form)  # as it is after a rollback
