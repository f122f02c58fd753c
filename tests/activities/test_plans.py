import sqlalchemy as sa

from app.activities.models import Activity, ActivityStatus, ChecklistItem
from app.core.audit import AuditEntry
from app.extensions import db
from app.teams.models import MemberRole, TeamStatus
from tests.factories import add_member, make_activity, make_neighbourhood, make_team, make_template, make_user

STEPS = [{"title": "Buren uitnodigen", "description": "Briefje in de bus."}, {"title": "Koffie zetten"}]


def test_a_member_adopts_a_template_and_gets_a_plan_with_its_steps(client):
    hood = make_neighbourhood()
    anna, mo = make_user("Anna", hood), make_user("Mo", hood)
    team = make_team(hood, anna, name="Pruimengaarde Samen")
    add_member(team, mo)
    template = make_template("Burenkoffie", goal="Buren leren elkaar kennen.", steps=STEPS)

    page = client.login(mo).get(f"/aanpakken/{template.slug}").get_data(as_text=True)
    assert "Maak er een plan van" in page and "Pruimengaarde Samen" in page
    response = client.post(f"/aanpakken/{template.slug}/overnemen", {"team_id": team.id})

    activity = db.session.scalar(sa.select(Activity).where(Activity.team_id == team.id))
    assert response.location == f"/teams/{team.id}/activiteiten/{activity.id}"
    assert (activity.title, activity.description, activity.status, activity.template_id) == (
        "Burenkoffie",
        "Buren leren elkaar kennen.",
        ActivityStatus.IDEA,
        template.id,
    )
    items = db.session.scalars(sa.select(ChecklistItem).order_by(ChecklistItem.position)).all()
    assert [(i.position, i.title, i.description) for i in items] == [
        (1, "Buren uitnodigen", "Briefje in de bus."),
        (2, "Koffie zetten", ""),
    ]
    assert db.session.scalar(sa.select(AuditEntry.actor_id).where(AuditEntry.action == "activity.created")) == mo.id
    plan = client.get(response.location).get_data(as_text=True)
    assert "Buren uitnodigen" in plan and "0 van 2 stappen klaar" in plan and 'href="/aanpakken/' in plan


def test_steps_are_ticked_off_and_reopened_without_javascript(client):
    hood = make_neighbourhood()
    anna = make_user("Anna", hood)
    team = make_team(hood, anna)
    activity = make_activity(team, anna, make_template(steps=STEPS))
    step = db.session.scalar(sa.select(ChecklistItem).where(ChecklistItem.position == 1))
    url = f"/teams/{team.id}/activiteiten/{activity.id}/stappen/{step.id}"

    response = client.login(anna).post(url)
    assert response.location == f"/teams/{team.id}/activiteiten/{activity.id}#stap-{step.id}"
    db.session.refresh(step)
    assert step.done_by_id == anna.id and step.done_at is not None
    assert "1 van 2 stappen klaar" in client.get(f"/teams/{team.id}/activiteiten/{activity.id}").get_data(as_text=True)

    client.post(url)
    db.session.refresh(step)
    assert (step.done_at, step.done_by_id) == (None, None)


def test_another_teams_activity_or_step_does_not_exist_here(client):
    hood = make_neighbourhood()
    anna, bram = make_user("Anna", hood), make_user("Bram", hood)
    ours, theirs = make_team(hood, anna), make_team(hood, bram)
    their_activity = make_activity(theirs, bram)
    our_activity = make_activity(ours, anna)
    their_step = db.session.scalar(sa.select(ChecklistItem.id).where(ChecklistItem.activity_id == their_activity.id))
    client.login(anna)
    assert client.get(f"/teams/{ours.id}/activiteiten/{their_activity.id}").status_code == 404
    assert client.post(f"/teams/{ours.id}/activiteiten/{their_activity.id}/stappen/{their_step}").status_code == 404
    response = client.post(f"/teams/{ours.id}/activiteiten/{our_activity.id}/stappen/{their_step}")
    assert response.status_code == 302
    assert db.session.scalar(sa.select(ChecklistItem.done_at).where(ChecklistItem.id == their_step)) is None


def test_a_supporter_follows_the_plan_but_members_tick_it_off(client):
    hood = make_neighbourhood()
    anna, sam = make_user("Anna", hood), make_user("Sam", hood)
    team = make_team(hood, anna)
    add_member(team, sam, MemberRole.SUPPORTER)
    activity = make_activity(team, anna)
    step = activity.checklist[0]
    client.login(sam)
    page = client.get(f"/teams/{team.id}/activiteiten/{activity.id}").get_data(as_text=True)
    assert "Eerste stap" in page and "Vink af" not in page
    assert client.post(f"/teams/{team.id}/activiteiten/{activity.id}/stappen/{step.id}").status_code == 403


def test_a_cancelled_activitys_steps_stay_as_they_were(client):
    hood = make_neighbourhood()
    anna = make_user("Anna", hood)
    team = make_team(hood, anna)
    activity = make_activity(team, anna, status=ActivityStatus.CANCELLED)
    step = activity.checklist[0]
    response = client.login(anna).post(f"/teams/{team.id}/activiteiten/{activity.id}/stappen/{step.id}")
    assert response.status_code == 302
    page = client.get(f"/teams/{team.id}/activiteiten/{activity.id}").get_data(as_text=True)
    assert "De stappen kunt u niet meer afvinken." in page
    db.session.refresh(step)
    assert step.done_at is None


def test_nobody_adopts_for_a_team_they_do_not_plan_for_or_a_retired_template(client):
    hood = make_neighbourhood()
    anna, bram = make_user("Anna", hood), make_user("Bram", hood)
    ours, theirs = make_team(hood, anna), make_team(hood, bram)
    template = make_template()
    client.login(anna)
    page = client.post(f"/aanpakken/{template.slug}/overnemen", {"team_id": theirs.id}, follow_redirects=True)
    assert "Ongeldige keuze." in page.get_data(as_text=True)
    template.status = "retired"
    db.session.flush()
    page = client.post(f"/aanpakken/{template.slug}/overnemen", {"team_id": ours.id}, follow_redirects=True)
    assert "Deze aanpak wordt niet meer aangeboden." in page.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Activity)) == 0


def test_a_new_plan_wakes_a_dormant_team(ctx):
    hood = make_neighbourhood()
    anna = make_user("Anna", hood)
    team = make_team(hood, anna)
    team.status = TeamStatus.DORMANT
    make_activity(team, anna)
    assert team.status == TeamStatus.ACTIVE


def test_adopting_a_template_again_asks_first(client):
    hood = make_neighbourhood()
    anna = make_user("Anna", hood)
    team = make_team(hood, anna)
    template = make_template("Burenkoffie", steps=STEPS)
    client.login(anna).post(f"/aanpakken/{template.slug}/overnemen", {"team_id": team.id})
    page = client.post(f"/aanpakken/{template.slug}/overnemen", {"team_id": team.id}).get_data(as_text=True)
    assert "heeft al een plan met deze aanpak" in page and "Ja, maak een nieuw plan" in page
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Activity)) == 1
    client.post(f"/aanpakken/{template.slug}/overnemen", {"team_id": team.id, "again": "1"})
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Activity)) == 2


def test_the_adopt_form_preselects_the_team_whose_plans_you_looked_at(client):
    hood = make_neighbourhood()
    anna = make_user("Anna", hood)
    make_team(hood, anna, name="Eerste team")
    second = make_team(hood, anna, name="Tweede team")
    template = make_template("Burenkoffie")
    client.login(anna).get(f"/teams/{second.id}/activiteiten")
    page = client.get(f"/aanpakken/{template.slug}").get_data(as_text=True)
    assert f'<option selected value="{second.id}">Tweede team</option>' in page


def test_a_trekker_deletes_a_plan_that_is_still_an_idea(client):
    hood = make_neighbourhood()
    anna, mo = make_user("Anna", hood), make_user("Mo", hood)
    team = make_team(hood, anna)
    add_member(team, mo)
    idea, planned = make_activity(team, anna), make_activity(team, anna, status=ActivityStatus.PLANNED)
    idea_id, planned_id = idea.id, planned.id
    assert client.login(mo).post(f"/teams/{team.id}/activiteiten/{idea_id}/verwijderen").status_code == 403
    page = client.login(anna).post(f"/teams/{team.id}/activiteiten/{planned_id}/verwijderen", follow_redirects=True)
    assert "Alleen een idee kunt u verwijderen" in page.get_data(as_text=True)
    assert client.post(f"/teams/{team.id}/activiteiten/{idea_id}/verwijderen").status_code == 302
    assert db.session.get(Activity, idea_id) is None and db.session.get(Activity, planned_id) is not None
    entry = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.action == "activity.deleted"))
    assert (entry.actor_id, entry.object_id) == (anna.id, team.id)
