"""The chair's decision through the page: by the fund's rule once the quorum is reached,
reserved once, told to the team with its motivation; the deputy when the chair is recused;
and the second decision after an objection moves only the difference."""

import re

import pytest
import sqlalchemy as sa

from app.core.mail import OutboxMail
from app.core.notifications import Notification
from app.extensions import db
from app.money import ledger
from app.money.models import EntryKind, LedgerEntry
from app.money.requests import services as requests
from app.money.requests.models import Advice, Decision, Outcome, RequestStatus
from app.money.review import services as review
from tests.factories import add_member
from tests.vouchers_review.conftest import advise_twice, count, page, snapshot


def url(request) -> str:
    return f"/vouchers/{request.id}/besluit"


def reservations(request) -> list[int]:
    return list(
        db.session.scalars(
            sa.select(LedgerEntry.amount_cents).where(
                LedgerEntry.request_id == request.id, LedgerEntry.kind == EntryKind.RESERVATION
            )
        )
    )


def test_the_chair_cannot_decide_before_the_quorum(w, client):
    review.assess(w.rik, w.request, Advice.AWARD, None, "")
    client.login(w.chair)
    # Under the heading of the decision, which is otherwise empty until the quorum is reached.
    decision = page(client.get(url(w.request))).split("Uw besluit</h2>")[1]
    assert "Besluiten kan als er 2 adviezen zijn. Nu zijn er 1." in decision
    before = snapshot(w.request)
    text = page(client.post(url(w.request), {"confirm": "y", "outcome": "awarded"}))
    assert "Er zijn 1 van de 2 adviezen nodig om te besluiten." in text
    assert snapshot(w.request) == before


def test_the_chair_decides_by_the_rule_and_the_team_is_told_why(w, client, ctx):
    review.assess(w.chair, w.request, Advice.LOWER, 150_00, "Verf is goedkoper")
    review.assess(w.rik, w.request, Advice.LOWER, 120_00, "Minder kwasten")
    client.login(w.chair)
    form = page(client.get(url(w.request)))
    assert "Verf is goedkoper" in form and "Minder kwasten" in form and "Rik Regie" in form
    assert "Volgens de adviezen: Deels toegekend, € 120,00." in form

    motivation = "De verf kost minder dan begroot."
    response = client.post(
        url(w.request), {"confirm": "y", "outcome": "partly_awarded", "amount": "120", "motivation": motivation}
    )
    assert response.status_code == 302
    assert (w.request.status, w.request.awarded_cents) == (RequestStatus.PARTLY_AWARDED, 120_00)
    assert reservations(w.request) == [120_00]
    assert ledger.balances(w.fund).available == 880_00

    told = db.session.scalar(sa.select(Notification).where(Notification.user_id == w.trekker.id))
    assert told.kind == "voucher.decided" and motivation in told.text and "€ 120,00" in told.text
    mail = db.session.scalar(sa.select(OutboxMail).where(OutboxMail.recipient == w.trekker.email))
    assert motivation in mail.body


def test_nothing_is_chosen_for_the_chair_and_she_confirms_before_money_is_reserved(w, client):
    """The decision reserves money: the form picks no outcome from the advice (the advice
    is shown as text), marks the choice required, and asks for a confirmation."""
    advise_twice(w)
    client.login(w.chair)
    form = page(client.get(url(w.request)))
    assert "Volgens de adviezen: Toegekend, € 200,00." in form
    radios = re.findall(r'<input[^>]*type="radio"[^>]*>', form)
    assert len(radios) == 3
    assert not [radio for radio in radios if "checked" in radio]
    assert all("required" in radio for radio in radios)
    assert re.search(r'<input[^>]*name="confirm"[^>]*required', form)

    before = snapshot(w.request)
    text = page(client.post(url(w.request), {"outcome": "awarded"}))
    assert "Zet een vinkje als u dit besluit wilt vastleggen." in text
    assert snapshot(w.request) == before and reservations(w.request) == []
    assert client.post(url(w.request), {"outcome": "awarded", "confirm": "y"}).status_code == 302
    assert reservations(w.request) == [200_00]


def test_a_double_post_of_the_decision_reserves_once(w, client):
    advise_twice(w)
    client.login(w.chair)
    assert client.post(url(w.request), {"confirm": "y", "outcome": "awarded"}).status_code == 302
    again = client.post(url(w.request), {"confirm": "y", "outcome": "awarded"})
    assert "Over deze aanvraag is al besloten." in page(again)
    assert reservations(w.request) == [200_00]
    assert count(Decision, Decision.request_id == w.request.id) == 1


@pytest.mark.parametrize(
    ("advice", "outcome", "message"),
    [
        (Advice.AWARD, "rejected", "Een afwijzing past niet bij de regel."),
        (Advice.REJECT, "awarded", "Toekennen past niet bij de regel."),
    ],
)
def test_a_decision_against_the_rule_is_refused_and_changes_nothing(w, client, advice, outcome, message):
    advise_twice(w, advice, None, "Zo denk ik erover")
    client.login(w.chair)
    before = snapshot(w.request)
    text = page(client.post(url(w.request), {"confirm": "y", "outcome": outcome, "motivation": "Toch anders"}))
    assert message in text
    assert snapshot(w.request) == before


@pytest.mark.parametrize(
    ("form", "message"),
    [
        ({}, "Kies het besluit."),
        ({"outcome": "maybe"}, "Kies het besluit."),
        ({"outcome": "awarded"}, "Zet een vinkje als u dit besluit wilt vastleggen."),
        (
            {"confirm": "y", "outcome": "partly_awarded", "motivation": "Minder"},
            "Vul het bedrag in dat het team krijgt.",
        ),
        ({"outcome": "partly_awarded", "amount": "veel", "motivation": "Minder"}, "Vul een bedrag in euro's in"),
        ({"outcome": "partly_awarded", "amount": "100"}, "Leg uit waarom het team minder of geen geld krijgt."),
        (
            {"confirm": "y", "outcome": "partly_awarded", "amount": "200", "motivation": "Minder"},
            "Vul een lager bedrag in dan het gevraagde bedrag, en meer dan € 0.",
        ),
        ({"confirm": "y", "outcome": "awarded", "motivation": "x" * 4001}, "Gebruik hoogstens 4000 tekens."),
    ],
)
def test_a_bad_decision_form_gets_a_clear_message_and_changes_nothing(w, client, form, message):
    advise_twice(w)
    client.login(w.chair)
    before = snapshot(w.request)
    response = client.post(url(w.request), form)
    assert response.status_code == 200 and message in page(response)
    assert snapshot(w.request) == before


def test_the_deputy_decides_when_the_chair_is_recused(w, client):
    add_member(w.team, w.chair)
    review.assess(w.rik, w.request, Advice.AWARD, None, "")
    review.assess(w.deputy, w.request, Advice.AWARD, None, "")
    client.login(w.chair)
    assert client.get(url(w.request)).status_code == 403
    assert client.post(url(w.request), {"confirm": "y", "outcome": "awarded"}).status_code == 403
    assert "Pruimengaarde Samen" not in page(client.get("/adviezen"))

    client.login(w.deputy)
    assert "Wacht op uw besluit" in page(client.get("/adviezen"))
    assert client.post(url(w.request), {"confirm": "y", "outcome": "awarded"}).status_code == 302
    decision = db.session.scalar(sa.select(Decision).where(Decision.request_id == w.request.id))
    assert (decision.decided_by_id, decision.outcome) == (w.deputy.id, Outcome.AWARDED)


@pytest.mark.parametrize(
    ("second", "amount", "kind", "moved"),
    [("awarded", "", EntryKind.RESERVATION, 50_00), ("partly_awarded", "100", EntryKind.RELEASE, 50_00)],
)
def test_after_an_objection_the_second_decision_moves_the_difference(w, client, second, amount, kind, moved):
    advise_twice(w, Advice.LOWER, 150_00, "Verf is goedkoper")
    review.decide(w.chair, w.request, Outcome.PARTLY_AWARDED, 150_00, "De verf kost minder.")
    requests.object_to(w.trekker, w.team, w.request, "De verf kost echt € 200.")
    assert (w.request.status, w.request.round) == (RequestStatus.IN_REVIEW, 2)
    advice = Advice.AWARD if second == "awarded" else Advice.LOWER
    advise_twice(w, advice, 100_00 if advice == Advice.LOWER else None, "Opnieuw bekeken")
    client.login(w.chair)
    text = page(client.get(url(w.request)))
    assert "De verf kost echt € 200." in text and "Het eerste besluit" in text and "De verf kost minder." in text

    response = client.post(
        url(w.request), {"confirm": "y", "outcome": second, "amount": amount, "motivation": "Na het bezwaar."}
    )
    assert response.status_code == 302
    entries = db.session.execute(
        sa.select(LedgerEntry.kind, LedgerEntry.amount_cents)
        .where(LedgerEntry.request_id == w.request.id)
        .order_by(LedgerEntry.id)
    ).all()
    assert [tuple(entry) for entry in entries] == [(EntryKind.RESERVATION, 150_00), (kind, moved)]
    assert ledger.held_for(w.request.id).reserved == w.request.awarded_cents
    assert count(Decision, Decision.request_id == w.request.id) == 2
