"""Eva's life in the app: trekker of a team with a paid-out voucher (a receipt, an
accountability), a photo of its activity, a sign-up for another team's activity, a
question to the helpdesk that a coordinator answered, and the mails and messages of all
that. Everything a download should hold and an erasure should take away or keep."""

import io
from datetime import timedelta
from types import SimpleNamespace

import pytest

from app.activities.models import Activity, ActivityStatus
from app.core.models import utcnow
from app.evaluations import services as evaluations
from app.extensions import db
from app.helpdesk import services as helpdesk
from app.money.requests.models import Advice, Outcome
from app.money.review import services as review
from app.money.settlement import services as settlement
from app.signups import services as signups
from tests.factories import add_member, make_activity, make_fund, make_neighbourhood, make_request, make_team, make_user
from tests.factories import seat as give_seat
from tests.vouchers.helpers import png

EVA = "Eva Erasmus-Vink"
PDF = b"%PDF-1.4 een bon %%EOF"


@pytest.fixture(autouse=True)
def upload_folder(app, tmp_path, monkeypatch):
    """Each test stores its photos and receipts in its own folder."""
    monkeypatch.setitem(app.config, "UPLOAD_FOLDER", str(tmp_path))
    return tmp_path


@pytest.fixture
def life(ctx):
    hood = make_neighbourhood("Kruiskamp")
    cor = make_user("Cor Coördinator", hood, is_coordinator=True)
    eva = make_user(EVA, hood, email="eva.erasmus@example.org")
    mo, tess, carla = make_user("Mo Member", hood), make_user("Tess Trekker", hood), make_user("Carla Voorzitter", hood)
    team = make_team(hood, eva, name="Pruimengaarde Samen")
    add_member(team, mo)
    fund = make_fund(hood, cor, total_cents=1_000_00)
    rik = make_user("Rik Regie", hood)
    give_seat(fund, cor, carla, "chair")
    give_seat(fund, cor, rik)

    request = make_request(team, eva, fund, amount_cents=200_00)
    review.assess(carla, request, Advice.AWARD, None, "Mooi plan.")
    review.assess(rik, request, Advice.AWARD, None, "")
    review.decide(carla, request, Outcome.AWARDED, 200_00, "Past bij het buurtbudget.")
    settlement.pay_out(cor, request)
    activity = db.session.get(Activity, request.activity_id)
    activity.status, activity.starts_at = ActivityStatus.DONE, utcnow() - timedelta(days=2)
    db.session.flush()
    receipt = settlement.add_receipt(eva, team, request, PDF, "Bon van de bouwmarkt")
    photo = evaluations.add_photo(eva, team, activity, io.BytesIO(png()), consent=True, description="Buren in de tuin")

    other_team = make_team(hood, tess, name="Zonnebloem")
    party = make_activity(other_team, tess, status=ActivityStatus.PLANNED)
    party.is_public, party.starts_at = True, utcnow() + timedelta(days=7)
    db.session.flush()
    sign_up = signups.sign_up_resident(eva, party)

    question = helpdesk.ask(eva, team, "Hoe verantwoorden wij?", "Wij hebben een bon. Hallo, Eva Erasmus-Vink.")
    helpdesk.reply(cor, team, question, f"Beste {EVA}, upload de bon bij de verantwoording.")
    db.session.flush()
    return SimpleNamespace(
        hood=hood,
        cor=cor,
        eva=eva,
        mo=mo,
        tess=tess,
        carla=carla,
        team=team,
        fund=fund,
        request=request,
        receipt=receipt,
        photo=photo,
        sign_up=sign_up,
        question=question,
    )
