"""The template page's meta line and practice figures say something, or nothing."""

import re

from app.activities.models import ActivityStatus
from app.extensions import db
from tests.factories import make_activity, make_neighbourhood, make_team, make_template, make_user


def _meta(page: str) -> str:
    return re.search(r'<p class="meta">(.*?)</p>', page).group(1)


def test_a_practice_example_says_so_once_and_other_forms_stand_next_to_the_recognition(client):
    example = make_template("Buurtkoffie", recognition="praktijkvoorbeeld", form="praktijkvoorbeeld")
    method = make_template("Buurtbemiddeling", recognition="erkend_goed_onderbouwd", form="interventiebeschrijving")
    assert _meta(client.get(f"/aanpakken/{example.slug}").get_data(as_text=True)) == "Voorbeeld uit de praktijk"
    assert _meta(client.get(f"/aanpakken/{method.slug}").get_data(as_text=True)) == (
        "Erkend: duidelijk waarom het werkt · Uitgewerkte aanpak"
    )


def test_the_figures_appear_once_a_team_uses_the_template_and_zeros_stay_hidden(client):
    template = make_template("Straatfeest")
    page = client.get(f"/aanpakken/{template.slug}").get_data(as_text=True)
    assert "In de praktijk" not in page
    assert "<strong>0</strong>" not in page

    hood = make_neighbourhood()
    anna = make_user("Anna", hood)
    make_activity(make_team(hood, anna), anna, template)  # adopted, still an idea
    db.session.commit()  # cached pages and values show what was committed
    page = client.get(f"/aanpakken/{template.slug}").get_data(as_text=True)
    assert "In de praktijk" in page
    assert re.search(r"<strong>1</strong> team gebruikt deze aanpak", page)
    assert "<strong>0</strong>" not in page

    make_activity(make_team(hood, anna), anna, template, ActivityStatus.DONE, actual_participants=7)
    db.session.commit()  # cached pages and values show what was committed
    page = client.get(f"/aanpakken/{template.slug}").get_data(as_text=True)
    assert re.search(r"<strong>1</strong> activiteit gedaan", page)
    assert re.search(r"<strong>7</strong> deelnemers bereikt", page)
