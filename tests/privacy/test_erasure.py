"""Erasing an account: personal data gone everywhere, money records kept and balanced."""

from app.accounts.models import User
from app.extensions import db
from app.privacy.erasure import ERASED_NAME, erase_account
from tests.factories import make_neighbourhood, make_team, make_user


def test_smoke():
    hood = make_neighbourhood()
    anna = make_user("Anna Smoketest", hood)
    make_team(hood, anna)
    erase_account(anna, anna, "zelf")
    assert db.session.get(User, anna.id).name == ERASED_NAME
