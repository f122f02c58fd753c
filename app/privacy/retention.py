"""Retention: what the app no longer needs goes, one rule per function, all run daily by
`flask privacy purge`. Each rule takes the time to judge by (`now`), changes only what is
due at that time, and leaves nothing for a second run at the same time to do. Rules flush;
the command commits once. The periods are settings (config.py, RETENTION_*) and are named
on the privacy page.

Financial records are kept for the fiscal period and then anonymised, never deleted: their
amounts and the ledger stay as they are (the database refuses to change a ledger row). The
nullable links to the people in them are cleared; an advice (assessment) exists only as one
person's opinion and goes. A ledger row's actor stays: it points at an account row, which
is anonymised when that account is erased (on request, or here after inactivity).

Each rule, and within the account rules each account, runs in a savepoint of its own: one
that fails is rolled back alone (its files stay, core.uploads), logged and counted, and the
rest of the run goes on and is committed."""

import logging
from collections.abc import Callable, Iterable
from datetime import date, datetime, timedelta

import sqlalchemy as sa
from flask import current_app
from flask_babel import force_locale, format_date
from flask_babel import gettext as _

from app.accounts.models import User
from app.activities.models import Activity
from app.coaching import residents
from app.coaching.models import AssistedRegistration
from app.core.audit import AuditEntry
from app.core.errors import RuleViolated
from app.core.mail import OutboxMail, queue_mail
from app.core.urls import external_url
from app.extensions import db
from app.letter.models import LetterSubscription
from app.money.models import Fund, LedgerEntry
from app.money.requests.models import Accountability, Assessment, Decision, Receipt, VoucherRequest
from app.privacy.erasure import erase_account
from app.signups.models import SignUp, SignUpStatus

log = logging.getLogger(__name__)
FAILED = "failed, rolled back alone (see the log)"

# Audit details that say what happened and to which record, never who: a pseudonymised entry
# keeps these (the reports read a team's status history from them) and loses the rest.
AUDIT_KEPT_DETAILS = frozenset(
    {
        "status", "kind", "role", "round", "outcome", "advice", "channel", "signal", "fields", "story_public",
        "amount_cents", "requested_cents", "total_cents", "spent_cents", "returned_cents", "homes",
        "team_id", "activity_id", "template_id", "invitation_id", "receipt_id", "entry_id", "corrects_id",
        "area_id", "message_id", "slug", "cbs_code", "starts_on", "ends_on", "visited_on", "happened_on",
    }
)  # fmt: skip


def months_before(moment: datetime, months: int) -> datetime:
    """The same day and time `months` calendar months earlier (the last day of a shorter month)."""
    index = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(index, 12)
    last_day = (date(year + (month + 1) // 12, (month + 1) % 12 + 1, 1) - timedelta(days=1)).day
    return moment.replace(year=year, month=month + 1, day=min(moment.day, last_day))


def _setting(name: str) -> int:
    return current_app.config[f"RETENTION_{name}"]


def _each_apart(users: Iterable[User], act: Callable[[User], object], what: str) -> tuple[int, int]:
    """`act` on each account in a savepoint of its own: how many were done, and how many
    failed (each rolled back alone and logged). One a rule of the app refuses (the last
    admin) is neither."""
    done = failed = 0
    for user in users:
        try:
            with db.session.begin_nested():
                act(user)
            done += 1
        except RuleViolated:
            continue
        except Exception:
            log.exception("privacy purge: %s account %s failed", what, user.id)
            failed += 1
    return done, failed


# --- visitors and mail ----------------------------------------------------------------


def unconfirmed_signups(now: datetime) -> int:
    """A visitor's sign-up that nobody confirmed within the period goes."""
    cutoff = now - timedelta(hours=_setting("UNCONFIRMED_SIGNUP_HOURS"))
    return db.session.execute(
        sa.delete(SignUp).where(SignUp.status == SignUpStatus.PENDING, SignUp.created_at < cutoff)
    ).rowcount


def visitor_signups(now: datetime) -> int:
    """A visitor's sign-up goes the period after the activity; a resident's stays with their
    account. An activity without a date counts from the sign-up."""
    cutoff = now - timedelta(days=_setting("VISITOR_SIGNUP_DAYS"))
    activity_day = (
        sa.select(sa.func.coalesce(Activity.ends_at, Activity.starts_at))
        .where(Activity.id == SignUp.activity_id)
        .scalar_subquery()
    )
    return db.session.execute(
        sa.delete(SignUp).where(SignUp.user_id.is_(None), sa.func.coalesce(activity_day, SignUp.created_at) < cutoff)
    ).rowcount


def unconfirmed_letters(now: datetime) -> int:
    """An address for the neighbourhood letter whose link nobody followed goes."""
    cutoff = now - timedelta(hours=_setting("UNCONFIRMED_LETTER_HOURS"))
    return db.session.execute(
        sa.delete(LetterSubscription).where(
            LetterSubscription.confirmed_at.is_(None), LetterSubscription.created_at < cutoff
        )
    ).rowcount


def sent_mails(now: datetime) -> int:
    """A sent mail goes whole the period after sending: nothing reads it once it went out,
    and its recipient and subject are as personal as its text. So does a mail given up after
    its last try. Unsent mail stays queued."""
    cutoff = now - timedelta(days=_setting("SENT_MAIL_DAYS"))
    done = sa.or_(OutboxMail.sent_at < cutoff, OutboxMail.gave_up_at < cutoff)
    return db.session.execute(sa.delete(OutboxMail).where(done)).rowcount


# --- accounts -------------------------------------------------------------------------


def _assisted():
    return sa.exists().where(AssistedRegistration.user_id == User.id)


def unactivated_accounts(now: datetime) -> tuple[int, int]:
    """An account whose activation link expired unused goes entirely (its audit entries lose
    their actor by the foreign key). One a coordinator already used on the person's behalf
    (a join request) is erased instead, as its rows refer to it. A resident a coordinator
    registered without e-mail never activated anything: the inactivity rules hold for them."""
    cutoff = now - timedelta(days=_setting("UNACTIVATED_ACCOUNT_DAYS"))
    users = db.session.scalars(
        sa.select(User).where(
            User.email_confirmed_at.is_(None), User.erased_at.is_(None), User.created_at < cutoff, ~_assisted()
        )
    ).all()
    return _each_apart(users, _delete_or_erase, "deleting unactivated")


def _delete_or_erase(user: User) -> None:
    try:
        with db.session.begin_nested():
            db.session.delete(user)
    except sa.exc.IntegrityError:
        erase_account(None, user, "")


def _last_seen():
    return sa.func.coalesce(User.last_seen_at, User.created_at)


def warn_inactive_accounts(now: datetime) -> int:
    """An activated account unused for the period is told by mail, once, that it will be
    erased unless the person logs in; logging in clears the warning (accounts.sessions).
    For a resident who cannot log in (registered by a coordinator, without e-mail) the
    coordinator who registered them is told instead; acting for them clears the warning."""
    cutoff = months_before(now, _setting("INACTIVE_ACCOUNT_MONTHS"))
    users = db.session.scalars(
        sa.select(User)
        .where(
            User.erased_at.is_(None),
            sa.or_(User.email_confirmed_at.is_not(None), _assisted()),
            User.inactivity_warned_at.is_(None),
            _last_seen() < cutoff,
        )
        .order_by(User.id)
    ).all()
    erase_on = (now + timedelta(days=_setting("INACTIVE_WARNING_DAYS"))).date()
    for user in users:
        user.inactivity_warned_at = now
        if user.email_confirmed_at is None:
            residents.warn_coordinator(user, erase_on)
        else:
            _mail_warning(user, erase_on)
    db.session.flush()
    return len(users)


def _mail_warning(user: User, erase_on: date) -> None:
    with force_locale("nl"):
        queue_mail(
            user.email,
            _("Uw account bij Buurtmakers wordt verwijderd"),
            _(
                "Hallo %(name)s,\n\nU heeft al lang niet meer ingelogd bij Buurtmakers. We bewaren geen "
                "gegevens die niet meer nodig zijn. Daarom verwijderen we uw account op %(day)s.\n\n"
                "Wilt u uw account houden? Log dan voor die dag in via %(link)s\n\n"
                "Wilt u uw account niet meer? Dan hoeft u niets te doen.",
                name=user.first_name,
                day=format_date(erase_on, "long"),
                link=external_url("accounts.login"),
            ),
        )


def erase_inactive_accounts(now: datetime) -> tuple[int, int]:
    """An account still unused the grace period after its warning is erased, the same way as
    when the person asks for it; the last admin stays (erasure refuses it)."""
    cutoff = now - timedelta(days=_setting("INACTIVE_WARNING_DAYS"))
    users = db.session.scalars(
        sa.select(User)
        .where(User.erased_at.is_(None), User.inactivity_warned_at < cutoff, _last_seen() < User.inactivity_warned_at)
        .order_by(User.id)
    ).all()
    return _each_apart(users, lambda user: erase_account(None, user, reason="inactive"), "erasing inactive")


# --- records kept for a period --------------------------------------------------------


def audit_entries(now: datetime) -> int:
    """An audit entry past the period keeps what happened to which record and when, and
    loses who did it and every personal detail (an IP address, a name, a reason typed)."""
    cutoff = months_before(now, _setting("AUDIT_MONTHS"))
    entries = db.session.scalars(
        sa.select(AuditEntry).where(AuditEntry.at < cutoff, AuditEntry.pseudonymised_at.is_(None))
    ).all()
    for entry in entries:
        entry.actor_id = entry.origin = None
        entry.data = {key: value for key, value in entry.data.items() if key in AUDIT_KEPT_DETAILS}
        entry.pseudonymised_at = now
    db.session.flush()
    return len(entries)


def _financial_requests(now: datetime):
    """Requests whose fund year and last money movement are older than the fiscal period."""
    cutoff = months_before(now, 12 * _setting("FINANCIAL_YEARS"))
    moved_since = sa.exists().where(LedgerEntry.request_id == VoucherRequest.id, LedgerEntry.created_at >= cutoff)
    # Not correlated with the statement it is used in, which may be an UPDATE of voucher_request.
    return (
        sa.select(VoucherRequest.id)
        .join(Fund, Fund.id == VoucherRequest.fund_id)
        .where(Fund.period_end < cutoff.date(), ~moved_since)
        .correlate(None)
    )


def financial_records(now: datetime) -> int:
    """Past the fiscal period a request, its decisions, accountability and receipts no
    longer say who wrote, decided, reviewed or uploaded them, and the advices go; amounts,
    texts and the ledger stay as they were."""
    due = _financial_requests(now)
    links = (
        (VoucherRequest, VoucherRequest.id, VoucherRequest.created_by_id),
        (Decision, Decision.request_id, Decision.decided_by_id),
        (Accountability, Accountability.request_id, Accountability.submitted_by_id),
        (Accountability, Accountability.request_id, Accountability.reviewed_by_id),
        (Receipt, Receipt.request_id, Receipt.uploaded_by_id),
    )
    changed = 0
    for model, request_id, person in links:
        changed += db.session.execute(
            sa.update(model)
            .where(request_id.in_(due), person.is_not(None))
            .values({person.key: None})
            .execution_options(synchronize_session=False)
        ).rowcount
    changed += db.session.execute(sa.delete(Assessment).where(Assessment.request_id.in_(due))).rowcount
    return changed


# --- the daily run --------------------------------------------------------------------

# Erasing before warning: an account warned today is never erased in the same run.
RULES = (
    ("unconfirmed visitor sign-ups deleted", unconfirmed_signups),
    ("visitor sign-ups deleted", visitor_signups),
    ("unconfirmed letter addresses deleted", unconfirmed_letters),
    ("sent mails deleted", sent_mails),
    ("unactivated accounts deleted", unactivated_accounts),
    ("inactive accounts erased", erase_inactive_accounts),
    ("inactive accounts warned", warn_inactive_accounts),
    ("audit entries pseudonymised", audit_entries),
    ("financial records anonymised", financial_records),
)


def purge(now: datetime) -> dict[str, int]:
    """Every rule once, at `now`, each apart (see _apart); what each changed, by rule, and how
    many rules or accounts failed."""
    done, failed = {}, 0
    for label, rule in RULES:
        try:
            with db.session.begin_nested():
                result = rule(now)
        except Exception:
            log.exception("privacy purge: %s failed", label)
            result, failed = 0, failed + 1
        done[label], accounts_failed = result if isinstance(result, tuple) else (result, 0)
        failed += accounts_failed
    return done | {FAILED: failed}
