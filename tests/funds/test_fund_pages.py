"""The fund list and the fund page: coordinators see every fund, a regie member the funds
where they sit; the page shows the balances, the regie-group and the oldest requests of each
status, with a page of all requests per status."""

import re
from datetime import timedelta

import pytest
import sqlalchemy as sa

from app.core.timezone import local_today
from app.extensions import db
from app.money.funds.queries import FIRST_PER_STATUS
from app.money.models import LedgerEntry, RegieMember
from app.money.requests.models import VoucherRequest
from app.money.settlement import services as settlement
from tests.bulk import bulk_entries
from tests.factories import make_fund, make_neighbourhood, make_request, make_user
from tests.funds.conftest import award, page


def test_coordinators_see_every_fund_by_neighbourhood_with_its_money(client, w):
    make_fund(make_neighbourhood("Liendert"), w.coordinator, total_cents=500_00, name="Buurtbudget Liendert")
    client.login(w.coordinator)
    text = page(client.get("/fondsen"))
    assert text.index("Kruiskamp") < text.index("Buurtbudget Kruiskamp") < text.index("Liendert")
    assert "€ 900,00" in text and "€ 500,00" in text and "Nieuw buurtbudget" in text


def test_a_regie_member_sees_only_the_funds_where_the_term_has_not_ended(client, w):
    make_fund(make_neighbourhood("Liendert"), w.coordinator, name="Buurtbudget Liendert")
    client.login(w.rik)
    text = page(client.get("/fondsen"))
    assert "Buurtbudget Kruiskamp" in text and "Buurtbudget Liendert" not in text and "Nieuw buurtbudget" not in text
    db.session.get(RegieMember, w.member_seat.id).ends_on = local_today() - timedelta(days=1)
    assert client.get("/fondsen").status_code == 403
    client.login(w.trekker)
    assert client.get("/fondsen").status_code == 403


def test_the_menu_leads_regie_members_to_their_advice_and_funds(client, w):
    client.login(w.rik)
    menu = page(client.get("/"))
    assert 'href="/adviezen">Mijn adviezen' in menu and 'href="/fondsen">Buurtbudgetten' in menu
    client.login(w.rosa)
    menu = page(client.get("/"))
    assert "Mijn adviezen" not in menu and 'href="/fondsen"' not in menu
    assert 'href="/buurtbudget"' in menu  # the public link, for everyone


def test_the_fund_page_explains_the_balances_and_lists_the_requests_by_status(client, w):
    paid = make_request(w.team, w.trekker, w.fund, amount_cents=50_00)
    award(w, paid)
    settlement.pay_out(w.coordinator, paid)
    draft = make_request(w.team, w.trekker, w.fund, amount_cents=30_00, submit=False)
    client.login(w.chair)
    text = page(client.get(f"/fondsen/{w.fund.id}"))
    for amount in ("€ 1.000,00", "€ 100,00", "€ 50,00", "€ 850,00"):
        assert amount in text
    assert "Toegekend aan teams, maar nog niet uitbetaald." in text
    assert text.index("Ingediend (1)") < text.index("Uitbetaald (1)")
    assert f"/teams/{w.team.id}/vouchers/{w.request.id}" in text and f"/vouchers/{draft.id}" not in text
    assert "Carla Voorzitter: Voorzitter" in text
    assert "Te laat" not in text and "Regels aanpassen" not in text  # the chair reads, coordinators manage
    due = db.session.get(VoucherRequest, paid.id)
    due.accountability_due_on = local_today() - timedelta(days=1)
    assert "Te laat: de verantwoording is er nog niet" in page(client.get(f"/fondsen/{w.fund.id}"))


def _requests_in(text: str) -> list[int]:
    return [int(found) for found in re.findall(r'href="/teams/\d+/vouchers/(\d+)"', text)]


def test_the_fund_page_lists_the_oldest_of_a_status_and_links_to_a_page_of_them_all(client, w, app, monkeypatch):
    more = [make_request(w.team, w.trekker, w.fund, amount_cents=10_00) for _ in range(FIRST_PER_STATUS)]
    waiting = [w.request, *more]
    award(w, make_request(w.team, w.trekker, w.fund, amount_cents=10_00))
    client.login(w.rik)
    text = page(client.get(f"/fondsen/{w.fund.id}"))
    total = len(waiting)
    assert f"Ingediend ({total})" in text and "Toegekend (1)" in text
    submitted = text[text.index("Ingediend (") : text.index("Toegekend (")]
    assert _requests_in(submitted) == [request.id for request in waiting[:FIRST_PER_STATUS]]
    link = f'href="/fondsen/{w.fund.id}/aanvragen/submitted">Alle {total} aanvragen met de stand Ingediend</a>'
    assert link in submitted and "/aanvragen/awarded" not in text  # one awarded request: all shown
    monkeypatch.setitem(app.config, "PAGE_SIZE", 4)
    second = page(client.get(f"/fondsen/{w.fund.id}/aanvragen/submitted?pagina=2"))
    assert "<h1>Buurtbudget Kruiskamp: aanvragen met de stand Ingediend</h1>" in second
    assert f"{total} aanvragen, de oudste eerst." in second and "Pagina 2 van 3" in second
    assert _requests_in(second) == [request.id for request in waiting[4:8]]
    beyond = page(client.get(f"/fondsen/{w.fund.id}/aanvragen/submitted?pagina=9"))
    # An old link: the way back leads to the last page.
    assert "geen aanvragen met deze stand" not in beyond
    assert re.search(r'href="[^"]*pagina=3[^"]*" rel="prev"', beyond)


def test_a_status_page_without_requests_says_so_and_an_unknown_status_is_not_found(client, w):
    client.login(w.coordinator)
    assert "geen aanvragen met deze stand" in page(client.get(f"/fondsen/{w.fund.id}/aanvragen/settled"))
    for status in ("bogus", "SUBMITTED", "submitted%00"):
        assert client.get(f"/fondsen/{w.fund.id}/aanvragen/{status}").status_code == 404
    assert client.get("/fondsen/99999/aanvragen/submitted").status_code == 404


@pytest.mark.parametrize("url", ["/fondsen/{id}", "/fondsen/{id}/kasboek", "/fondsen/{id}/kasboek?pagina=3"])
def test_fund_and_ledger_need_the_same_statements_for_10_and_10000_entries(client, w, count_statements, url):
    url = url.format(id=w.fund.id)
    client.login(w.coordinator)
    counts = []
    for total in (10, 10_000 - 10):
        bulk_entries(w.fund.id, w.request.id, w.coordinator.id, total, mixed=True)
        db.session.flush()
        with count_statements() as counter:
            assert client.get(url).status_code == 200
        counts.append(len(counter.statements))
    assert counts[0] == counts[1], counts
    assert db.session.scalar(sa.select(sa.func.count()).select_from(LedgerEntry)) > 10_000


@pytest.mark.parametrize("url", ["/fondsen/{id}", "/fondsen/{id}/aanvragen/awarded"])
def test_the_fund_pages_need_the_same_statements_for_one_and_many_requests(client, w, count_statements, url):
    client.login(w.rik)
    counts = []
    for _ in range(2):
        db.session.flush()  # the test's own writes are not the page's
        with count_statements() as counter:
            assert client.get(url.format(id=w.fund.id)).status_code == 200
        counts.append(len(counter.statements))
        for _n in range(4):
            award(w, make_request(w.team, w.trekker, w.fund, amount_cents=10_00))
    assert counts[0] == counts[1], counts


def test_an_unknown_fund_is_not_found_and_another_residents_get_403(client, w):
    client.login(w.coordinator)
    assert client.get("/fondsen/99999").status_code == 404
    client.login(make_user("Bas Buiten"))
    assert client.get(f"/fondsen/{w.fund.id}").status_code == 403
