"""Expected answers for the neighbourhood letter's routes, per role (see tests/test_permissions.py):
anyone may ask for it, and the links from its mails work for whoever has them."""

from app.extensions import db
from app.letter.models import LetterSubscription
from tests.permission_rules import everyone

CASES: dict[str, dict[str, str]] = {
    "letter.subscribe": everyone(),
    "letter.confirm": everyone(),
    "letter.unsubscribe": everyone(),
}


def url_args(team, people) -> dict[str, object]:
    subscription = LetterSubscription(neighbourhood_id=team.neighbourhood_id, email="buur@example.org", token="brief")
    db.session.add(subscription)
    db.session.flush()
    return {"letter_token": subscription.token}
