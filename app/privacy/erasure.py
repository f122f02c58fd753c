"""Erasing a person's data (AVG art. 17), driven by the registry: their own rows go, the
records that must stay (money, decisions, a team's helpdesk threads) keep pointing at the
account row, which is anonymised rather than removed. The fund's ledger is not touched at
all, so every balance is the same before and after. Services flush; the request commits."""

import secrets
from datetime import timedelta

import sqlalchemy as sa

from app.accounts.admin import keep_an_admin
from app.accounts.models import User, new_session_token
from app.accounts.passwords import verify_password
from app.coaching.models import AssistedRegistration
from app.core import uploads
from app.core.audit import record
from app.core.errors import AuthenticationFailed, RuleViolated
from app.core.i18n import lazy_gettext as _l
from app.core.models import utcnow
from app.core.policy import authorize
from app.core.timezone import local_today
from app.extensions import db
from app.money.models import RegieMember
from app.money.requests.models import RequestStatus, VoucherRequest
from app.privacy.registry import REGISTRY, Erase, Key, matches
from app.privacy.scrub import replace_in, scrub
from app.signups import services as signups
from app.signups.models import SignUp, SignUpStatus
from app.teams.models import MemberRole, Membership, MembershipState, Team

ERASED_NAME = "Verwijderde bewoner"
ERASED_EMAIL = "(e-mailadres verwijderd)"
ERASED_CONTACT = "(telefoonnummer of adres verwijderd)"
# An argon2 verify of this fails: no password ever matches it (an empty one would fall back to
# the dummy hash in accounts.passwords).
UNUSABLE_HASH = "!erased"  # noqa: S105 - not a password: a hash no password matches
# A voucher request that still needs the team: to be finished, decided, paid or accounted for.
CLOSED = (RequestStatus.REJECTED, RequestStatus.WITHDRAWN, RequestStatus.SETTLED)


def erase_account(actor: User | None, user: User, reason: str) -> None:
    """Erase `user`'s personal data (actor None: the retention job). The last admin cannot
    go; an account is erased once."""
    if actor is not None:
        authorize(actor, "privacy.handle", user)
    if user.erased_at is not None:
        raise RuleViolated(_l("Dit account is al verwijderd."))
    keep_an_admin(user)
    # No address, or no contact of a resident without one: nothing to look for.
    everywhere = [
        (old, new)
        for old, new in ((user.email, ERASED_EMAIL), (user.name, ERASED_NAME), (_contact(user), ERASED_CONTACT))
        if old
    ]
    first_name = user.first_name
    _leave_teams(actor, user)
    _sign_off(user)
    end_seats(user)
    files = _files_to_remove(user)
    db.session.flush()  # the statements below bypass the session
    for table in REGISTRY:
        for key in table.keys:
            if key.erase == Erase.DELETE:
                db.session.execute(sa.delete(_table(table.name)).where(_matches(table.name, key, user)))
    scrub(user.id, everywhere, [(first_name, ERASED_NAME)])
    # Before anonymising: a deactivated account no longer counts as the actor of the entry.
    reason = replace_in(reason.strip(), everywhere)
    record(actor, "user.erased", user, reason=reason, by_staff=actor not in (None, user))
    anonymise(user)
    db.session.flush()
    db.session.expire_all()  # rows deleted above with plain statements may sit in the session
    for kind, file_name in files:
        uploads.remove(kind, file_name)


def erase_own_account(user: User, password: str) -> None:
    """The person erases their own account after typing their password again."""
    if not verify_password(user.password_hash, password):
        raise AuthenticationFailed(_l("Het wachtwoord klopt niet."), "user.password_check_failed", user)
    erase_account(user, user, "")


def teams_left_without_trekker(user: User) -> list[tuple[Team, int]]:
    """The teams this person is the only trekker of, each with its number of voucher
    requests still open: the confirm page tells what happens to them before anything goes."""
    trekkers = sa.func.count(Membership.id)
    led = (
        sa.select(Membership.team_id)
        .where(Membership.role == MemberRole.TREKKER, Membership.state == MembershipState.ACTIVE)
        .group_by(Membership.team_id)
        .having(trekkers == 1, sa.func.max(Membership.user_id) == user.id)
    )
    open_requests = (
        sa.select(sa.func.count(VoucherRequest.id))
        .where(VoucherRequest.team_id == Team.id, VoucherRequest.status.not_in(CLOSED))
        .scalar_subquery()
    )
    rows = db.session.execute(sa.select(Team, open_requests).where(Team.id.in_(led)).order_by(Team.name, Team.id)).all()
    return [(team, count) for team, count in rows]


def _contact(user: User) -> str | None:
    """The phone number or address of a resident a coordinator registered without e-mail."""
    return db.session.scalar(sa.select(AssistedRegistration.contact).where(AssistedRegistration.user_id == user.id))


def _table(name: str) -> sa.Table:
    return db.metadata.tables[name]


def _matches(table_name: str, key: Key, user: User) -> sa.ColumnElement[bool]:
    return matches(_table(table_name).c[key.column], key, user)


def _leave_teams(actor: User | None, user: User) -> None:
    """Each team sees in its history that the person left; a team left without trekker shows
    up on the coordinator's dashboard (coordination.signals, no trekker)."""
    teams = db.session.scalars(
        sa.select(Team)
        .join(Membership, Membership.team_id == Team.id)
        .where(Membership.user_id == user.id, Membership.state == MembershipState.ACTIVE)
    ).all()
    for team in teams:
        record(actor, "membership.left", team, user_id=user.id, reason="erasure")


def _sign_off(user: User) -> None:
    """A place the person held goes to the first on the waitlist, as at any sign-off."""
    by_address = SignUp.email == user.email if user.email else sa.false()
    holding = db.session.scalars(
        sa.select(SignUp).where(
            sa.or_(SignUp.user_id == user.id, by_address),
            SignUp.status.in_((SignUpStatus.CONFIRMED, SignUpStatus.WAITLISTED)),
        )
    ).all()
    for sign_up in holding:
        signups.sign_off(sign_up)


def end_seats(user: User) -> None:
    """A seat in a regie-group ends yesterday; one whose term had not begun goes. The seats
    stay with the decisions they took part in, for the financial record."""
    yesterday = local_today() - timedelta(days=1)
    seats = db.session.scalars(sa.select(RegieMember).where(RegieMember.user_id == user.id)).all()
    for seat in seats:
        if seat.starts_on > yesterday:
            db.session.delete(seat)
        elif seat.ends_on > yesterday:
            seat.ends_on = yesterday


def _files_to_remove(user: User) -> list[tuple[str, str]]:
    found = []
    for table in REGISTRY:
        deleted = [key for key in table.keys if key.erase == Erase.DELETE]
        if table.files and deleted:
            where = sa.or_(*(_matches(table.name, key, user) for key in deleted))
            names = db.session.scalars(sa.select(_table(table.name).c.file_name).where(where))
            found += [(table.files, name) for name in names]
    return found


def anonymise(user: User) -> None:
    """The account row stays for the records that point at it, with nothing left of the
    person; a new session token ends every session and remember-me cookie at once."""
    now = utcnow()
    user.name = ERASED_NAME
    user.email = f"verwijderd-{secrets.token_hex(12)}@invalid"
    user.password_hash = UNUSABLE_HASH
    user.session_token = new_session_token()
    user.neighbourhood_id = None
    user.birth_year = None
    user.is_admin = user.is_coordinator = False
    user.password_changed_at = None
    # Nor can the organisation's account or an authenticator app reach this row again.
    user.oidc_issuer = user.oidc_subject = user.totp_secret = user.totp_last_step = None
    user.recovery_code_hashes = []
    user.deactivated_at, user.deactivation_reason = now, ""
    user.erased_at = now
