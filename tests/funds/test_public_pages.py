"""The public Buurtbudget: per fund its total, what was awarded and how many activities got
money, and the decision list: teams, activities, amounts and motivations, never a person."""

from datetime import timedelta

from flask import current_app

from app.core.timezone import local_today
from app.extensions import db
from app.money.requests import services as requests
from app.money.requests.models import Advice, Outcome
from app.money.review import services as review
from app.money.settlement import services as settlement
from tests.factories import make_fund, make_request
from tests.funds.conftest import award, page
from tests.funds.test_scale import copies_of


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
        db.session.commit()  # a visitor's page is kept until a commit says what changed
        with count_statements() as counter:
            assert client.get(f"/buurtbudget/{w.fund.id}").status_code == 200
        counts.append(len(counter.statements))
    assert counts[0] == counts[1], counts


def test_an_unknown_fund_is_not_found(client, w):
    assert client.get("/buurtbudget/99999").status_code == 404


def test_the_list_shows_the_funds_of_now_and_earlier_periods_on_their_own_pages(client, w):
    """Issue 28, item 0: the list of every fund of every period grew without end. A fund
    whose period ends today is still one of now; one that ended yesterday is earlier."""
    today = local_today()
    ended = make_fund(w.hood, w.coordinator, name="Buurtbudget Vorig Jaar")
    ended.period_start, ended.period_end = today - timedelta(days=400), today - timedelta(days=1)
    w.fund.period_end = today
    db.session.flush()
    now = page(client.get("/buurtbudget"))
    assert "Buurtbudget Kruiskamp" in now and "Buurtbudget Vorig Jaar" not in now
    assert 'href="/buurtbudget?periode=eerder"' in now
    earlier = page(client.get("/buurtbudget?periode=eerder"))
    assert "Buurtbudget Vorig Jaar" in earlier and "Buurtbudget Kruiskamp" not in earlier
    wrong = page(client.get("/buurtbudget?periode=gisteren"))
    assert "Deze periode kennen we niet" in wrong and "Buurtbudget Kruiskamp" in wrong


def test_the_list_is_paged(client, w):
    copies_of(w.fund, 25)  # 26 funds of now
    first = page(client.get("/buurtbudget"))
    assert first.count('<section aria-labelledby="fonds-') == current_app.config["PAGE_SIZE"]
    assert "Pagina 1 van 2" in first and 'href="/buurtbudget?pagina=2"' in first
    second = page(client.get("/buurtbudget?pagina=2"))
    assert second.count('<section aria-labelledby="fonds-') == 26 - current_app.config["PAGE_SIZE"]


def test_a_visitor_gets_the_fund_pages_from_the_cache_and_a_decision_at_once(count_statements, client, w):
    """Issue 28: the public fund pages are the same bytes for every visitor, kept (and
    shareable by a proxy) until what they show changes: a decision shows on the next request.
    (count_statements first: its app context is the one `w` is made in.)"""
    urls = ("/buurtbudget", f"/buurtbudget/{w.fund.id}")
    first = {url: client.get(url) for url in urls}
    for response in first.values():
        assert response.headers["Cache-Control"] == "public, max-age=60" and "Set-Cookie" not in response.headers
    with count_statements() as counter:
        assert all(client.get(url).get_data() == first[url].get_data() for url in urls)
    assert counter.statements == []
    award(w, w.request, motivation="Een mooi plan voor de straat.")
    db.session.commit()
    index, fund = (page(client.get(url, headers={"If-None-Match": first[url].headers["ETag"]})) for url in urls)
    assert "€ 200,00" in index and "Activiteiten met geld uit het buurtbudget</dt><dd>1<" in index
    assert "Een mooi plan voor de straat." in fund and "€ 200,00" in fund
