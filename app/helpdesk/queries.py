"""Reading helpdesk questions: loaded through the team the reader may see, and lists that
load what their page shows in a fixed number of statements, whatever their length."""

import sqlalchemy as sa
from flask import abort, current_app
from sqlalchemy.dialects.postgresql import distinct_on
from sqlalchemy.orm import contains_eager, joinedload

from app.accounts.models import User
from app.core.pagination import Page, paginate
from app.core.policy import authorize
from app.core.scope import coordinators_of, in_scope
from app.extensions import db
from app.helpdesk.models import Question, QuestionMessage, QuestionStatus
from app.teams.models import Membership, MembershipState, Team, TeamStatus
from app.teams.services import load_team_or_404

# Whose questions the coordinators' list shows.
MINE, NOBODY = "mij", "niemand"


def _people() -> tuple:
    # Built per query, not at import: a loader option configures every mapper, which must
    # wait until all features' models are imported.
    return (joinedload(Question.asked_by), joinedload(Question.entered_by), joinedload(Question.assigned_to))


def load_team(user, action: str, team_id: int) -> Team:
    """For routes: the team if `user` may do `action` there (404 when it does not exist, 403
    when it is not theirs)."""
    team = load_team_or_404(team_id)
    authorize(user, action, team)
    return team


def load_question(user, action: str, team_id: int, question_id: int) -> tuple[Team, Question]:
    """The team and its question: another team's question does not exist here (404)."""
    team = load_team(user, action, team_id)
    question = db.session.scalar(
        sa.select(Question).options(*_people()).where(Question.id == question_id, Question.team_id == team.id)
    )
    if question is None:
        abort(404)
    return team, question


def messages_of(question: Question) -> list[QuestionMessage]:
    return list(
        db.session.scalars(
            sa.select(QuestionMessage)
            .options(joinedload(QuestionMessage.author), joinedload(QuestionMessage.entered_by))
            .where(QuestionMessage.question_id == question.id)
            .order_by(QuestionMessage.created_at, QuestionMessage.id)
        )
    )


def last_from_team(question_ids: list[int]) -> dict[int, str]:
    """Per question, the team's newest message, in one statement: what an answer given on
    another page (the coordinators' signals) replies to."""
    rows = db.session.execute(
        sa.select(QuestionMessage.question_id, QuestionMessage.body)
        .where(QuestionMessage.question_id.in_(question_ids), QuestionMessage.from_helpdesk.is_(False))
        .order_by(QuestionMessage.question_id, QuestionMessage.created_at.desc(), QuestionMessage.id.desc())
        .ext(distinct_on(QuestionMessage.question_id))
    )
    return {question_id: body for question_id, body in rows}


def _in_order(query: sa.Select) -> sa.Select:
    """Open questions first, the longest waiting first; then the rest, newest first."""
    rank = sa.case(
        (Question.status == QuestionStatus.OPEN, 0),
        (Question.status == QuestionStatus.WAITING, 1),
        else_=2,
    )
    waiting = Question.awaiting_answer_since
    return query.order_by(rank, waiting.is_(None), waiting, Question.id.desc())


def of_team(team: Team, page: int) -> Page:
    query = sa.select(Question).options(*_people()).where(Question.team_id == team.id)
    return paginate(_in_order(query), page, current_app.config["PAGE_SIZE"])


def for_helpdesk(user, status: QuestionStatus | None, who: str, page: int) -> Page:
    """The coordinators' list of the questions of every team in `user`'s scope, with their
    team and people."""
    query = (
        sa.select(Question)
        .join(Team, Team.id == Question.team_id)
        .options(contains_eager(Question.team).joinedload(Team.neighbourhood), *_people())
        .where(in_scope(user, Team.neighbourhood_id))
    )
    if status is not None:
        query = query.where(Question.status == status)
    if who == MINE:
        query = query.where(Question.assigned_to_id == user.id)
    elif who == NOBODY:
        query = query.where(Question.assigned_to_id.is_(None))
    return paginate(_in_order(query), page, current_app.config["PAGE_SIZE"])


def open_query(user) -> sa.Select:
    """Questions of the teams in `user`'s scope that wait for the helpdesk (for the menu)."""
    return (
        sa.select(sa.func.count())
        .select_from(Question)
        .join(Team, Team.id == Question.team_id)
        .where(Question.status == QuestionStatus.OPEN, in_scope(user, Team.neighbourhood_id))
    )


def coordinators(team: Team) -> list[User]:
    """Who a question of the team can be assigned to: coordinators of its municipality whose
    account is in use."""
    return list(
        db.session.scalars(
            sa.select(User)
            .where(
                User.is_coordinator.is_(True),
                User.deactivated_at.is_(None),
                User.id.in_(coordinators_of(team.neighbourhood_id)),
            )
            .order_by(User.name)
        )
    )


def active_members(team: Team) -> list[User]:
    """The team's active members, for whom a coordinator may enter a question."""
    return list(
        db.session.scalars(
            sa.select(User)
            .join(Membership, Membership.user_id == User.id)
            .where(Membership.team_id == team.id, Membership.state == MembershipState.ACTIVE)
            .order_by(User.name, User.id)
        )
    )


def teams_of(user) -> list[Team]:
    """The teams for which `user` may ask a question (active member, team not stopped)."""
    return list(
        db.session.scalars(
            sa.select(Team)
            .join(Membership, Membership.team_id == Team.id)
            .where(
                Membership.user_id == user.id,
                Membership.state == MembershipState.ACTIVE,
                Team.status != TeamStatus.ARCHIVED,
            )
            .order_by(Team.name, Team.id)
        )
    )


def open_teams(user) -> list[Team]:
    """Teams in `user`'s scope a coordinator can enter a question for, with their neighbourhood."""
    return list(
        db.session.scalars(
            sa.select(Team)
            .options(joinedload(Team.neighbourhood))
            .where(Team.status != TeamStatus.ARCHIVED, in_scope(user, Team.neighbourhood_id))
            .order_by(Team.name, Team.id)
        )
    )
