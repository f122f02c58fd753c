"""Expected answers for the mailing routes, per role (see tests/test_permissions.py): everyone
chooses their own mails once logged in; the one-click link from a mail works for whoever has
it, without a login (its signed token is the proof)."""

from app.core.mail_preferences import MailKind, unsubscribe_token
from tests.permission_rules import everyone, logged_in

CASES: dict[str, dict[str, str]] = {
    "mailing.preferences": logged_in(),
    "mailing.unsubscribe": everyone(),
}


def url_args(team, people) -> dict[str, object]:
    return {"mail_token": unsubscribe_token(people["resident"].id, MailKind.SIGNUPS)}
