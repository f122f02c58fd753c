"""The demo's outreach: two areas with rounds over recent months, safe to build twice."""

import sqlalchemy as sa

from app.core.timezone import local_today
from app.extensions import db
from app.outreach.models import OutreachArea, OutreachRecord
from app.outreach.services import activation_rates
from seeds import demo_outreach
from tests.factories import make_neighbourhood, make_user


def test_the_demo_outreach_shows_a_hint_and_a_rate_in_the_band_and_can_be_built_twice(ctx):
    hood = make_neighbourhood("Kruiskamp", homes=1200)
    cor = make_user("Cor Coördinator", is_coordinator=True)
    for _ in range(2):
        demo_outreach.build(cor, [hood])
    assert db.session.scalar(sa.select(sa.func.count()).select_from(OutreachArea)) == 2
    assert db.session.scalar(sa.select(sa.func.count()).select_from(OutreachRecord)) == 10
    today = local_today()
    flat, street = activation_rates([hood.id], today.replace(day=1), today)[hood.id].areas[::-1]
    assert flat.name == "Flat Zonnehof" and flat.meeting_possible and flat.rate == 9 / 180
    assert street.totals["meetings"] == 2 and 0.05 <= street.rate <= 0.08
