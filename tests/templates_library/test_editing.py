import re

import sqlalchemy as sa

from app.core.audit import AuditEntry
from app.extensions import db
from app.templates_library import services
from app.templates_library.models import Template
from tests.factories import make_template, make_user

NEW_TEMPLATE = {
    "name": "Burenkoffie",
    "summary": "Eens per maand koffie met de buren in de portiek.",
    "goal": "Buren leren elkaar kennen.",
    "description": "Een bewoner zet koffie en nodigt de buren uit.",
    "problems": ["weinig_contact", "eenzaamheid"],
    "solution_directions": ["contact_woonomgeving"],
    "locations": ["portiek_galerij"],
    "recognition": "praktijkvoorbeeld",
    "form_kind": "werkwijze",
    "target_groups-0-group": "ouderen",
    "target_groups-0-wording": "Buren die alleen wonen",
    "target_groups-0-min_age": "65",
    "target_groups-1-group": "",
    "steps-0-title": "Uitnodiging in de brievenbus",
    "steps-0-explanation": "Schrijf een briefje.",
    "steps-1-title": "Koffie zetten",
    "steps-2-title": "",
    "working_elements": "Laagdrempelig\nDichtbij huis",
    "links": "https://example.org/burenkoffie",
}


def test_a_coordinator_adds_a_template_that_residents_then_find(client):
    coordinator = make_user("Cor", is_coordinator=True)
    assert client.login(coordinator).get("/aanpakken/nieuw").status_code == 200
    response = client.post("/aanpakken/nieuw", NEW_TEMPLATE)
    template = services.template_by_slug("burenkoffie")
    assert response.status_code == 302 and response.location == "/aanpakken/burenkoffie"
    assert [step["title"] for step in template.steps] == ["Uitnodiging in de brievenbus", "Koffie zetten"]
    assert template.target_groups == [
        {"group": "ouderen", "label": "Buren die alleen wonen", "min_age": 65, "max_age": None}
    ]
    assert (template.working_elements, template.min_age, template.locally_edited) == (
        ["Laagdrempelig", "Dichtbij huis"],
        65,
        True,
    )
    entry = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.action == "template.created"))
    assert (entry.actor_id, entry.object_id) == (coordinator.id, template.id)
    assert "Burenkoffie" in client.get("/aanpakken?q=koffie+portiek").get_data(as_text=True)


def test_an_admin_edits_a_template_and_the_edit_is_audited(client):
    template = make_template("Burenkoffie", steps=[{"title": "Koffie zetten", "description": ""}])
    admin = make_user("Ada", is_admin=True)
    page = client.login(admin).get(f"/aanpakken/{template.slug}/bewerken").get_data(as_text=True)
    assert 'value="Koffie zetten"' in page and 'id="steps-3-title"' in page  # the step plus three empty rows
    response = client.post(f"/aanpakken/{template.slug}/bewerken", NEW_TEMPLATE | {"name": "Burenthee"})
    assert response.status_code == 302
    db.session.refresh(template)
    assert (template.name, template.slug, template.locally_edited) == ("Burenthee", template.slug, True)
    assert "burenthee" in template.fts_name.split()
    assert db.session.scalar(sa.select(AuditEntry.actor_id).where(AuditEntry.action == "template.updated")) == admin.id


def test_a_form_with_mistakes_says_what_is_wrong_per_field_in_dutch_and_stores_nothing(client, count_statements):
    client.login(make_user("Cor", is_coordinator=True))
    wrong = {
        "target_groups-0-wording": "Zonder groep",
        "target_groups-1-group": "kinderen",
        "target_groups-1-min_age": "12",
        "target_groups-1-max_age": "4",
        "steps-0-explanation": "Uitleg zonder titel",
        "links": "geen-link",
        "name": "x" * 151,
    }
    with count_statements() as counter:
        page = client.post("/aanpakken/nieuw", wrong).get_data(as_text=True)
    assert counter.writes == []
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Template)) == 0
    summary = re.search(r'id="foutmeldingen".*?</ul>', page, re.S).group(0)
    for message in (
        "Gebruik hoogstens 150 tekens.",
        "Schrijf in één zin wat de aanpak is.",
        "Schrijf op wat de aanpak wil bereiken.",
        "Beschrijf hoe de aanpak werkt.",
        "Kies minstens één probleem.",
        "Kies minstens één oplossingsrichting.",
        "Kies bij welke groep deze regel hoort.",
        "Geef deze stap een titel.",
        "Zet op elke regel één webadres dat begint met https://.",
        "Kies het niveau van erkenning.",
        "Kies wat voor beschrijving het is.",
    ):
        assert message in summary, message
    # Each row's message also stands next to its own field.
    assert re.search(r'id="target_groups-1-max_age-error">De leeftijd \'tot en met\'', page)
    assert re.search(r'id="steps-0-title-error">Geef deze stap een titel.<', page)
