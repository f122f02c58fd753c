"""The numbers in a logged-in person's menu, asked in one statement per page: join requests
waiting for the teams they lead, unread messages, a seat in a regie-group and, for the
helpdesk, the open questions."""

from dataclasses import dataclass

import sqlalchemy as sa
from flask import g
from flask_login import current_user

from app.core.notifications import unread_query
from app.core.policy import can, is_staff
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


def menu() -> Menu:
    if "menu" not in g:
        g.menu = _ask(current_user)
    return g.menu


def _ask(user) -> Menu:
    if not user.is_authenticated:
        return Menu()
    none, no = sa.literal(0), sa.false()
    row = db.session.execute(
        sa.select(
            waiting_query(user).scalar_subquery(),
            unread_query(user).scalar_subquery(),
            # Staff reach the funds through their own menu item.
            no if is_staff(user) else seated_somewhere(user),
            open_query(user).scalar_subquery() if can(user, "helpdesk.manage") else none,
        )
    ).one()
    return Menu(*row)
