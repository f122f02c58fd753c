"""The numbers in a logged-in person's menu: join requests waiting for the teams they lead,
unread messages, a seat in a regie-group and, for the helpdesk, the open questions.

The first three are read with the account itself, in the statement that loads the user for
Flask-Login (`load_user`): a logged-in page then spends no statement of its own on its menu,
except the helpdesk's count for staff. A write in the request drops them (core.request_cache)
and the menu asks again."""

import functools
from dataclasses import dataclass

import sqlalchemy as sa
from flask_login import current_user

from app.accounts.models import User
from app.core.notifications import unread_query
from app.core.policy import can, is_staff
from app.core.request_cache import request_cache
from app.core.timezone import local_today
from app.extensions import db
from app.helpdesk.queries import open_query
from app.money.funds.queries import seated_somewhere
from app.teams.memberships import waiting_query


@dataclass(frozen=True)
class Menu:
    waiting: int = 0
    unread: int = 0
    in_a_regie_group: bool = False
    open_questions: int = 0


def _counts() -> tuple:
    """The counts as columns of a statement that selects from `user` (correlated)."""
    today = sa.bindparam("today", type_=sa.Date)
    return waiting_query(User).scalar_subquery(), unread_query(User).scalar_subquery(), seated_somewhere(User, today)


@functools.cache
def _statements() -> tuple[sa.Select, sa.Select]:
    """The account with its menu's counts, and the counts alone. Built once, with the user
    and today as parameters: every logged-in request reads them, and building the three
    subqueries took longer than PostgreSQL takes to answer."""
    mine = User.id == sa.bindparam("user_id")
    return sa.select(User, *_counts()).where(mine), sa.select(*_counts()).where(mine)


def _read(statement: sa.Select, user_id: int):
    return db.session.execute(statement, {"user_id": user_id, "today": local_today()}).one_or_none()


def load_user(user_id: int) -> User | None:
    """The account with its menu's counts, in one statement."""
    row = _read(_statements()[0], user_id)
    if row is None:
        return None
    user, *counts = row
    request_cache("menu")[user.id] = counts
    return user


def menu() -> Menu:
    cache = request_cache("menu")
    user = current_user
    if not user.is_authenticated:
        return Menu()
    if "menu" not in cache:
        counts = cache.get(user.id) or _read(_statements()[1], user.id)
        waiting, unread, seated = counts
        open_questions = db.session.scalar(open_query(user)) if can(user, "helpdesk.manage") else 0
        # Staff reach the funds through their own menu item.
        cache["menu"] = Menu(waiting, unread, seated and not is_staff(user), open_questions)
    return cache["menu"]
