"""A neighbourhood with a team and its trekker, for the feed and invitation tests."""

import pytest

from tests.factories import make_neighbourhood, make_team, make_user


@pytest.fixture
def hood():
    return make_neighbourhood("Kruiskamp")


@pytest.fixture
def trekker(hood):
    return make_user("Fatima", hood)


@pytest.fixture
def team(hood, trekker):
    return make_team(hood, trekker, name="Pruimengaarde Samen")
