"""Issue 27 item 1: a public page previews well when its link is shared (Open Graph and
Twitter card tags from the page's own data, absolute links on PUBLIC_BASE_URL), a public
activity carries its schema.org Event, and a "Delen" block offers plain links. Private and
team-only pages carry none of it."""

import html
import re
from datetime import datetime, timedelta
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from app.activities.models import ActivityStatus
from app.core.models import utcnow
from app.evaluations.models import Evaluation, Photo
from app.extensions import db
from tests.agenda.helpers import make_public_activity
from tests.factories import make_neighbourhood, make_team, make_template, make_user

BASE = "https://buurtmakers.test"
DEFAULT_IMAGE = f"{BASE}/static/images/delen.png"


@pytest.fixture
def hood():
    return make_neighbourhood("Kruiskamp")


@pytest.fixture
def trekker(hood):
    return make_user("Fatima Trekker", hood)


@pytest.fixture
def team(hood, trekker):
    return make_team(hood, trekker, name="Pruimengaarde Samen", question="Een groene binnentuin voor iedereen.")


def page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.get_data(as_text=True)


def meta(text: str) -> dict[str, str]:
    """The page's share tags: property or name -> content, unescaped."""
    found = re.findall(r'<meta (?:property|name)="((?:og|twitter):[^"]+|description)" content="([^"]*)">', text)
    return {key: html.unescape(value) for key, value in found}


class _Microdata(HTMLParser):
    """The schema.org items of a page as dicts (a property's last value where it repeats)."""

    def __init__(self):
        super().__init__()
        self.items: list[dict] = []
        self.open: list[dict | None] = []  # per open <div>: its item, or None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        scope = next((item for item in reversed(self.open) if item is not None), None)
        if "itemscope" in attrs:
            item = {"@type": attrs["itemtype"].removeprefix("https://schema.org/")}
            if "itemprop" in attrs and scope is not None:
                scope[attrs["itemprop"]] = item
            else:
                self.items.append(item)
            self.open.append(item)
        elif tag in ("meta", "link") and "itemprop" in attrs and scope is not None:
            scope[attrs["itemprop"]] = attrs.get("content", attrs.get("href"))
        elif tag == "div":
            self.open.append(None)

    def handle_endtag(self, tag):
        if tag == "div" and self.open:
            self.open.pop()


def event_of(text: str) -> dict:
    reader = _Microdata()
    reader.feed(text)
    assert len(reader.items) == 1
    return reader.items[0]


def test_a_public_activity_previews_with_its_own_title_date_place_and_link(client, team):
    activity = make_public_activity(team, "Burendag in de tuin", description="Koffie   en\ntaart voor de hele flat.")
    tags = meta(page(client, f"/activiteiten/{activity.id}"))
    url = f"{BASE}/activiteiten/{activity.id}"
    assert tags["og:title"] == tags["twitter:title"] == "Burendag in de tuin"
    assert tags["og:url"] == url
    assert tags["og:image"] == tags["twitter:image"] == DEFAULT_IMAGE
    assert tags["twitter:card"] == "summary_large_image"
    assert tags["og:site_name"] == "Buurtmakers"
    # Date, place and the team's own words, on one plain line.
    assert "Binnentuin Pruimengaarde" in tags["og:description"]
    assert tags["og:description"].endswith("Koffie en taart voor de hele flat.")
    assert tags["og:description"] == tags["twitter:description"] == tags["description"]


def test_the_activity_page_carries_a_schema_org_event_organised_by_the_team(client, team):
    activity = make_public_activity(team, "Burendag", location="Buurthuis De Kruiskamp")
    activity.ends_at = activity.starts_at + timedelta(hours=3)
    event = event_of(page(client, f"/activiteiten/{activity.id}"))
    assert event["@type"] == "Event" and event["name"] == "Burendag"
    assert event["eventStatus"] == "https://schema.org/EventScheduled"
    assert event["location"]["name"] == "Buurthuis De Kruiskamp"
    assert event["location"]["address"] == "Buurthuis De Kruiskamp, Kruiskamp"
    assert event["organizer"] == {"@type": "Organization", "name": team.name, "url": f"{BASE}/teams/{team.id}"}
    assert event["url"] == f"{BASE}/activiteiten/{activity.id}"
    # Local time with its offset: a calendar app shows the hour the team meant.
    assert event["startDate"].endswith(("+01:00", "+02:00"))
    assert datetime.fromisoformat(event["startDate"]) == activity.starts_at
    assert datetime.fromisoformat(event["endDate"]) == activity.ends_at


def test_a_cancelled_activity_says_so_in_its_event_and_preview(client, team):
    activity = make_public_activity(team, "Burendag", status=ActivityStatus.CANCELLED, cancel_reason="Regen")
    text = page(client, f"/activiteiten/{activity.id}")
    assert event_of(text)["eventStatus"] == "https://schema.org/EventCancelled"
    assert meta(text)["og:description"].startswith("Gaat niet door.")


def test_what_a_team_typed_cannot_break_out_of_the_tags_or_the_json(client, team):
    sneaky = '</script><script>alert(1)</script>" onload="x'
    activity = make_public_activity(team, sneaky, description='<b>vet</b> & "zo"')
    text = page(client, f"/activiteiten/{activity.id}")
    assert "<script>alert(1)" not in text
    assert meta(text)["og:title"] == sneaky
    assert event_of(text)["name"] == sneaky
    assert meta(text)["og:description"].endswith('<b>vet</b> & "zo"')


def test_once_the_story_is_public_the_activity_previews_with_it_and_its_consented_photo(client, team):
    activity = make_public_activity(team, "Burendag", utcnow() - timedelta(days=3), status=ActivityStatus.EVALUATED)
    db.session.add(
        Evaluation(activity_id=activity.id, story="Veertig buren kwamen, de taart was op.", story_public=True)
    )
    db.session.add(Photo(activity_id=activity.id, file_name="geen-toestemming.png", consent=False))
    db.session.flush()
    shown = Photo(activity_id=activity.id, file_name="met-toestemming.png", consent=True, description="Buren aan tafel")
    db.session.add(shown)
    db.session.flush()
    tags = meta(page(client, f"/activiteiten/{activity.id}"))
    assert tags["og:description"] == "Veertig buren kwamen, de taart was op."
    assert tags["og:image"] == f"{BASE}/fotos/{shown.id}"
    assert tags["og:image:alt"] == "Buren aan tafel"
    assert "og:image:width" not in tags  # only the default image's size is known


def test_a_long_text_is_cut_after_a_whole_word(client, team):
    activity = make_public_activity(team, "Burendag", description="woord " * 100)
    description = meta(page(client, f"/activiteiten/{activity.id}"))["og:description"]
    assert len(description) <= 200 and description.endswith("woord…")


def test_the_team_page_previews_with_the_teams_own_words(client, hood, team, trekker):
    tags = meta(page(client, f"/teams/{team.id}"))
    assert tags["og:title"] == "Pruimengaarde Samen"
    assert tags["og:description"] == "Een groene binnentuin voor iedereen."
    assert tags["og:url"] == f"{BASE}/teams/{team.id}"
    assert tags["og:image"] == DEFAULT_IMAGE and tags["og:image:width"] == "1200"
    # "Over ons" says more than the question that started it, when the team wrote it.
    other = make_team(hood, trekker, name="Flat Lindelaan", description="Wij zijn de buren van de flat.")
    assert meta(page(client, f"/teams/{other.id}"))["og:description"] == "Wij zijn de buren van de flat."


def test_a_page_without_a_consented_photo_previews_with_the_default_image(client, team, app):
    assert meta(page(client, "/wat-bewoners-samen-doen"))["og:image"] == DEFAULT_IMAGE
    assert (Path(app.static_folder) / "images/delen.png").read_bytes().startswith(b"\x89PNG")


def test_a_template_previews_with_its_summary(client):
    template = make_template("Portiekgesprekken", summary="Buren praten met elkaar in het trappenhuis.")
    tags = meta(page(client, f"/aanpakken/{template.slug}"))
    assert tags["og:title"] == "Portiekgesprekken"
    assert tags["og:description"] == "Buren praten met elkaar in het trappenhuis."
    assert tags["og:url"] == f"{BASE}/aanpakken/{template.slug}"


def test_the_impact_page_previews_with_the_first_consented_photo_of_its_stories(client, team):
    activity = make_public_activity(team, "Burendag", utcnow() - timedelta(days=3), status=ActivityStatus.EVALUATED)
    db.session.add(Evaluation(activity_id=activity.id, story="Het was gezellig.", story_public=True))
    photo = Photo(activity_id=activity.id, file_name="feest.png", consent=True)
    db.session.add(photo)
    db.session.flush()
    tags = meta(page(client, "/wat-bewoners-samen-doen"))
    assert tags["og:title"] == "Wat bewoners samen doen"
    assert tags["og:image"] == f"{BASE}/fotos/{photo.id}"
    assert tags["og:url"] == f"{BASE}/wat-bewoners-samen-doen"


def test_the_share_block_has_plain_links_and_no_script_of_anyone_else(client, team):
    activity = make_public_activity(team, "Burendag & co")
    text = page(client, f"/activiteiten/{activity.id}")
    url = f"{BASE}/activiteiten/{activity.id}"
    whatsapp = html.unescape(re.search(r'href="(https://wa\.me/\?text=[^"]+)"', text).group(1))
    assert unquote(whatsapp.split("text=", 1)[1]) == f"Burendag & co {url}"
    mailto = html.unescape(re.search(r'href="(mailto:\?[^"]+)"', text).group(1))
    fields = {key: values[0] for key, values in parse_qs(urlsplit(mailto).query).items()}
    assert fields["subject"] == "Burendag & co" and fields["body"].endswith(url)
    assert f'readonly value="{url}"' in text
    assert f'href="/activiteiten/{activity.id}/poster"' in text
    sources = re.findall(r'<script[^>]*src="([^"]+)"', text)
    assert all(src.startswith("/static/") for src in sources)


def _has_share_tags(text: str) -> bool:
    return bool(meta(text)) or "itemscope" in text or 'id="delen"' in text


def test_private_and_team_only_pages_carry_none_of_it(client, team, trekker):
    plan = make_public_activity(team, "Alleen voor het team", is_public=False)
    assert client.get(f"/activiteiten/{plan.id}").status_code == 404
    client.login(trekker)
    for url in (
        f"/teams/{team.id}/activiteiten/{plan.id}",
        f"/teams/{team.id}/activiteiten",
        f"/teams/{team.id}/leden",
        "/account",
        "/account/berichten",
    ):
        text = page(client, url)
        assert not _has_share_tags(text), url
    # The public pages keep theirs for a logged-in reader too.
    assert _has_share_tags(page(client, f"/teams/{team.id}"))
