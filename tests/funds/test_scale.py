"""The fund lists for coordinators and for everyone cost the same statements for 10 funds as
for 1,000: balances and supported activities are read for all funds shown at once."""

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.money.models import Fund


def copies_of(fund: Fund, count: int) -> None:
    values = {column.key: getattr(fund, column.key) for column in Fund.__table__.columns if column.key != "id"}
    start = db.session.scalar(sa.select(sa.func.count()).select_from(Fund))
    names = (f"{fund.name} {n}" for n in range(start, start + count))
    db.session.execute(sa.insert(Fund), [values | {"name": name, "name_key": name.lower()} for name in names])


@pytest.mark.parametrize("url", ["/fondsen", "/buurtbudget"])
def test_the_fund_lists_cost_the_same_statements_for_10_and_1000_funds(client, w, count_statements, url):
    client.login(w.coordinator)

    copies_of(w.fund, 9)
    few = count_statements.of_page(client, url)
    copies_of(w.fund, 990)
    assert count_statements.of_page(client, url) == few
