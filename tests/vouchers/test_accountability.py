"""The accountability through the team's pages: receipts checked by their content, kept
outside static/ under random names and served only to who may see them; actual costs per
line, participants from the activity's evaluation, and a coordinator's comment on top.
The tests of the receipts' files run on disk and in an S3 bucket (the `storage` fixture)."""

import io
import re
from pathlib import Path

import pytest
import sqlalchemy as sa

from app.core.resubmit import FORM_OVERHEAD, OVERSIZE
from app.extensions import db
from app.money.requests.models import Accountability, Advice, Outcome, Receipt, RequestStatus
from app.money.review import services as review
from app.money.settlement import services as settlement
from config import Config
from tests.factories import make_request, make_user
from tests.vouchers.helpers import PDF, account_form, jpeg, money_world, page_of, png, snapshot, took_place

pytestmark = pytest.mark.usefixtures("ctx")


@pytest.fixture
def paid():
    """A request awarded €100 and paid out; the activity took place, 14 people came."""
    world = money_world()
    request = make_request(world.team, world.trekker, world.fund, world.activity)
    review.assess(world.chair, request, Advice.AWARD, None, "")
    review.assess(world.regie, request, Advice.AWARD, None, "")
    review.decide(world.chair, request, Outcome.AWARDED, 100_00, "")
    settlement.pay_out(world.coordinator, request)
    took_place(world.activity)
    world.activity.actual_participants = 14
    db.session.flush()
    return world, request


def _url(world, request, tail="") -> str:
    return f"/teams/{world.team.id}/vouchers/{request.id}{tail}"


def _upload(client, world, request, data: bytes, name: str, title: str = "Bouwmarkt"):
    return client.post(_url(world, request, "/bonnen"), {"title": title, "file": (io.BytesIO(data), name)})


def _receipts(request) -> list[Receipt]:
    return list(db.session.scalars(sa.select(Receipt).where(Receipt.request_id == request.id)))


@pytest.mark.parametrize(
    ("content", "name", "mimetype"),
    [(PDF, "bon.pdf", "application/pdf"), (jpeg(), "IMG_0001.JPG", "image/jpeg"), (png(), "scan.png", "image/png")],
)
def test_a_receipt_is_taken_by_its_content_and_kept_outside_static_under_a_random_name(
    client, paid, storage, content, name, mimetype
):
    world, request = paid
    response = _upload(client.login(world.trekker), world, request, content, name)
    assert response.status_code == 200 and "De bon is toegevoegd." in page_of(response)
    [receipt] = _receipts(request)
    stored = storage.read(settlement.RECEIPTS, receipt.file_name)
    assert len(stored) == receipt.size and receipt.mimetype == mimetype
    assert Path("app/static").resolve() not in Path(Config.UPLOAD_FOLDER).resolve().parents
    assert Path(name).stem not in receipt.file_name and len(receipt.file_name) == 36
    served = client.get(_url(world, request, f"/bonnen/{receipt.id}"))
    served.close()
    assert served.status_code == 200 and served.mimetype == mimetype
    assert served.headers["X-Content-Type-Options"] == "nosniff"
    assert served.headers["Cache-Control"] == "no-store"
    assert served.headers["Content-Disposition"].startswith("attachment") == (mimetype == "application/pdf")


@pytest.mark.parametrize(
    ("content", "name"),
    [
        (b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + b"\x00" * 200, "bon.pdf"),  # a program, renamed
        (b"<html><script>alert(1)</script></html>", "bon.png"),
        (b"%PDF-1.4 but it never ends", "bon.pdf"),
    ],
)
def test_what_is_no_receipt_is_refused_and_nothing_is_kept(client, paid, storage, content, name):
    world, request = paid
    page = page_of(_upload(client.login(world.trekker), world, request, content, name))
    assert "Dit bestand is geen bon. Kies een PDF, of een foto in JPEG- of PNG-formaat." in page
    assert _receipts(request) == [] and not list(storage.names(settlement.RECEIPTS))


@pytest.mark.parametrize(
    ("data", "message"), [({"title": "Bon"}, "Kies het bestand van de bon."), ({}, "Schrijf kort")]
)
def test_a_receipt_form_without_file_or_title_changes_nothing(client, paid, data, message):
    world, request = paid
    form = data | ({"file": (io.BytesIO(PDF), "bon.pdf")} if "title" not in data else {})
    response = client.login(world.trekker).post(_url(world, request, "/bonnen"), form)
    assert message in page_of(response)
    assert _receipts(request) == []


LIMIT = 100_000  # under the test client's 500 kB, above which it leaves a temporary file open


def test_a_receipt_over_the_limit_brings_the_form_back_with_the_limit_and_the_typed_text(
    client, paid, monkeypatch, app
):
    """Issue 24, item 7: no dead end. The page comes back with a message that names the limit,
    and with the accountability text typed in the same form (the file is read to say so)."""
    monkeypatch.setitem(app.config, "RECEIPT_MAX_BYTES", LIMIT)
    world, request = paid
    form = account_form(request, report="Het ging goed, we kochten verf.") | {
        "title": "Bouwmarkt",
        "file": (io.BytesIO(b"%PDF-" + b"0" * LIMIT), "groot.pdf"),
    }
    response = client.login(world.trekker).post(_url(world, request, "/bonnen"), form)
    page = page_of(response)
    assert response.status_code == 200 and "Er past hoogstens 0,1 MB" in page
    assert "Het ging goed, we kochten verf.</textarea>" in page and 'value="Bouwmarkt"' in page
    assert _receipts(request) == []


def test_a_body_far_over_the_limit_is_not_read_and_still_names_the_limit(client, paid, monkeypatch, app):
    monkeypatch.setitem(app.config, "RECEIPT_MAX_BYTES", LIMIT)
    world, request = paid
    data = b"%PDF-" + b"0" * (OVERSIZE * LIMIT + FORM_OVERHEAD)
    response = _upload(client.login(world.trekker), world, request, data, "groot.pdf")
    page = page_of(response)
    assert response.status_code == 413 and "Dit bestand is te groot: hoogstens 0,1 MB." in page
    assert "Verantwoording indienen" in page  # the form, not a dead end
    assert _receipts(request) == []


@pytest.mark.usefixtures("storage")
def test_receipts_are_served_to_trekkers_the_regie_group_and_staff_only(client, paid):
    """404 for the rest, also for a team member who reads the request: like a photo
    without consent, the file simply does not exist for them, whatever id they try."""
    world, request = paid
    _upload(client.login(world.trekker), world, request, PDF, "bon.pdf")
    [receipt] = _receipts(request)
    url = _url(world, request, f"/bonnen/{receipt.id}")
    for person, status in (
        (world.trekker, 200),
        (world.chair, 200),
        (world.regie, 200),
        (world.coordinator, 200),
        (world.member, 404),
        (make_user("Rosa Resident"), 404),
    ):
        response = client.login(person).get(url)
        response.close()
        assert response.status_code == status, person.name


def test_a_receipt_is_reached_only_through_its_own_request_and_team(client, paid):
    world, request = paid
    other = money_world()
    theirs = make_request(other.team, other.trekker, other.fund, other.activity)
    _upload(client.login(world.trekker), world, request, PDF, "bon.pdf")
    [receipt] = _receipts(request)
    for url in (
        f"/teams/{other.team.id}/vouchers/{request.id}/bonnen/{receipt.id}",  # another team
        f"/teams/{other.team.id}/vouchers/{theirs.id}/bonnen/{receipt.id}",  # another request
        f"/teams/{world.team.id}/vouchers/{theirs.id}/bonnen/{receipt.id}",
    ):
        assert client.get(url).status_code == 404
    assert client.login(other.trekker).get(_url(world, request, f"/bonnen/{receipt.id}")).status_code == 404


def test_a_receipt_is_removed_with_its_file(client, paid, storage):
    world, request = paid
    _upload(client.login(world.trekker), world, request, png(), "bon.png")
    [receipt] = _receipts(request)
    file_name = receipt.file_name
    assert storage.read(settlement.RECEIPTS, file_name) is not None
    response = client.post(_url(world, request, f"/bonnen/{receipt.id}/verwijderen"))
    assert "De bon is verwijderd." in page_of(response)
    assert _receipts(request) == [] and storage.read(settlement.RECEIPTS, file_name) is None


def test_the_form_is_prefilled_with_the_participants_of_the_evaluation(client, paid):
    world, request = paid
    page = page_of(client.login(world.trekker).get(_url(world, request, "/verantwoording")))
    assert re.search(r'<input[^>]*name="participants"[^>]*value="14"', page)
    assert "Echt uitgegeven aan: Verf en kwasten" in page and "Gevraagd: € 100,00" in page


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"cents": ""}, "Vul in wat 'Verf en kwasten' echt kostte. Niets uitgegeven? Vul 0 in."),
        ({"cents": "veel"}, "Vul een bedrag in euro's in"),
        ({"report": " "}, "Schrijf kort op hoe de activiteit ging"),
        ({"participants": "-3"}, "Vul het aantal deelnemers in als getal van 0 of meer."),
        ({"participants": "veel"}, "Vul het aantal deelnemers in als getal van 0 of meer."),
    ],
)
def test_bad_accountability_input_gets_a_message_and_changes_nothing(client, paid, change, message):
    world, request = paid
    _upload(client.login(world.trekker), world, request, PDF, "bon.pdf")
    before = snapshot(request)
    fields = {name: value for name, value in change.items() if name != "cents"}
    form = account_form(request, change.get("cents", "80"), **fields)
    response = client.post(_url(world, request, "/verantwoording"), form)
    assert response.status_code == 200 and message in page_of(response)
    assert snapshot(request) == before


def test_spending_without_a_receipt_is_refused_on_the_form(client, paid):
    world, request = paid
    before = snapshot(request)
    response = client.login(world.trekker).post(_url(world, request, "/verantwoording"), account_form(request))
    assert "Voeg de bonnen toe van wat u kocht." in page_of(response)
    assert snapshot(request) == before


def test_a_sent_back_accountability_shows_the_comment_on_top_and_can_be_sent_again(client, paid):
    world, request = paid
    _upload(client.login(world.trekker), world, request, PDF, "bon.pdf")
    assert client.post(_url(world, request, "/verantwoording"), account_form(request)).status_code == 302
    assert request.status == RequestStatus.ACCOUNTED
    settlement.review(world.coordinator, request, False, "De bon van de koffie ontbreekt.")
    page = page_of(client.get(_url(world, request, "/verantwoording")))
    assert "De gemeente stuurde de verantwoording terug: De bon van de koffie ontbreekt." in page
    assert "Gezellig!" in page  # what the team wrote is kept
    client.post(_url(world, request, "/verantwoording"), account_form(request, "95"))
    accountability = db.session.scalar(sa.select(Accountability).where(Accountability.request_id == request.id))
    assert request.status == RequestStatus.ACCOUNTED and accountability.participants == 14


def test_uploads_are_limited_per_person_photos_and_receipts_together(app, client, paid):
    """Issue 23, finding 13: uploads had no rate limit, and each costs worker time. Photos
    and receipts now share one count per person; someone else of the team still uploads."""
    world, request = paid
    limit = int(app.config["UPLOAD_LIMIT"].split()[0])
    photos = f"/teams/{world.team.id}/activiteiten/{world.activity.id}/fotos"
    trekker = client.login(world.trekker)

    def photo(who):
        form = {"photo": (io.BytesIO(png()), "foto.png"), "description": "Buren", "consent": "y"}
        return who.post(photos, form).status_code

    answers = [
        photo(trekker) if n % 2 else _upload(trekker, world, request, PDF, "bon.pdf").status_code for n in range(limit)
    ]
    assert 429 not in answers  # (a receipt's page answers its post: 200; a photo's redirects: 302)
    assert photo(trekker) == 429 and _upload(trekker, world, request, PDF, "bon.pdf").status_code == 429
    assert photo(type(client)(app.test_client()).login(world.member)) == 302
