"""Issue 23, finding 15: the page cache is best effort. With its Redis unreachable (a closed
port) every kind of write goes through, every cached page and remembered value comes from
the database, and each error is logged and counted; once Redis answers again, no page shows
what was written meanwhile as it was before."""

import logging

import pytest
import redis
import sqlalchemy as sa
from flask import url_for

from app import create_app
from app.core.cache import health
from app.extensions import cache, db
from app.signups.models import SignUp
from app.teams.models import Membership, Team
from tests.agenda.helpers import make_public_activity
from tests.conftest import Client
from tests.factories import PASSWORD, add_member, make_fund, make_neighbourhood, make_team, make_template, make_user
from tests.generate import bulk_teams
from tests.live import forget_keys, new_prefix

CLOSED = "redis://127.0.0.1:1/0"


def _app_on(app, redis_url: str, **config):
    """The test app's database with the page cache on this Redis."""
    return create_app(
        "test",
        SQLALCHEMY_DATABASE_URI=app.config["SQLALCHEMY_DATABASE_URI"],
        CACHE_TYPE="RedisCache",
        CACHE_REDIS_URL=redis_url,
        CACHE_OPTIONS={"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        **config,
    )


@pytest.fixture(scope="module")
def down(app):
    """The app with its Redis stopped, trying it on every call (no pause after an error)."""
    down = _app_on(app, CLOSED, CACHE_RETRY_SECONDS=0)
    yield down
    with down.app_context():
        db.engine.dispose()


@pytest.fixture
def errors(down, caplog, monkeypatch):
    """The store's errors in this test: how many `health()` counted and how many were logged."""
    # Alembic's logging setup (migrations/env.py), when other tests run it in this process,
    # disables the loggers that exist at that moment.
    monkeypatch.setattr(down.logger, "disabled", False)
    caplog.set_level(logging.WARNING, logger=down.logger.name)
    with down.app_context():
        before = health().errors

    def counted() -> tuple[int, int]:
        with down.app_context():
            logged = [record for record in caplog.records if "Cache store failed" in record.getMessage()]
            return health().errors - before, len(logged)

    return counted


def test_every_kind_of_write_commits_with_redis_down(down, errors):
    with down.app_context():
        hood = make_neighbourhood("Kruiskamp")
        team = make_team(hood, make_user("Fatima Trekker", hood), name="Pruimengaarde Samen")  # ORM inserts
        db.session.commit()
        team.name = "Tuin aan de Lindelaan"  # an ORM update
        db.session.commit()
        member = add_member(team, make_user("Mo Buur", hood))
        db.session.commit()
        db.session.delete(member)  # an ORM delete
        db.session.commit()
        ids = bulk_teams(hood.id, 3)  # an INSERT statement
        db.session.execute(sa.update(Team).where(Team.id.in_(ids)).values(area="Plein"))
        db.session.execute(sa.delete(Team).where(Team.id == ids[0]))
        db.session.commit()
        team.area = "Weg"
        db.session.flush()
        db.session.rollback()  # a rollback bumps too
        assert db.session.get(Team, team.id).name == "Tuin aan de Lindelaan"
        assert db.session.scalar(sa.select(sa.func.count()).where(Team.neighbourhood_id == hood.id)) == 3
        assert db.session.scalar(
            sa.select(sa.func.count()).select_from(Membership).where(Membership.team_id == team.id)
        )
    tried, logged = errors()
    assert tried == logged == 6  # five commits and a rollback, each one round trip


@pytest.fixture
def world():
    hood = make_neighbourhood("Kruiskamp")
    trekker = make_user("Fatima Trekker", hood)
    team = make_team(hood, trekker, name="Pruimengaarde Samen")
    activity = make_public_activity(team, "Soep koken", capacity=10)
    template = make_template("Buurtbarbecue")
    coordinator = make_user("Cor Coördinator", hood, is_coordinator=True)
    fund = make_fund(hood, coordinator)
    return hood, trekker, team, activity, template, coordinator, fund


def test_every_cached_page_and_remembered_value_comes_from_the_database_with_redis_down(down, world, errors):
    hood, _trekker, team, activity, template, coordinator, fund = world
    values = {
        "neighbourhood_id": hood.id,
        "team_id": team.id,
        "activity_id": activity.id,
        "slug": template.slug,
        "fund_id": fund.id,
    }
    visitor = Client(down.test_client())
    assert visitor.get("/").status_code == 200
    with down.test_request_context():
        cached = [
            rule for rule in down.url_map.iter_rules() if hasattr(down.view_functions[rule.endpoint], "cache_tags")
        ]
        urls = [url_for(rule.endpoint, **{name: values[name] for name in rule.arguments}) for rule in cached]
    assert len(urls) >= 12
    for url in urls:
        response = visitor.get(url)
        assert response.status_code == 200 and "ETag" not in response.headers, url
    assert "Pruimengaarde Samen" in visitor.get(f"/teams/{team.id}").get_data(as_text=True)
    staff = Client(down.test_client()).login(coordinator)
    for url in ("/coordinatie", "/coordinatie/signalen"):  # the dashboard's remembered counts
        assert staff.get(url).status_code == 200, url
    tried, logged = errors()
    assert tried == logged >= len(urls) + 3


def test_writes_through_the_site_go_through_with_redis_down(down, world, errors):
    _hood, trekker, team, activity, _template, _coordinator, _fund = world
    visitor = Client(down.test_client())
    signed_up = visitor.post(f"/activiteiten/{activity.id}/aanmelden", {"name": "Bea", "email": "bea@example.org"})
    assert signed_up.status_code == 302
    assert db.session.scalar(sa.select(SignUp.name).where(SignUp.activity_id == activity.id)) == "Bea"
    resident = Client(down.test_client())
    assert resident.post("/inloggen", {"email": trekker.email, "password": PASSWORD}).status_code == 302
    details = {"name": "Samen Sterker", "area": "Plein", "question": "Groen"}
    assert resident.post(f"/teams/{team.id}/bewerken", details).status_code == 302
    assert "Samen Sterker" in visitor.get(f"/teams/{team.id}").get_data(as_text=True)
    assert errors()[0] > 0


def test_after_an_outage_no_page_shows_what_was_written_meanwhile_as_before(app, redis_url, monkeypatch, world):
    _hood, _trekker, team, _activity, _template, _coordinator, _fund = world
    prefix = new_prefix()
    shared = _app_on(app, redis_url, CACHE_KEY_PREFIX=prefix, CACHE_RETRY_SECONDS=0)
    visitor = Client(shared.test_client())
    url = f"/teams/{team.id}"
    try:
        first = visitor.get(url)
        assert visitor.get(url, headers={"If-None-Match": first.headers["ETag"]}).status_code == 304  # stored
        with shared.app_context():
            store = cache.cache
            with monkeypatch.context() as outage:
                stopped = redis.Redis.from_url(CLOSED, socket_connect_timeout=0.5)
                outage.setattr(store, "_read_client", stopped)
                outage.setattr(store, "_write_client", stopped)
                db.session.get(Team, team.id).name = "Samen Sterker"
                db.session.commit()  # its bump is lost
                assert health().lost
            # Redis answers again: the next call first replaces every page.
            again = visitor.get(url, headers={"If-None-Match": first.headers["ETag"]})
            assert again.status_code == 200 and "Samen Sterker" in again.get_data(as_text=True)
            assert not health().lost
    finally:
        forget_keys(redis_url, prefix)
        with shared.app_context():
            db.engine.dispose()
