"""The numbers in a logged-in person's menu: join requests waiting for the teams they lead,
unread messages, a seat in a regie-group and, for the helpdesk, the open questions.

The first three are read with the account itself, in the statement that loads the user for
Flask-Login (`load_user`): a logged-in page then spends no statement of its own on its menu,
except the helpdesk's count for staff. A write in the request drops them (core.request_cache)
and the menu asks again."""

from dataclasses import dataclass

import sqlalchemy as sa
from flask_login import current_user

from app.accounts.models import User
from app.core.notifications import unread_query
from app.core.policy import can, is_staff
from app.core.request_cache import request_cache
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
    return waiting_query(User).scalar_subquery(), unread_query(User).scalar_subquery(), seated_somewhere(User)


def load_user(user_id: int) -> User | None:
    """The account with its menu's counts, in one statement."""
    row = db.session.execute(sa.select(User, *_counts()).where(User.id == user_id)).one_or_none()
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
        counts = cache.get(user.id) or db.session.execute(sa.select(*_counts()).where(User.id == user.id)).one()
        waiting, unread, seated = counts
        open_questions = db.session.scalar(open_query(user)) if can(user, "helpdesk.manage") else 0
        # Staff reach the funds through their own menu item.
        cache["menu"] = Menu(waiting, unread, seated and not is_staff(user), open_questions)
    return cache["menu"]
