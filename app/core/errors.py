"""Domain errors that services raise and views turn into messages."""


class DomainError(Exception):
    """Base for refusals; `message` is user-facing and already translated (lazy)."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


class NotAllowed(DomainError):
    """The acting user may not do this."""


class Gone(DomainError):
    """What the action is about was removed meanwhile (by a request at the same moment):
    to the person it no longer exists (404), as if it had been gone when the page loaded."""

    def __init__(self):
        super().__init__("gone")


class RuleViolated(DomainError):
    """The action breaks a business rule; the message says which. `field` names the form
    field the message belongs to, when one does (it is shown there, and the summary links to it)."""

    def __init__(self, message, field: str | None = None):
        super().__init__(message)
        self.field = field


class UnknownAction(LookupError):
    """A permission was asked for an action that no feature registered (deny loudly)."""


class AuthenticationFailed(RuleViolated):
    """A wrong e-mail/password or a wrong current password. It counts as a failed attempt for
    the guessing limits and is audited even though the request's own work is rolled back.
    `subject` is the account that was tried, when it exists."""

    def __init__(self, message, action: str, subject=None):
        super().__init__(message)
        self.action = action
        self.subject = subject
