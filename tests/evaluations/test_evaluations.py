"""Issue 13, part 5: the team looks back on an activity; part 7: the reminder to do so."""

import sqlalchemy as sa

from app.activities.models import ActivityStatus
from app.activities.services import practice_figures
from app.core.notifications import Notification
from app.evaluations.models import Evaluation
from app.extensions import db
from tests.evaluations.helpers import activity_that_took_place, check_in, team_with_people
from tests.factories import make_template

GOOD = {
    "participants": "12",
    "new_contacts": "3",
    "went_well": "Veel kinderen uit de flat kwamen.",
    "could_be_better": "Eerder flyeren.",
    "story": "Een zonnige middag in de binnentuin.",
    "story_public": "y",
}


def _edit_url(team, activity):
    return f"/teams/{team.id}/activiteiten/{activity.id}/terugkijken/invullen"


def test_the_form_starts_with_the_people_who_were_checked_in(client):
    team, trekker, _member = team_with_people()
    activity = activity_that_took_place(team, trekker)
    check_in(activity, "Vera", "Ahmed", "Joke")
    page = client.login(trekker).get(_edit_url(team, activity)).get_data(as_text=True)
    assert 'name="participants"' in page and 'value="3"' in page


def test_evaluating_moves_a_done_activity_to_evaluated(client):
    team, trekker, member = team_with_people()
    activity = activity_that_took_place(team, trekker)
    check_in(activity, "Vera", "Ahmed")
    response = client.login(member).post(_edit_url(team, activity), GOOD)
    assert response.status_code == 302
    assert activity.status == ActivityStatus.EVALUATED and activity.actual_participants == 12
    evaluation = db.session.scalar(sa.select(Evaluation).where(Evaluation.activity_id == activity.id))
    assert (evaluation.new_contacts, evaluation.story_public) == (3, True)
    assert evaluation.went_well == "Veel kinderen uit de flat kwamen."


def test_a_planned_activity_that_took_place_is_marked_done_and_evaluated(client):
    team, trekker, _member = team_with_people()
    activity = activity_that_took_place(team, trekker, status=ActivityStatus.PLANNED)
    client.login(trekker).post(_edit_url(team, activity), GOOD)
    assert activity.status == ActivityStatus.EVALUATED and activity.actual_participants == 12


def test_bad_input_gets_a_dutch_message_per_field_and_stores_nothing(client):
    team, trekker, _member = team_with_people()
    activity = activity_that_took_place(team, trekker)
    bad = GOOD | {"participants": "veel", "new_contacts": "-1", "went_well": "x" * 5001}
    response = client.login(trekker).post(_edit_url(team, activity), bad)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Vul het aantal deelnemers in, als getal." in page
    assert "Vul het aantal nieuwe contacten in, als getal." in page
    assert "Gebruik hoogstens 5000 tekens." in page
    assert activity.status == ActivityStatus.DONE and activity.actual_participants is None
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Evaluation)) == 0


def test_an_activity_that_did_not_take_place_cannot_be_evaluated(client):
    team, trekker, _member = team_with_people()
    activity = activity_that_took_place(team, trekker, status=ActivityStatus.IDEA)
    page = client.login(trekker).post(_edit_url(team, activity), GOOD).get_data(as_text=True)
    assert "Terugkijken kan als de activiteit geweest is." in page
    assert activity.status == ActivityStatus.IDEA
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Evaluation)) == 0


def test_evaluated_participants_count_in_the_template_practice_figures(client):
    team, trekker, _member = team_with_people()
    template = make_template("Buurtbarbecue")
    first = activity_that_took_place(team, trekker, template=template)
    second = activity_that_took_place(team, trekker, template=template)
    client.login(trekker)
    client.post(_edit_url(team, first), GOOD | {"participants": "12"})
    client.post(_edit_url(team, second), GOOD | {"participants": "8"})
    figures = practice_figures(template.id)
    assert (figures.teams, figures.activities_done, figures.participants) == (1, 2, 20)
    page = client.get(f"/aanpakken/{template.slug}").get_data(as_text=True)
    assert "<strong>20</strong> deelnemers bereikt" in page


def _reminders(app, trekker) -> tuple[str, int]:
    result = app.test_cli_runner().invoke(args=["reminders"])
    assert result.exit_code == 0, result.output
    sent = db.session.scalar(
        sa.select(sa.func.count()).where(Notification.user_id == trekker.id, Notification.kind == "evaluation.reminder")
    )
    return result.output, sent


def test_the_reminder_goes_out_once_per_activity(app):
    team, trekker, member = team_with_people()
    activity_that_took_place(team, trekker, status=ActivityStatus.DONE)
    activity_that_took_place(team, trekker, status=ActivityStatus.PLANNED, days_ago=2)
    activity_that_took_place(team, trekker, status=ActivityStatus.PLANNED, days_ago=0.5)  # today: not yet
    activity_that_took_place(team, trekker, status=ActivityStatus.EVALUATED)
    activity_that_took_place(team, trekker, status=ActivityStatus.CANCELLED)
    db.session.flush()

    output, sent = _reminders(app, trekker)
    assert "2 evaluation reminder(s) sent" in output and sent == 2
    members_told = db.session.scalar(sa.select(sa.func.count()).where(Notification.user_id == member.id))
    assert members_told == 0  # the trekkers get the reminder

    output, sent = _reminders(app, trekker)
    assert "0 evaluation reminder(s) sent" in output and sent == 2
