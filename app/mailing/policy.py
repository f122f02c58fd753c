"""Only the person chooses which mails they get. The links in the mails need no login: their
signed token is the proof (core.mail_preferences)."""

from app.core.policy import rule


@rule("mailing.choose")
def choose(user, person) -> bool:
    return user.is_authenticated and user.id == person.id
