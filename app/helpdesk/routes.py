from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.coaching import residents
from app.core.forms import ConfirmForm, has_hidden_characters
from app.core.params import page_arg
from app.core.policy import can, is_staff, requires
from app.core.urls import safe_next
from app.core.views import perform
from app.helpdesk import queries, services
from app.helpdesk.forms import AssignForm, BehalfForm, FilterForm, PickTeamForm, QuestionForm, ReplyForm, StatusForm
from app.helpdesk.models import STATUS_LABELS, QuestionStatus

bp = Blueprint("helpdesk", __name__)
bp.add_app_template_global(STATUS_LABELS, "question_status_labels")


@bp.app_template_global("helpdesk_answer_form")
def answer_form(question, next_path: str) -> ReplyForm:
    """A question's short answer form for another page (the coordinators' dashboard), with
    ids of its own so that several fit on one page (helpdesk/_answer_form.html)."""
    form = ReplyForm(formdata=None, data={"next": next_path})
    form.body.id = form.body.label.field_id = f"antwoord-{question.id}"
    form.body.label.text = _("Uw antwoord op: %(subject)s", subject=question.subject)
    return form


def _thread(team, question):
    return redirect(url_for("helpdesk.show", team_id=team.id, question_id=question.id))


# --- the way in: "Hulp krijgen" --------------------------------------------------------


@bp.route("/vragen")
@login_required
def start():
    """Staff go to their list; a member of one team to its questions; of several, picks."""
    if is_staff(current_user):
        return redirect(url_for("helpdesk.index"))
    teams = queries.teams_of(current_user)
    if not teams:
        flash(_("U bent nog geen lid van een team. Neem contact op met de helpdesk, wij helpen u graag."), "info")
        return redirect(url_for("main.contact"))
    if len(teams) == 1:
        return redirect(url_for("helpdesk.team_questions", team_id=teams[0].id, _anchor="vraag-stellen"))
    return render_template("helpdesk/start.html", teams=teams)


# --- a team's questions ---------------------------------------------------------------


def _team_page(team, form):
    return render_template("helpdesk/team.html", team=team, questions=queries.of_team(team, page_arg()), form=form)


@bp.route("/teams/<int:team_id>/vragen")
@login_required
def team_questions(team_id):
    team = queries.load_team(current_user, "question.view", team_id)
    return _team_page(team, QuestionForm(formdata=None))


@bp.route("/teams/<int:team_id>/vragen/stellen", methods=["POST"])
@login_required
def ask(team_id):
    team = queries.load_team(current_user, "question.ask", team_id)
    form = QuestionForm()
    if form.validate_on_submit():
        question = perform(services.ask, current_user, team, form.subject.data, form.body.data, form=form)
        if question:
            flash(_("Uw vraag is verstuurd. U krijgt een bericht als er een antwoord is."), "success")
            return _thread(team, question)
    return _team_page(team, form)


# --- the thread -----------------------------------------------------------------------


def _thread_page(team, question, reply_form):
    staff = can(current_user, "helpdesk.manage", team)
    assign_form = status_form = None
    if staff:
        assign_form = AssignForm(formdata=None, coordinator=str(question.assigned_to_id or ""))
        assign_form.coordinator.choices = _coordinator_choices(team)
        status_form = StatusForm(formdata=None, status=question.status.value)
    return render_template(
        "helpdesk/show.html",
        team=team,
        question=question,
        messages=queries.messages_of(question),
        reply_form=reply_form,
        assign_form=assign_form,
        status_form=status_form,
        resolve_form=ConfirmForm(formdata=None),
    )


def _coordinator_choices(team) -> list[tuple[str, str]]:
    return [("", _("Nog niemand")), *((str(user.id), user.name) for user in queries.coordinators(team))]


@bp.route("/teams/<int:team_id>/vragen/<int:question_id>")
@login_required
def show(team_id, question_id):
    team, question = queries.load_question(current_user, "question.view", team_id, question_id)
    return _thread_page(team, question, ReplyForm(formdata=None))


@bp.route("/teams/<int:team_id>/vragen/<int:question_id>/reageren", methods=["POST"])
@login_required
def reply(team_id, question_id):
    """Answer or reply in the thread; from another page (`next`), back to that page."""
    team, question = queries.load_question(current_user, "question.reply", team_id, question_id)
    form = ReplyForm()
    typed_next = form.next.data or ""
    back = None if has_hidden_characters(typed_next) else safe_next(typed_next)
    if form.validate_on_submit():
        if perform(services.reply, current_user, team, question, form.body.data, form=form):
            flash(_("Uw bericht is verstuurd."), "success")
            return redirect(back) if back else _thread(team, question)
    if back:
        for errors in [*form.errors.values(), form.form_errors]:
            for error in errors[:1]:
                flash(error, "error")
        return redirect(back)
    return _thread_page(team, question, form)


@bp.route("/teams/<int:team_id>/vragen/<int:question_id>/opgelost", methods=["POST"])
@login_required
def resolve(team_id, question_id):
    team, question = queries.load_question(current_user, "question.resolve", team_id, question_id)
    if ConfirmForm().validate_on_submit() and perform(
        services.set_status, current_user, team, question, QuestionStatus.RESOLVED
    ):
        flash(_("De vraag staat op opgelost. Heeft u toch nog een vraag? Stuur dan een bericht."), "success")
    return _thread(team, question)


@bp.route("/teams/<int:team_id>/vragen/<int:question_id>/status", methods=["POST"])
@login_required
@requires("helpdesk.manage")
def set_status(team_id, question_id):
    team, question = queries.load_question(current_user, "question.view", team_id, question_id)
    form = StatusForm()
    if not form.validate_on_submit():
        flash(_("Kies een status."), "error")
    elif perform(services.set_status, current_user, team, question, QuestionStatus(form.status.data)):
        flash(_("De status is opgeslagen."), "success")
    return _thread(team, question)


@bp.route("/teams/<int:team_id>/vragen/<int:question_id>/toewijzen", methods=["POST"])
@login_required
@requires("helpdesk.manage")
def assign(team_id, question_id):
    team, question = queries.load_question(current_user, "question.view", team_id, question_id)
    form = AssignForm()
    form.coordinator.choices = _coordinator_choices(team)
    if not form.validate_on_submit():
        flash(_("Kies een coördinator uit de lijst."), "error")
    elif perform(services.assign, current_user, team, question, form.coordinator_id):
        flash(_("De vraag is toegewezen."), "success")
    return _thread(team, question)


# --- the coordinators -----------------------------------------------------------------


@bp.route("/helpdesk")
@login_required
@requires("helpdesk.manage")
def index():
    form = FilterForm(request.args)
    questions = queries.for_helpdesk(current_user, form.chosen_status, form.chosen_who, page_arg())
    return render_template("helpdesk/index.html", form=form, questions=questions)


@bp.route("/helpdesk/namens-een-bewoner")
@login_required
@requires("helpdesk.manage")
def behalf_team():
    """Asking for a resident, step 1: the resident's team (then the form of step 2)."""
    form = PickTeamForm(request.args, meta={"csrf": False})
    form.team.choices = [
        (team.id, f"{team.name} ({team.neighbourhood.name})") for team in queries.open_teams(current_user)
    ]
    if request.args and form.validate():
        return redirect(url_for("helpdesk.ask_on_behalf", team_id=form.team.data))
    return render_template("helpdesk/behalf_team.html", form=form)


@bp.route("/teams/<int:team_id>/vragen/namens-een-bewoner", methods=["GET", "POST"])
@login_required
@requires("helpdesk.manage")
def ask_on_behalf(team_id):
    team = queries.load_team(current_user, "helpdesk.manage", team_id)
    form = BehalfForm()
    form.resident_id.choices = [(user.id, user.name) for user in queries.active_members(team)]
    if form.validate_on_submit():
        values = (form.resident_id.data, form.subject.data, form.body.data)
        question = perform(services.ask_on_behalf, current_user, team, *values, form=form)
        if question:
            flash(_("De vraag is opgeslagen.") + " " + residents.telling(question.asked_by_id), "success")
            return _thread(team, question)
    return render_template("helpdesk/behalf.html", team=team, form=form)
