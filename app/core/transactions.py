"""Work outside the database that must follow the fate of the transaction it belongs to: a
file removed only once the row that named it is gone for good, a file written for a row that
never came removed again (core.uploads).

An action is queued on the innermost transaction of the session, a savepoint too. When that
transaction commits, its actions move to the enclosing one; after the outermost commit the
after-commit actions run. When it rolls back (or the session closes without committing),
its after-commit actions are dropped and its rollback actions run. A failing action is
logged and does not stop the others: the commit has happened by then."""

import logging
from collections.abc import Callable

import sqlalchemy as sa
from sqlalchemy import orm

from app.extensions import db

log = logging.getLogger(__name__)

QUEUES = "transaction_queues"  # session.info: transaction -> (after commit, on rollback)
COMMITTED = "transactions_committed"  # session.info: transactions that committed, until they end

Action = Callable[[], None]


def after_commit(action: Action) -> None:
    _queues(db.session())[0].append(action)


def on_rollback(action: Action) -> None:
    _queues(db.session())[1].append(action)


def _innermost(session: orm.Session) -> orm.SessionTransaction | None:
    return session.get_nested_transaction() or session.get_transaction()


def _queues(session: orm.Session) -> tuple[list[Action], list[Action]]:
    transaction = _innermost(session)
    if transaction is None:
        session.connection()  # begins the transaction the action belongs to
        transaction = _innermost(session)
    return session.info.setdefault(QUEUES, {}).setdefault(transaction, ([], []))


def _committed(session: orm.Session) -> None:
    # Called while the committing transaction (a savepoint or the outermost) is still current.
    session.info.setdefault(COMMITTED, set()).add(_innermost(session))


def _ended(session: orm.Session, transaction: orm.SessionTransaction) -> None:
    committed = transaction in session.info.get(COMMITTED, ())
    session.info.get(COMMITTED, set()).discard(transaction)
    queued = session.info.get(QUEUES, {}).pop(transaction, None)
    if queued is None:
        return
    commit_actions, rollback_actions = queued
    if not committed:
        _run(rollback_actions)
    elif transaction.parent is None:
        _run(commit_actions)
    else:
        enclosing = transaction.parent
        while enclosing.parent is not None and not enclosing.nested:  # past the flushes' subtransactions
            enclosing = enclosing.parent
        later = session.info[QUEUES].setdefault(enclosing, ([], []))
        later[0].extend(commit_actions)
        later[1].extend(rollback_actions)


def _run(actions: list[Action]) -> None:
    for action in actions:
        try:
            action()
        except Exception:
            log.exception("an action after the end of a transaction failed")


if not sa.event.contains(orm.Session, "after_transaction_end", _ended):
    sa.event.listen(orm.Session, "after_commit", _committed)
    sa.event.listen(orm.Session, "after_transaction_end", _ended)
