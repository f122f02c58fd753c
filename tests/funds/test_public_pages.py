"""The public Buurtbudget: per fund its total, what was awarded and how many activities got
money, and the decision list: teams, activities, amounts and motivations, never a person."""

from app.extensions import db
from app.money.requests import services as requests
from app.money.requests.models import Advice, Outcome
from app.money.review import services as review
from app.money.settlement import services as settlement
from tests.factories import make_request
from tests.funds.conftest import award, page


def people(w) -> list[str]:
    return [user.name for user in (w.coordinator, w.trekker, w.chair, w.rik)] + [
        user.first_name for user in (w.trekker, w.chair, w.rik)
    ]


def test_the_public_summary_shows_money_and_activities_but_no_people(client, w):
    award(w, w.request)
    partly = make_request(w.team, w.trekker, w.fund, amount_cents=80_00)
    award(w, partly, Outcome.PARTLY_AWARDED, 50_00, "Minder nodig voor de flyers.")
    settlement.pay_out(w.coordinator, partly)
    client.login(w.rosa)  # what a visitor sees, also when logged in
    text = page(client.get("/buurtbudget"))
    assert "Buurtbudget Kruiskamp" in text and "Kruiskamp" in text
    assert "€ 1.000,00" in text and "€ 250,00" in text  # total; awarded (€ 200 held + € 50 paid)
    assert "Activiteiten met geld uit het buurtbudget</dt><dd>2<" in text
    for name in people(w):
        assert name not in text


def test_the_decision_list_shows_the_final_decision_of_each_request(client, w):
    award(w, w.request, Outcome.PARTLY_AWARDED, 150_00, "Verf kost minder.")
    requests.object_to(w.trekker, w.team, w.request, "De verf is duur.")
    for user in (w.chair, w.rik):
        review.assess(user, w.request, Advice.AWARD, None, "Toch goed")
    review.decide(w.chair, w.request, Outcome.AWARDED, 0, "Na bezwaar: alles toegekend.")
    rejected = make_request(w.team, w.trekker, w.fund, amount_cents=40_00)
    for user in (w.chair, w.rik):
        review.assess(user, rejected, Advice.REJECT, None, "Past niet")
    review.decide(w.chair, rejected, Outcome.REJECTED, 0, "Past niet bij de regels.")
    text = page(client.get(f"/buurtbudget/{w.fund.id}"))
    assert "Na bezwaar: alles toegekend." in text and "Verf kost minder." not in text
    assert text.index("Past niet bij de regels.") < text.index("Na bezwaar")  # newest first
    assert "Pruimengaarde Samen" in text and "Buurtfeest" in text and "€ 200,00" in text and "Afgewezen" in text
    for name in people(w):
        assert name not in text
    assert "De verf is duur." not in text  # the objection is the team's, not the public's


def test_the_decision_list_needs_the_same_statements_for_one_and_many_decisions(client, w, count_statements):
    counts = []
    for batch in (1, 6):
        for _ in range(batch):
            award(w, make_request(w.team, w.trekker, w.fund, amount_cents=10_00))
        db.session.flush()
        with count_statements() as counter:
            assert client.get(f"/buurtbudget/{w.fund.id}").status_code == 200
        counts.append(len(counter.statements))
    assert counts[0] == counts[1], counts


def test_an_unknown_fund_is_not_found(client, w):
    assert client.get("/buurtbudget/99999").status_code == 404
