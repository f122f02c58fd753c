import sqlalchemy as sa

from app.core.audit import AuditEntry
from app.extensions import db
from app.places.models import Municipality, Neighbourhood
from tests.factories import make_neighbourhood, make_user


def _count(model) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def test_an_admin_adds_a_municipality_and_its_coordinator_a_neighbourhood(client):
    ada = make_user("Ada", is_admin=True)
    client.login(ada).post("/beheer/gemeenten/nieuw", {"name": "Amersfoort"})
    amersfoort = db.session.scalar(sa.select(Municipality).where(Municipality.name == "Amersfoort"))
    cor = make_user("Cor", is_coordinator=True, scope=[amersfoort])
    client.login(cor).post(
        "/beheer/buurten/nieuw",
        {
            "municipality_id": amersfoort.id,
            "name": "Kruiskamp",
            "cbs_code": "bu03070401",
            "homes": "2100",
            "postcodes": "3814, 3813 3813",
        },
    )
    hood = db.session.scalar(sa.select(Neighbourhood).where(Neighbourhood.name == "Kruiskamp"))
    assert (hood.cbs_code, hood.homes, hood.postcodes) == ("BU03070401", 2100, ["3813", "3814"])
    assert 'value="3813 3814"' in client.get(f"/beheer/buurten/{hood.id}").get_data(as_text=True)
    assert "Kruiskamp" in client.get("/beheer/buurten").get_data(as_text=True)
    actions = db.session.scalars(sa.select(AuditEntry.action).where(AuditEntry.actor_id.in_([ada.id, cor.id])))
    assert actions.all() == ["municipality.saved", "neighbourhood.saved"]


def test_only_an_admin_adds_a_municipality(client):
    client.login(make_user("Cor", is_coordinator=True))
    assert client.get("/beheer/gemeenten/nieuw").status_code == 403
    assert client.post("/beheer/gemeenten/nieuw", {"name": "Utrecht"}).status_code == 403
    assert "Gemeente toevoegen" not in client.get("/beheer/buurten").get_data(as_text=True)
    assert _count(Municipality) == 0


def test_neighbourhood_form_with_bad_input_explains_each_field_and_stores_nothing(client):
    hood = make_neighbourhood("Kruiskamp")
    before = _count(Neighbourhood)
    page = (
        client.login(make_user("Cor", is_coordinator=True))
        .post(
            "/beheer/buurten/nieuw",
            {
                "municipality_id": hood.municipality_id,
                "name": "",
                "cbs_code": "12345",
                "homes": "-3",
                "postcodes": "38",
            },
        )
        .get_data(as_text=True)
    )
    for message in (
        "Vul de naam van de buurt in.",
        "Een CBS-code is BU of WK met 8 cijfers",
        "Vul een aantal van 0",
        "Een postcode is vier cijfers, bijvoorbeeld 3813.",
    ):
        assert message in page
    assert _count(Neighbourhood) == before


def test_a_cbs_code_and_a_name_in_a_municipality_are_unique(client):
    hood = make_neighbourhood("Kruiskamp", cbs_code="BU03070401")
    client.login(make_user("Cor", is_coordinator=True))
    page = client.post(
        "/beheer/buurten/nieuw", {"municipality_id": hood.municipality_id, "name": "Kruiskamp"}
    ).get_data(as_text=True)
    assert "Deze gemeente heeft al een buurt met deze naam." in page
    page = client.post(
        f"/beheer/buurten/{hood.id}",
        {"municipality_id": hood.municipality_id, "name": "Kruiskamp", "cbs_code": "BU03070401", "homes": "10"},
    )
    assert page.status_code == 302  # its own code is no conflict
    other = make_neighbourhood("Liendert", municipality=db.session.get(Municipality, hood.municipality_id))
    page = client.post(
        f"/beheer/buurten/{other.id}",
        {"municipality_id": hood.municipality_id, "name": "Liendert", "cbs_code": "BU03070401"},
    ).get_data(as_text=True)
    assert "Deze CBS-code hoort al bij een andere buurt." in page


def test_municipality_form_with_bad_input_explains_it_and_stores_nothing(client):
    client.login(make_user("Ada", is_admin=True))
    page = client.post("/beheer/gemeenten/nieuw", {"name": ""}).get_data(as_text=True)
    assert "Vul de naam van de gemeente in." in page
    assert _count(Municipality) == 0


def test_an_admin_pastes_a_list_of_neighbourhoods(client):
    """Issue 24, item 15: neighbourhoods came one form at a time. A pasted list (from a text or
    a spreadsheet, with tabs) adds them all, each checked as one, or none with the reason."""
    hood = make_neighbourhood("Kruiskamp")
    municipality_id = hood.municipality_id
    admin = make_user("Anja", is_admin=True)
    client.login(admin)
    assert "Buurten toevoegen als lijst" in client.get("/beheer/buurten").get_data(as_text=True)
    before = _count(Neighbourhood)
    pasted = "Liendert; BU03070701; 2.450; 3822 3823\nSchothorst\tBU03070801\t3100\n\nRustenburg\n"
    response = client.post("/beheer/buurten/lijst", {"municipality_id": municipality_id, "lines": pasted})
    assert response.status_code == 302 and _count(Neighbourhood) == before + 3
    liendert = db.session.scalar(sa.select(Neighbourhood).where(Neighbourhood.name == "Liendert"))
    assert (liendert.cbs_code, liendert.homes, liendert.postcodes) == ("BU03070701", 2450, ["3822", "3823"])
    assert liendert.municipality_id == municipality_id
    page = client.post("/beheer/buurten/lijst", {"municipality_id": municipality_id, "lines": "Vathorst\nKruiskamp"})
    assert "Kruiskamp: Deze gemeente heeft al een buurt met deze naam." in page.get_data(as_text=True)
    page = client.post("/beheer/buurten/lijst", {"municipality_id": municipality_id, "lines": "Vathorst; BU12"})
    assert "Regel 1: een CBS-code is BU of WK met 8 cijfers." in page.get_data(as_text=True)
    page = client.post("/beheer/buurten/lijst", {"municipality_id": municipality_id, "lines": "Vathorst;;;3825 AB"})
    assert "Regel 1: een postcode is vier cijfers, bijvoorbeeld 3813." in page.get_data(as_text=True)
    assert _count(Neighbourhood) == before + 3  # Vathorst neither time
