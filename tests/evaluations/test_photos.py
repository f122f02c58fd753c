"""Issue 13, part 5: photos of an activity. The content decides what a file is, EXIF (GPS)
is gone, an upload over the limit is refused, and the public sees a photo only with consent."""

import io
import re

import pytest
import sqlalchemy as sa
from flask import render_template
from PIL import ExifTags, Image

from app.core.errors import RuleViolated
from app.core.resubmit import FORM_OVERHEAD, OVERSIZE
from app.evaluations import images
from app.evaluations.models import Evaluation, Photo
from app.evaluations.services import public_story
from app.extensions import db
from tests.evaluations.helpers import activity_that_took_place, team_with_people

GPS = ExifTags.IFD.GPSInfo
pytestmark = pytest.mark.usefixtures("storage")  # every test on disk and in a bucket


def _image_with_gps(image_format: str) -> bytes:
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "Telefoon"
    exif[GPS] = {ExifTags.GPS.GPSLatitudeRef: "N", ExifTags.GPS.GPSLatitude: (52.0, 9.0, 30.0)}
    out = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 120, 40)).save(out, image_format, exif=exif.tobytes())
    return out.getvalue()


def _upload(
    client, team, activity, data: bytes, name: str, consent: bool = True, description: str = "Buren op het plein"
):
    form = {"photo": (io.BytesIO(data), name), "description": description} | ({"consent": "y"} if consent else {})
    return client.post(f"/teams/{team.id}/activiteiten/{activity.id}/fotos", form)


def _photos(activity) -> list[Photo]:
    return list(db.session.scalars(sa.select(Photo).where(Photo.activity_id == activity.id)))


@pytest.mark.parametrize("image_format", ["JPEG", "PNG"])
def test_a_photo_with_gps_exif_is_stored_without_it(client, storage, image_format):
    team, trekker, _member = team_with_people()
    activity = activity_that_took_place(team, trekker)
    original = _image_with_gps(image_format)
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(GPS)  # the test photo has a position

    response = _upload(client.login(trekker), team, activity, original, "IMG_2041.jpeg")
    assert response.status_code == 302
    [photo] = _photos(activity)
    stored = storage.read("photos", photo.file_name)
    with Image.open(io.BytesIO(stored)) as image:
        assert image.format == image_format and image.size == (40, 30)
        assert len(image.getexif()) == 0 and not image.getexif().get_ifd(GPS)
    assert b"Exif" not in stored and b"Telefoon" not in stored
    assert "IMG_2041" not in photo.file_name and len(photo.file_name) == 36


def test_a_file_that_is_no_image_but_named_jpg_is_refused(client, storage):
    team, trekker, _member = team_with_people()
    activity = activity_that_took_place(team, trekker)
    response = _upload(client.login(trekker), team, activity, b"%PDF-1.7 not a photo at all", "vakantie.jpg")
    page = client.get(response.location).get_data(as_text=True)
    assert "Dit bestand is geen foto. Kies een foto in JPEG- of PNG-formaat." in page
    assert _photos(activity) == []
    assert not list(storage.names("photos"))


def test_a_gif_is_refused_whatever_its_name(client):
    team, trekker, _member = team_with_people()
    activity = activity_that_took_place(team, trekker)
    gif = io.BytesIO()
    Image.new("RGB", (4, 4)).save(gif, "GIF")
    _upload(client.login(trekker), team, activity, gif.getvalue(), "foto.png")
    assert _photos(activity) == []


LIMIT = 100_000  # under the test client's 500 kB, above which it leaves a temporary file open


def test_a_photo_over_the_limit_brings_the_form_back_naming_the_limit(client, app, monkeypatch):
    """Issue 24, item 7: the page with the form comes back, the limit named at the field and
    the consent as it was ticked; no dead end."""
    monkeypatch.setitem(app.config, "PHOTO_MAX_BYTES", LIMIT)
    team, trekker, _member = team_with_people()
    activity = activity_that_took_place(team, trekker)
    response = _upload(client.login(trekker), team, activity, b"\xff" * (LIMIT + 1), "groot.jpg")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Dit bestand is 0,1 MB. Er past hoogstens 0,1 MB: kies een kleiner bestand." in page
    assert 'id="photo-error"' in page and re.search(r'<input[^>]* checked [^>]*id="consent"', page)
    assert _photos(activity) == []


def test_a_body_far_over_the_photo_limit_is_refused_unread_with_the_limit_named(client, app, monkeypatch):
    monkeypatch.setitem(app.config, "PHOTO_MAX_BYTES", LIMIT)
    team, trekker, _member = team_with_people()
    activity = activity_that_took_place(team, trekker)
    data = b"\xff" * (OVERSIZE * LIMIT + FORM_OVERHEAD + 1)
    response = _upload(client.login(trekker), team, activity, data, "groot.jpg")
    assert response.status_code == 413
    assert "Dit bestand is te groot: hoogstens 0,1 MB. Kies een kleiner bestand." in response.get_data(as_text=True)
    assert "Foto toevoegen" in response.get_data(as_text=True)
    assert _photos(activity) == []


def _png(width: int, height: int) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), (200, 120, 40)).save(out, "PNG")
    return out.getvalue()


def test_a_small_png_of_6300_by_6300_pixels_is_refused(client, storage):
    """Issue 23, finding 13: a 131 KB PNG of 6,300 x 6,300 pixels cost about 1.9 s of worker
    time to decode and re-encode. Now it has more pixels than a phone's photo: refused."""
    team, trekker, _member = team_with_people()
    activity = activity_that_took_place(team, trekker)
    bomb = _png(6300, 6300)
    assert len(bomb) < 200 * 1024
    response = _upload(client.login(trekker), team, activity, bomb, "IMG_2042.png")
    page = client.get(response.location).get_data(as_text=True)
    assert "Deze foto heeft te veel pixels." in page
    assert _photos(activity) == [] and not list(storage.names("photos"))


def test_the_pixel_count_is_read_from_the_header_before_anything_is_decoded(app):
    # The header and the start of the pixel data only: a decoder would find the file broken.
    header = _png(6300, 6300)[:64]
    with app.test_request_context():
        with pytest.raises(RuleViolated) as refused:
            images.clean_photo(io.BytesIO(header))
        assert "te veel pixels" in str(refused.value.message)


def test_a_phone_photo_of_24_megapixels_is_taken(client):
    team, trekker, _member = team_with_people()
    activity = activity_that_took_place(team, trekker)
    photo = io.BytesIO()
    Image.new("RGB", (5712, 4284), (200, 120, 40)).save(photo, "JPEG")
    assert _upload(client.login(trekker), team, activity, photo.getvalue(), "IMG_2043.jpeg").status_code == 302
    assert len(_photos(activity)) == 1


def test_the_rest_of_the_app_keeps_the_smaller_limit(client, app):
    team, trekker, _member = team_with_people()
    activity = activity_that_took_place(team, trekker)
    url = f"/teams/{team.id}/activiteiten/{activity.id}/terugkijken/invullen"
    too_much = "x" * (app.config["MAX_CONTENT_LENGTH"] + 1)
    assert client.login(trekker).post(url, {"story": too_much}).status_code == 413


def _fetch(client, photo):
    """GET the photo and close the file it streams (a test reads no further)."""
    response = client.get(f"/fotos/{photo.id}")
    response.close()
    return response


def _photo_of(activity, consent: bool) -> Photo:
    photo = Photo(activity_id=activity.id, consent=consent, file_name=images.store(_image_with_gps("PNG"), ".png"))
    db.session.add(photo)
    db.session.flush()
    return photo


def _public_story(activity, public: bool = True) -> None:
    db.session.add(Evaluation(activity_id=activity.id, story="Een mooie middag.", story_public=public))
    db.session.flush()


def test_a_photo_without_consent_is_not_served_to_a_visitor(client):
    team, trekker, member = team_with_people()
    activity = activity_that_took_place(team, trekker)
    _public_story(activity)
    photo = _photo_of(activity, consent=False)
    assert _fetch(client, photo).status_code == 404
    response = _fetch(client.login(member), photo)
    assert response.status_code == 200 and response.mimetype == "image/png"
    assert "no-store" in response.headers["Cache-Control"]


def test_a_photo_with_consent_is_public_next_to_a_public_story(client):
    team, trekker, _member = team_with_people()
    activity = activity_that_took_place(team, trekker)
    _public_story(activity)
    with_consent, without = _photo_of(activity, consent=True), _photo_of(activity, consent=False)
    assert _fetch(client, with_consent).status_code == 200
    story = public_story(activity)
    assert story.story == "Een mooie middag." and story.photos == [with_consent]
    assert without not in story.photos


def test_no_shared_cache_keeps_a_public_photo_after_consent_is_withdrawn(client):
    """Issue 23, finding 14: a public photo was `public, max-age=600`, so a shared proxy could
    serve it ten minutes after consent was withdrawn. Now only the visitor's own browser keeps
    it, and it asks each time: after the withdrawal the answer is 404."""
    team, trekker, _member = team_with_people()
    activity = activity_that_took_place(team, trekker)
    _public_story(activity)
    photo = _photo_of(activity, consent=True)
    response = _fetch(client, photo)
    directives = {d.strip() for d in response.headers["Cache-Control"].split(",")}
    assert response.status_code == 200 and directives == {"private", "no-cache"}
    etag = response.headers["ETag"]
    assert client.get(f"/fotos/{photo.id}", headers={"If-None-Match": etag}).status_code == 304
    photo.consent = False
    db.session.flush()
    assert client.get(f"/fotos/{photo.id}", headers={"If-None-Match": etag}).status_code == 404


@pytest.mark.parametrize("hidden", ["story_private", "activity_private"])
def test_consent_alone_does_not_make_a_photo_public(client, hidden):
    team, trekker, _member = team_with_people()
    activity = activity_that_took_place(team, trekker, public=hidden != "activity_private")
    _public_story(activity, public=hidden != "story_private")
    photo = _photo_of(activity, consent=True)
    assert _fetch(client, photo).status_code == 404
    assert public_story(activity) is None


def test_a_planner_deletes_a_photo_and_its_file(client, storage):
    team, trekker, member = team_with_people()
    activity = activity_that_took_place(team, trekker)
    photo = _photo_of(activity, consent=True)
    file_name = photo.file_name
    assert storage.read("photos", file_name) is not None
    response = client.login(member).post(f"/teams/{team.id}/fotos/{photo.id}/verwijderen")
    assert response.status_code == 302
    assert _photos(activity) == [] and storage.read("photos", file_name) is None


def test_the_public_story_include_shows_the_story_and_the_photos_with_consent(app):
    team, trekker, _member = team_with_people()
    activity = activity_that_took_place(team, trekker)
    _public_story(activity)
    with_consent, without = _photo_of(activity, consent=True), _photo_of(activity, consent=False)
    with app.test_request_context():
        html = render_template("evaluations/_public_story.html", **vars(public_story(activity)))
    assert "Een mooie middag." in html and f'src="/fotos/{with_consent.id}"' in html
    assert f"/fotos/{without.id}" not in html


def test_the_uploaders_description_is_the_photos_text_and_it_is_asked_for(client):
    """WCAG 1.1.1: every photo was "Foto 1 van de activiteit" to whoever could not see it.
    The upload asks what the photo shows, and that text is its alternative."""
    team, trekker, _member = team_with_people()
    activity = activity_that_took_place(team, trekker)
    client.login(trekker)
    refused = _upload(client, team, activity, _image_with_gps("PNG"), "a.png", description=" ")
    # The page comes back with the form and the message (core.resubmit), nothing stored.
    assert "Beschrijf kort wat er op de foto staat." in refused.get_data(as_text=True)
    assert _photos(activity) == []

    response = _upload(client, team, activity, _image_with_gps("PNG"), "a.png", description="Buren planten bloemen")
    [photo] = _photos(activity)
    assert photo.description == "Buren planten bloemen"
    page = client.get(response.location).get_data(as_text=True)
    assert f'<img src="/fotos/{photo.id}" alt="Buren planten bloemen" lang="nl"' in page
