"""The team's whole way through its own pages: from the team page to a draft, submitted,
decided (by the regie-group's services), paid out, accounted with a receipt and settled."""

import io

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.money import ledger
from app.money.requests.models import Advice, Outcome, RequestStatus, VoucherRequest
from app.money.review import services as review
from app.money.settlement import services as settlement
from tests.vouchers.helpers import account_form, money_world, page_of, png, request_form, took_place


@pytest.mark.usefixtures("ctx")
def test_a_trekker_asks_accounts_and_sees_the_request_settled(client):
    world = money_world()
    team_url = f"/teams/{world.team.id}"
    client.login(world.trekker)
    assert f'href="{team_url}/vouchers"' in page_of(client.get(team_url))
    assert f'href="{team_url}/vouchers/nieuw"' in page_of(client.get(f"{team_url}/vouchers"))

    rows = [("materials", "Verf en kwasten", "80"), ("food", "Koffie en koek", "40")]
    response = client.post(f"{team_url}/vouchers/nieuw", request_form(world, *rows))
    request = db.session.scalar(sa.select(VoucherRequest).where(VoucherRequest.team_id == world.team.id))
    url = f"{team_url}/vouchers/{request.id}"
    assert response.location.endswith(url) and request.status == RequestStatus.DRAFT
    client.post(url + "/indienen")
    assert request.status == RequestStatus.SUBMITTED

    review.assess(world.chair, request, Advice.LOWER, 100_00, "De koek kan goedkoper.")
    review.assess(world.regie, request, Advice.LOWER, 100_00, "Eens.")
    review.decide(world.chair, request, Outcome.PARTLY_AWARDED, 100_00, "Koffie en koek samen € 20.")
    page = page_of(client.get(url))
    assert "Deels toegekend" in page and "Koffie en koek samen € 20." in page and "Bezwaar maken" in page

    settlement.pay_out(world.coordinator, request)
    took_place(world.activity)
    assert "Verantwoording invullen" in page_of(client.get(url))
    client.post(url + "/bonnen", {"title": "Bouwmarkt", "file": (io.BytesIO(png()), "bon.png")})
    response = client.post(url + "/verantwoording", account_form(request, "45"))
    assert response.location.endswith(url) and request.status == RequestStatus.ACCOUNTED

    settlement.review(world.coordinator, request, True, "")
    page = page_of(client.get(url))
    assert "Afgerond" in page and "Goedgekeurd en afgerond" in page and "Bouwmarkt" in page
    assert ledger.balances(world.fund).returned == 100_00 - 2 * 45_00
    assert "Afgerond" in page_of(client.get(f"{team_url}/vouchers"))
