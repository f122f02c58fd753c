"""Issue 14, part 8: the funds with their balances in cents and each fund's public decision
list in the JSON API, checked against the OpenAPI document by schemathesis on a filled fund
(the whole-document run in test_templates_api.py covers them on an empty database)."""

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from app.api.openapi import openapi_document
from app.core.security import MAX_ID
from app.extensions import db
from app.money.requests.models import Advice, Outcome
from app.money.review import services as review
from app.money.settlement import services as settlement
from tests.factories import make_fund, make_neighbourhood, make_request, make_team, make_user, seat

schema = schemathesis.openapi.from_dict(openapi_document()).include(path_regex="^/funds")


@pytest.fixture
def fund():
    """A fund of €1.000 (10% support) with an awarded and paid request and a rejected one."""
    hood = make_neighbourhood("Kruiskamp")
    coordinator = make_user("Cor Coördinator", hood, is_coordinator=True)
    trekker = make_user("Tess Trekker", hood)
    team = make_team(hood, trekker, name="Pruimengaarde Samen")
    fund = make_fund(hood, coordinator, support_percent=10, name="Buurtbudget Kruiskamp")
    chair, rik = make_user("Carla Voorzitter", hood), make_user("Rik Regie", hood)
    seat(fund, coordinator, chair, "chair")
    seat(fund, coordinator, rik)
    for amount, advice, outcome, motivation in (
        (200_00, Advice.AWARD, Outcome.AWARDED, ""),
        (40_00, Advice.REJECT, Outcome.REJECTED, "Past niet bij de regels."),
    ):
        request = make_request(team, trekker, fund, amount_cents=amount)
        for user in (chair, rik):
            review.assess(user, request, advice, None, "Mijn advies")
        review.decide(chair, request, outcome, 0, motivation)
        if outcome == Outcome.AWARDED:
            settlement.pay_out(coordinator, request)
    return fund


def test_a_fund_in_json_has_its_balances_in_cents(client, fund):
    body = client.get("/api/v1/funds").get_json()
    assert body | {"items": None} == {"items": None, "page": 1, "per_page": 20, "total": 1, "pages": 1}
    assert body["items"] == [
        {
            "id": fund.id,
            "name": "Buurtbudget Kruiskamp",
            "neighbourhood": {"id": fund.neighbourhood_id, "name": "Kruiskamp"},
            "period_start": fund.period_start.isoformat(),
            "period_end": fund.period_end.isoformat(),
            "total_cents": 1_000_00,
            "support_cents": 100_00,
            "reserved_cents": 0,
            "paid_out_cents": 200_00,
            "returned_cents": 0,
            "available_cents": 700_00,
            "html_url": f"https://buurtmakers.test/buurtbudget/{fund.id}",
            "decisions_url": f"https://buurtmakers.test/api/v1/funds/{fund.id}/decisions",
        }
    ]


def test_the_decision_list_names_teams_never_people(client, fund):
    response = client.get(f"/api/v1/funds/{fund.id}/decisions")
    items = response.get_json()["items"]
    assert [(item["outcome"], item["amount_cents"], item["motivation"]) for item in items] == [
        ("rejected", 0, "Past niet bij de regels."),
        ("awarded", 200_00, ""),
    ]
    assert items[0]["team"]["name"] == "Pruimengaarde Samen" and items[0]["activity"] == "Buurtfeest"
    for name in ("Tess", "Carla", "Rik", "Cor"):
        assert name not in response.get_data(as_text=True)


def test_an_unknown_fund_and_a_wrong_page_answer_in_json(client, fund):
    response = client.get("/api/v1/funds/99999/decisions")
    assert (response.status_code, response.get_json()["detail"]) == (404, "Er is geen buurtbudget met dit nummer.")
    response = client.get(f"/api/v1/funds/{fund.id}/decisions?pagina=nul")
    assert (response.status_code, response.get_json()["invalid-params"][0]["name"]) == (400, "pagina")
    assert client.get("/api/v1/funds?pagina=0").status_code == 400


def test_the_lists_need_the_same_statements_for_one_and_many_funds(client, fund, count_statements):
    counts = []
    for _ in range(2):
        db.session.flush()
        with count_statements() as counter:
            assert client.get("/api/v1/funds").status_code == 200
            assert client.get(f"/api/v1/funds/{fund.id}/decisions").status_code == 200
        counts.append(len(counter.statements))
        coordinator = make_user("Fien Fondsbeheer", is_coordinator=True)
        for _n in range(5):
            make_fund(make_neighbourhood(), coordinator)
    assert counts[0] == counts[1], counts


@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_the_funds_api_answers_as_its_openapi_document_says(case, app, fund):
    # A valid id is turned into the filled fund's (a random one finds nothing); a wrong one
    # (a negative case: text, a boolean, out of range) stays, to be refused.
    fund_id = (case.path_parameters or {}).get("fund_id")
    if type(fund_id) is int and 1 <= fund_id <= MAX_ID:
        case.path_parameters["fund_id"] = fund.id
    case.call_and_validate(app=app)
